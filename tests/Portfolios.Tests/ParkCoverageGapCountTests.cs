using IpShield.Portfolios.Persistence;
using Gap = IpShield.Portfolios.Persistence.CoverageGapSummary.Gap;

namespace IpShield.Portfolios.Tests;

/// <summary>
/// What replacing an enterprise's stored coverage gaps adds to its park's counts (ADR 0040): enterprises per market, and
/// enterprises with any gap under the empty market.
/// </summary>
public sealed class ParkCoverageGapCountTests
{
    private static readonly Guid Seller = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid OtherSeller = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Park = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid OtherPark = Guid.Parse("00000000-0000-0000-0000-000000000002");

    private static IEnumerable<string> Differences(IReadOnlyCollection<Gap> before, IReadOnlyCollection<Gap> after) =>
        CoverageGapSummary.ParkCountDifferences(before, after)
            .Select(d => $"{(((Guid)d[0]) == Park ? "park" : "other")}:{((string)d[1] is "" ? "any" : d[1])}:{d[2]}");

    [Fact]
    public void A_first_gap_counts_its_market_and_the_enterprise_once()
    {
        Assert.Equal(["park:any:1", "park:AE:1", "park:SA:1"], Differences([], [new(Seller, "AE", Park), new(Seller, "SA", Park)]));
    }

    [Fact]
    public void Closing_one_of_two_gaps_leaves_the_enterprise_counted_and_closing_the_last_removes_it()
    {
        Assert.Equal(["park:SA:-1"], Differences([new(Seller, "AE", Park), new(Seller, "SA", Park)], [new(Seller, "AE", Park)]));
        Assert.Equal(["park:any:-1", "park:AE:-1"], Differences([new(Seller, "AE", Park)], []));
    }

    [Fact]
    public void A_move_takes_every_count_from_the_old_park_to_the_new_one()
    {
        Assert.Equal(
            ["park:any:-1", "park:AE:-1", "park:SA:-1", "other:any:1", "other:AE:1", "other:SA:1"],
            Differences([new(Seller, "AE", Park), new(Seller, "SA", Park)], [new(Seller, "AE", OtherPark), new(Seller, "SA", OtherPark)]));
    }

    [Fact]
    public void Rows_of_an_enterprise_settled_nowhere_count_nowhere_until_it_settles()
    {
        Assert.Empty(Differences([], [new(Seller, "AE", null)]));
        Assert.Equal(["park:any:1", "park:AE:1"], Differences([new(Seller, "AE", null)], [new(Seller, "AE", Park)]));
    }

    [Fact]
    public void Two_enterprises_count_apart_and_unchanged_rows_add_nothing()
    {
        Gap[] both = [new(Seller, "AE", Park), new(OtherSeller, "AE", Park)];
        Assert.Empty(Differences(both, both));
        Assert.Equal(["park:any:-1", "park:AE:-1"], Differences(both, [new(Seller, "AE", Park)]));
    }
}
