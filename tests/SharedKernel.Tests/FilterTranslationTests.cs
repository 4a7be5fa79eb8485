using IpShield.SharedKernel.GraphQL.Filtering;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace IpShield.SharedKernel.Tests;

public sealed class FilterTranslationTests
{
    private static readonly Item[] Catalogue =
    [
        new() { Name = "ÉCOLE Zoë", On = new DateOnly(2024, 10, 1), Colour = Colour.Red },
        new() { Name = "école du Nord", On = new DateOnly(2024, 11, 1), Colour = Colour.Green },
        new() { Name = "知识产权工作站", On = new DateOnly(2025, 1, 1), Colour = Colour.Green },
        new() { Name = "محطة", On = new DateOnly(2025, 2, 1), Colour = Colour.Red },
    ];

    [Theory]
    [InlineData("école", 2)]
    [InlineData("ZOË", 1)]
    [InlineData("产权", 1)]
    [InlineData("محطة", 1)]
    [InlineData("%", 0)]
    public async Task Contains_ignores_case_beyond_ASCII_and_treats_wildcards_as_text(string term, int expected)
    {
        var (catalog, connection) = await TestCatalog.CreateAsync(Catalogue.Select(Copy));
        await using var _ = connection;
        using var __ = catalog;

        var count = await catalog.Items.Where(i => i.Name, new StringFilter { Contains = term }, "name").CountAsync(TestContext.Current.CancellationToken);

        Assert.Equal(expected, count);
    }

    [Fact]
    public async Task Conditions_combine_and_ranges_include_their_bounds()
    {
        var (catalog, connection) = await TestCatalog.CreateAsync(Catalogue.Select(Copy));
        await using var _ = connection;
        using var __ = catalog;

        var names = await catalog.Items
            .Where(i => i.On, new DateFilter { Gte = new DateOnly(2024, 11, 1), Lt = new DateOnly(2025, 2, 1) }, "on")
            .Where(i => i.Colour, new EnumFilter<Colour> { In = [Colour.Green] }, "colour")
            .OrderBy(i => i.On).Select(i => i.Name).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["école du Nord", "知识产权工作站"], names);
    }

    [Fact]
    public void A_range_that_cannot_match_is_an_error_not_an_empty_page()
    {
        var error = Assert.Throws<UserInputError>(() =>
            Array.Empty<Item>().AsQueryable().Where(i => i.On, new DateFilter { Gt = new DateOnly(2025, 1, 1), Lte = new DateOnly(2025, 1, 1) }, "where.on"));

        Assert.Equal(ErrorCodes.InvalidFilter, error.Code);
        Assert.Contains("where.on", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_of_the_wrong_type_in_a_reference_filter_is_an_invalid_id()
    {
        var parkId = GlobalId.Encode("Park", Guid.CreateVersion7());

        var error = Assert.Throws<UserInputError>(() =>
            Array.Empty<Item>().AsQueryable().Where(i => i.Id, new IdFilter { Eq = parkId }, "Workstation", "where.id"));

        Assert.Equal(ErrorCodes.InvalidId, error.Code);
    }

    private static Item Copy(Item item) => new() { Name = item.Name, On = item.On, Colour = item.Colour };
}
