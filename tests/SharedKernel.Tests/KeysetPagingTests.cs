using IpShield.SharedKernel.GraphQL.Paging;
using IpShield.SharedKernel.GraphQL.Payloads;

namespace IpShield.SharedKernel.Tests;

public sealed class KeysetPagingTests
{
    private static readonly SortKey<Item> ByOn = SortKey<Item>.By("on", i => i.On);
    private static readonly SortKey<Item> ByName = SortKey<Item>.By("name", i => i.Name);

    /// <summary>Many items share a date, so the id tie-break decides the order within a date.</summary>
    private static List<Item> Items() =>
        [.. Enumerable.Range(0, 23).Select(i => new Item { Name = $"item {i:00}", On = new DateOnly(2025, 1, 1).AddDays(i % 4) })];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Walking_forward_page_by_page_visits_every_row_once_in_order(bool descending)
    {
        var items = Items();
        var (catalog, connection) = await TestCatalog.CreateAsync(items);
        await using var _ = connection;
        using var __ = catalog;
        var expected = (descending ? items.OrderByDescending(i => i.On).ThenByDescending(i => i.Id) : items.OrderBy(i => i.On).ThenBy(i => i.Id)).Select(i => i.Id).ToList();

        var seen = new List<Guid>();
        string? after = null;
        Connection<Item> page;
        do
        {
            page = await catalog.Items.ToConnectionAsync(ByOn, descending, new PageRequest(5, after, null, null), TestContext.Current.CancellationToken);
            seen.AddRange(page.Edges.Select(e => e.Node.Id));
            after = page.PageInfo.EndCursor;
        }
        while (page.PageInfo.HasNextPage);

        Assert.Equal(expected, seen);
        Assert.Equal(23, await page.Count().GetResultAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Walking_backward_from_the_end_gives_the_same_rows()
    {
        var items = Items();
        var (catalog, connection) = await TestCatalog.CreateAsync(items);
        await using var _ = connection;
        using var __ = catalog;
        var expected = items.OrderBy(i => i.Name).Select(i => i.Id).ToList();

        var seen = new List<Guid>();
        string? before = null;
        Connection<Item> page;
        do
        {
            page = await catalog.Items.ToConnectionAsync(ByName, false, new PageRequest(null, null, 4, before), TestContext.Current.CancellationToken);
            seen.InsertRange(0, page.Edges.Select(e => e.Node.Id));
            before = page.PageInfo.StartCursor;
        }
        while (page.PageInfo.HasPreviousPage);

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task A_cursor_made_for_another_order_is_a_paging_error()
    {
        var (catalog, connection) = await TestCatalog.CreateAsync(Items());
        await using var _ = connection;
        using var __ = catalog;
        var byName = await catalog.Items.ToConnectionAsync(ByName, false, new PageRequest(2, null, null, null), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<UserInputError>(() =>
            catalog.Items.ToConnectionAsync(ByOn, false, new PageRequest(2, byName.PageInfo.EndCursor, null, null), TestContext.Current.CancellationToken));

        Assert.Equal(ErrorCodes.InvalidPaging, error.Code);
    }

    [Theory]
    [InlineData(101, null)]
    [InlineData(-1, null)]
    [InlineData(5, 5)]
    public void Page_sizes_outside_the_cap_or_both_directions_at_once_are_refused(int? first, int? last)
    {
        var error = Assert.Throws<UserInputError>(() => new PageRequest(first, null, last, null).Validate());

        Assert.Equal(ErrorCodes.InvalidPaging, error.Code);
    }
}
