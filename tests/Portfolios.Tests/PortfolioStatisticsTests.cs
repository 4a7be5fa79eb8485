using IpShield.Portfolios.Coverage;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Features.Statistics;
using IpShield.SharedKernel.Statistics;

namespace IpShield.Portfolios.Tests;

/// <summary>A park's portfolio figures: exact for staff, and never singling out an enterprise for a dashboard.</summary>
public sealed class PortfolioStatisticsTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);
    private static readonly StatisticsPrivacy Staff = new(3, Exact: true);
    private static readonly StatisticsPrivacy Dashboard = new(3, Exact: false);
    private static readonly DueDateRange Range = DueDateRange.Of(null, null, Today);

    private static readonly Guid[] Enterprises = [.. Enumerable.Range(0, 6).Select(_ => Guid.NewGuid())];

    /// <summary>Four enterprises with Saudi marks registered, one with a Kuwaiti mark, one with an Omani mark.</summary>
    private static readonly RightFacts[] Marks =
    [
        .. Enterprises[..4].Select(e => new RightFacts(e, RightKind.Trademark, "SA", RightStatus.Registered)),
        new RightFacts(Enterprises[0], RightKind.Trademark, "SA", RightStatus.Registered),
        new RightFacts(Enterprises[4], RightKind.Trademark, "KW", RightStatus.Registered),
        new RightFacts(Enterprises[5], RightKind.Trademark, "OM", RightStatus.Registered),
    ];

    private static ParkPortfolioStatistics Compute(
        StatisticsPrivacy privacy,
        IReadOnlyCollection<RightFacts>? rights = null,
        IReadOnlyDictionary<Guid, IReadOnlyList<CoverageGap>>? gaps = null,
        IReadOnlyCollection<DeadlineFacts>? deadlines = null) =>
        PortfolioStatistics.Compute(rights ?? Marks, gaps ?? new Dictionary<Guid, IReadOnlyList<CoverageGap>>(), deadlines ?? [], Range, Today, privacy);

    private static IEnumerable<string> Described(ParkPortfolioStatistics statistics) =>
        statistics.RightsByKindJurisdictionStatus.Select(r => $"{r.Kind}/{r.Status}/{r.Jurisdiction}: {r.Rights} rights, {r.Enterprises} enterprises");

    [Fact]
    public void Staff_see_every_jurisdiction_by_kind_and_status()
    {
        var statistics = Compute(Staff);

        Assert.Equal(
            ["Trademark/Registered/SA: 5 rights, 4 enterprises", "Trademark/Registered/KW: 1 rights, 1 enterprises", "Trademark/Registered/OM: 1 rights, 1 enterprises"],
            Described(statistics));
        Assert.Equal((7, 6, 0), (statistics.Rights, statistics.EnterprisesHoldingRights, statistics.FoldedGroups));
    }

    [Fact]
    public void A_dashboard_sees_small_jurisdictions_folded_and_when_other_is_too_small_the_next_group_joins_it()
    {
        var statistics = Compute(Dashboard);

        // KW and OM hold one enterprise each: together 2, still under 3, so SA joins them and OTHER counts all 6.
        Assert.Equal(["Trademark/Registered/OTHER: 7 rights, 6 enterprises"], Described(statistics));
        Assert.Equal(3, statistics.FoldedGroups);
    }

    [Fact]
    public void A_dashboard_sees_nothing_of_a_kind_held_by_fewer_enterprises_than_the_threshold()
    {
        var patents = new[]
        {
            new RightFacts(Enterprises[0], RightKind.InventionPatent, "EU", RightStatus.Filed),
            new RightFacts(Enterprises[0], RightKind.InventionPatent, "US", RightStatus.Filed),
            new RightFacts(Enterprises[1], RightKind.InventionPatent, "US", RightStatus.Filed),
        };

        var statistics = Compute(Dashboard, rights: [.. Marks, .. patents]);

        Assert.DoesNotContain(statistics.RightsByKindJurisdictionStatus, r => r.Kind == RightKind.InventionPatent);
        Assert.Equal(10, statistics.Rights); // the total is over six enterprises
    }

    [Fact]
    public void Totals_over_fewer_enterprises_than_the_threshold_are_withheld_for_a_dashboard_only()
    {
        RightFacts[] two = [new(Enterprises[0], RightKind.Design, "CN", RightStatus.Registered), new(Enterprises[1], RightKind.Design, "CN", RightStatus.Registered)];

        Assert.Null(Compute(Dashboard, rights: two).Rights);
        Assert.Null(Compute(Dashboard, rights: two).EnterprisesHoldingRights);
        Assert.Equal(2, Compute(Staff, rights: two).Rights);
    }

    [Fact]
    public void Deadlines_are_due_from_today_missed_and_done_within_the_range_of_due_dates()
    {
        DeadlineFacts[] deadlines =
        [
            new(Enterprises[0], Today, DeadlineState.Open),
            new(Enterprises[1], Today.AddDays(89), DeadlineState.Open),
            new(Enterprises[2], Today.AddDays(90), DeadlineState.Open),
            new(Enterprises[3], Today.AddDays(91), DeadlineState.Open), // after the range
            new(Enterprises[0], Today.AddDays(-1), DeadlineState.Open), // past due, not yet marked missed: not "due"
            new(Enterprises[1], Today.AddDays(-30), DeadlineState.Missed),
            new(Enterprises[2], Today.AddDays(-366), DeadlineState.Missed), // before the range
            new(Enterprises[3], Today.AddDays(-200), DeadlineState.Done),
            new(Enterprises[4], Today.AddDays(-10), DeadlineState.Waived),
        ];

        var statistics = Compute(Staff, deadlines: deadlines);

        Assert.Equal((3, 1, 1), (statistics.DeadlinesDue, statistics.DeadlinesMissed, statistics.DeadlinesDone));
        Assert.Equal((Today.AddDays(-365), Today.AddDays(90)), (statistics.Range.From, statistics.Range.To));
    }

    [Fact]
    public void Deadline_counts_of_fewer_enterprises_than_the_threshold_are_withheld_for_a_dashboard()
    {
        DeadlineFacts[] deadlines =
        [
            new(Enterprises[0], Today.AddDays(1), DeadlineState.Open),
            new(Enterprises[0], Today.AddDays(2), DeadlineState.Open),
            new(Enterprises[1], Today.AddDays(3), DeadlineState.Open),
            new(Enterprises[2], Today.AddDays(4), DeadlineState.Open),
            new(Enterprises[3], Today.AddDays(-4), DeadlineState.Missed),
        ];

        var statistics = Compute(Dashboard, deadlines: deadlines);

        Assert.Equal(4, statistics.DeadlinesDue);
        Assert.Null(statistics.DeadlinesMissed);
        Assert.Equal(0, statistics.DeadlinesDone); // none is not a small group
    }

    [Fact]
    public void Enterprises_with_gaps_are_counted_once_and_by_market_with_small_markets_folded_for_a_dashboard()
    {
        static CoverageGap Gap(string market) => new(market, "Noon", CoverageGapReason.NoMark, "");
        var gaps = new Dictionary<Guid, IReadOnlyList<CoverageGap>>
        {
            [Enterprises[0]] = [Gap("SA"), Gap("AE")],
            [Enterprises[1]] = [Gap("SA")],
            [Enterprises[2]] = [Gap("SA"), Gap("EG")],
            [Enterprises[3]] = [Gap("AE")],
            [Enterprises[4]] = [],
        };

        var exact = Compute(Staff, gaps: gaps);
        var dashboard = Compute(Dashboard, gaps: gaps);

        Assert.Equal(4, exact.EnterprisesWithCoverageGaps);
        Assert.Equal(["SA:3", "AE:2", "EG:1"], exact.CoverageGapsByMarket.Groups.Select(g => $"{g.Key}:{g.Enterprises}"));
        Assert.Equal(4, dashboard.EnterprisesWithCoverageGaps);
        // AE and EG together concern enterprises 0, 2 and 3: three, enough to show as OTHER.
        Assert.Equal(["SA:3", "OTHER:3"], dashboard.CoverageGapsByMarket.Groups.Select(g => $"{g.Key}:{g.Enterprises}"));
    }
}
