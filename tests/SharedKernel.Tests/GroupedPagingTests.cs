using IpShield.SharedKernel.GraphQL.Paging;
using Microsoft.EntityFrameworkCore;

namespace IpShield.SharedKernel.Tests;

/// <summary>The pages of children of many parents, read in one statement (ROW_NUMBER over a partition).</summary>
public sealed class GroupedPagingTests
{
    private static readonly SortKey<Item> ByName = SortKey<Item>.By("name", i => i.Name);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Each_group_gets_its_own_first_rows_in_order(bool descending)
    {
        List<Item> items = [.. Enumerable.Range(0, 17).Select(i => new Item { Name = $"item {i:00}", Colour = i % 3 == 0 ? Colour.Red : Colour.Green })];
        var (catalog, connection) = await TestCatalog.CreateAsync(items);
        await using var _ = connection;
        using var __ = catalog;

        var found = await ByName.OrderBy(ByName.FirstOfEachGroup(catalog.Items, i => i.Colour, descending, 4), descending)
            .ToListAsync(TestContext.Current.CancellationToken);

        foreach (var colour in new[] { Colour.Red, Colour.Green })
        {
            var all = items.Where(i => i.Colour == colour).Select(i => i.Name);
            var expected = (descending ? all.OrderDescending(StringComparer.Ordinal) : all.Order(StringComparer.Ordinal)).Take(4);
            Assert.Equal(expected, found.Where(i => i.Colour == colour).Select(i => i.Name));
        }

        Assert.Equal(8, found.Count);
    }
}
