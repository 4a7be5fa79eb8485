using IpShield.Portfolios.Coverage;
using IpShield.Portfolios.Domain;

namespace IpShield.Portfolios.Tests;

/// <summary>Where an exporter sells without a mark, and why: target markets and platforms against its marks.</summary>
public sealed class CoverageGapsTests
{
    private static IEnumerable<string> Described(IReadOnlyList<CoverageGap> gaps) => gaps.Select(g => $"{g.Market}:{g.Platform}:{g.Reason}");

    [Fact]
    public void Selling_on_noon_to_Saudi_Arabia_with_only_a_UAE_mark_is_a_gap_in_SA()
    {
        var gaps = CoverageGaps.Of(["AE", "SA"], ["Noon"], [new MarkCoverage("AE", RightStatus.Registered, null)]);

        var gap = Assert.Single(gaps);
        Assert.Equal(("SA", "Noon", CoverageGapReason.NoMark), (gap.Market, gap.Platform, gap.Reason));
        Assert.Equal("Sells on Noon to SA with no SA mark registered or pending.", gap.Explanation);
    }

    [Fact]
    public void Selling_on_Amazon_with_no_market_it_runs_among_the_targets_counts_as_Amazon_US()
    {
        var gaps = CoverageGaps.Of(["CN"], ["Amazon"], [new MarkCoverage("CN", RightStatus.Registered, null)]);

        Assert.Equal(["US:Amazon:NoMark"], Described(gaps));
    }

    [Fact]
    public void An_EU_mark_covers_a_member_state_and_the_EU_market_but_not_the_United_Kingdom()
    {
        var gaps = CoverageGaps.Of(["DE", "EU", "GB"], ["Amazon"], [new MarkCoverage("EU", RightStatus.Published, null)]);

        Assert.Equal(["GB:Amazon:NoMark"], Described(gaps));
    }

    [Fact]
    public void The_GCC_has_no_unitary_mark_so_each_member_state_needs_its_own()
    {
        var gaps = CoverageGaps.Of(["GCC"], [], [new MarkCoverage("SA", RightStatus.Filed, null), new MarkCoverage("AE", RightStatus.Renewed, null)]);

        Assert.Equal(["BH::NoMark", "KW::NoMark", "OM::NoMark", "QA::NoMark"], Described(gaps));
    }

    [Fact]
    public void A_Madrid_designation_pending_in_SA_covers_SA_and_a_refused_one_does_not_cover_AE()
    {
        var gaps = CoverageGaps.Of(["AE", "SA"], [], [new MarkCoverage("SA", RightStatus.Filed, null), new MarkCoverage("AE", RightStatus.Refused, null)]);

        Assert.Equal(["AE::NoMark"], Described(gaps));
    }

    [Fact]
    public void A_filing_only_planned_is_still_a_gap_and_says_so_with_its_date()
    {
        var gaps = CoverageGaps.Of(["SA"], ["Noon"], [new MarkCoverage("SA", RightStatus.Planned, new DateOnly(2027, 2, 1))]);

        var gap = Assert.Single(gaps);
        Assert.Equal(CoverageGapReason.FilingOnlyPlanned, gap.Reason);
        Assert.Equal("Sells on Noon to SA with no SA mark: a filing is planned for 2027-02-01 but not made.", gap.Explanation);
    }

    [Fact]
    public void An_own_site_and_regions_that_cannot_be_assessed_give_no_gap()
    {
        Assert.Empty(CoverageGaps.Of(["ASEAN", "GLOBAL"], ["OwnSite", "Other"], []));
    }

    [Fact]
    public void A_lapsed_or_expired_mark_protects_nothing()
    {
        var gaps = CoverageGaps.Of(["US", "AE"], [], [new MarkCoverage("US", RightStatus.Lapsed, null), new MarkCoverage("AE", RightStatus.Expired, null)]);

        Assert.Equal(["AE::NoMark", "US::NoMark"], Described(gaps));
    }
}
