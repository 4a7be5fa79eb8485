using IpShield.Portfolios.Coverage;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using IpShield.SharedKernel.Statistics;

namespace IpShield.Portfolios.Features.Statistics;

/// <summary>What the statistics need of one right of a settled enterprise (never its name or number).</summary>
internal sealed record RightFacts(Guid EnterpriseId, RightKind Kind, string Jurisdiction, RightStatus Status);

/// <summary>What the statistics need of one deadline of a settled enterprise.</summary>
internal sealed record DeadlineFacts(Guid EnterpriseId, DateOnly DueOn, DeadlineState State);

/// <summary>Rights of one kind and status in one jurisdiction (or OTHER), and how many enterprises hold them.</summary>
internal sealed record RightCount(RightKind Kind, RightStatus Status, string Jurisdiction, int Rights, int Enterprises);

/// <summary>
/// The due dates deadline figures cover: by default a year back (what was missed or done) and 90 days ahead (what is
/// due). Rights and coverage are today's standing and take no range.
/// </summary>
internal readonly record struct DueDateRange(DateOnly From, DateOnly To)
{
    public const int DefaultDaysBack = 365;
    public const int DefaultDaysAhead = 90;

    public static DueDateRange Of(DateOnly? from, DateOnly? to, DateOnly today) =>
        new(from ?? today.AddDays(-DefaultDaysBack), to ?? today.AddDays(DefaultDaysAhead));

    public bool Contains(DateOnly day) => day >= From && day <= To;
}

/// <summary>The Portfolios module's section of a park's statistics: aggregates only, never the rights behind them.</summary>
internal sealed record ParkPortfolioStatistics(
    int? Rights,
    int? EnterprisesHoldingRights,
    IReadOnlyList<RightCount> RightsByKindJurisdictionStatus,
    int FoldedGroups,
    int? EnterprisesWithCoverageGaps,
    Breakdown CoverageGapsByMarket,
    int? DeadlinesDue,
    int? DeadlinesMissed,
    int? DeadlinesDone,
    DueDateRange Range,
    StatisticsPrivacy Privacy);

/// <summary>Rights of one kind and status in one jurisdiction, as the database counts them for one park.</summary>
internal sealed record RightGroupTally(RightKind Kind, RightStatus Status, string Jurisdiction, int Rights, int Enterprises);

/// <summary>
/// Deadlines of one sort (due, missed or done) and the distinct enterprises they belong to. The enterprises matter only
/// to a dashboard's privacy; the park statistics count them only when a dashboard asks (0 for exact figures).
/// </summary>
internal readonly record struct DeadlineTally(int Deadlines, int Enterprises);

/// <summary>
/// The coverage gaps of one park's enterprises as the statistics count them: enterprises with any gap, enterprises per
/// market, and the distinct enterprises with a gap in any of several markets (what folding small markets needs).
/// </summary>
internal sealed record GapTallies(int EnterprisesWithGaps, IReadOnlyList<GroupCount> ByMarket, Func<IReadOnlyCollection<string>, int> DistinctEnterprises)
{
    /// <summary>From every enterprise's gaps themselves (the definition; the unit tests' and the fallback's entry).</summary>
    public static GapTallies Of(IReadOnlyDictionary<Guid, IReadOnlyList<CoverageGap>> gapsByEnterprise)
    {
        var gapMarkets = gapsByEnterprise
            .SelectMany(g => g.Value.Select(gap => (gap.Market, Enterprise: g.Key)))
            .Distinct()
            .ToLookup(g => g.Market, g => g.Enterprise, StringComparer.Ordinal);
        return new GapTallies(
            gapsByEnterprise.Count(g => g.Value.Count > 0),
            [.. gapMarkets.Select(m => new GroupCount(m.Key, m.Count()))],
            keys => keys.SelectMany(k => gapMarkets[k]).Distinct().Count());
    }
}

/// <summary>
/// What the section is computed from: counts the database aggregates (ADR 0028), never the rows behind them. Folding small
/// jurisdictions needs the distinct enterprises of a union of groups, which no per-group count gives:
/// <see cref="DistinctHolders"/> answers it (from the few enterprises of the small groups, read only for a dashboard).
/// </summary>
internal sealed record PortfolioTallies(
    IReadOnlyList<RightGroupTally> RightGroups,
    int Rights,
    int Holders,
    Func<RightKind, RightStatus, IReadOnlyCollection<string>, int> DistinctHolders,
    DeadlineTally Due,
    DeadlineTally Missed,
    DeadlineTally Done)
{
    /// <summary>The tallies of the given facts, counted here as the database counts them.</summary>
    public static PortfolioTallies Of(IReadOnlyCollection<RightFacts> rights, IReadOnlyCollection<DeadlineFacts> deadlines, DueDateRange range, DateOnly today)
    {
        var groups = rights.GroupBy(r => (r.Kind, r.Status, r.Jurisdiction))
            .Select(g => new RightGroupTally(g.Key.Kind, g.Key.Status, g.Key.Jurisdiction, g.Count(), g.Select(r => r.EnterpriseId).Distinct().Count()))
            .ToList();
        var inRange = deadlines.Where(d => range.Contains(d.DueOn)).ToList();
        DeadlineTally Tally(IEnumerable<DeadlineFacts> counted)
        {
            var list = counted.ToList();
            return new DeadlineTally(list.Count, list.Select(d => d.EnterpriseId).Distinct().Count());
        }

        return new PortfolioTallies(
            groups,
            rights.Count,
            rights.Select(r => r.EnterpriseId).Distinct().Count(),
            (kind, status, jurisdictions) => rights
                .Where(r => r.Kind == kind && r.Status == status && jurisdictions.Contains(r.Jurisdiction))
                .Select(r => r.EnterpriseId).Distinct().Count(),
            Tally(inRange.Where(d => d.State == DeadlineState.Open && d.DueOn >= today)),
            Tally(inRange.Where(d => d.State == DeadlineState.Missed)),
            Tally(inRange.Where(d => d.State == DeadlineState.Done)));
    }
}

/// <summary>
/// Computes the section from the tallies of one park's settled enterprises. Pure: the same tallies give the same figures.
/// Small groups follow the kernel's rule (<see cref="StatisticsPrivacy"/>): within each kind and status, jurisdictions
/// whose rights belong to fewer enterprises than the threshold are counted together as OTHER, or left out when even
/// OTHER would concern too few; a count made up by too few enterprises is null.
/// </summary>
internal static class PortfolioStatistics
{
    /// <summary>The section from the facts themselves (what the tallies are defined by; the unit tests' entry).</summary>
    public static ParkPortfolioStatistics Compute(
        IReadOnlyCollection<RightFacts> rights,
        IReadOnlyDictionary<Guid, IReadOnlyList<CoverageGap>> gapsByEnterprise,
        IReadOnlyCollection<DeadlineFacts> deadlines,
        DueDateRange range,
        DateOnly today,
        StatisticsPrivacy privacy) =>
        Compute(PortfolioTallies.Of(rights, deadlines, range, today), GapTallies.Of(gapsByEnterprise), range, privacy);

    public static ParkPortfolioStatistics Compute(
        PortfolioTallies tallies,
        GapTallies gaps,
        DueDateRange range,
        StatisticsPrivacy privacy)
    {
        var (groups, folded) = RightGroups(tallies, privacy);
        var byMarket = privacy.Fold(gaps.ByMarket, gaps.DistinctEnterprises);

        int? DeadlineCount(DeadlineTally tally) => privacy.Count(tally.Enterprises) is null ? null : tally.Deadlines;

        return new ParkPortfolioStatistics(
            privacy.Count(tallies.Holders) is null ? null : tallies.Rights,
            privacy.Count(tallies.Holders),
            groups,
            folded,
            privacy.Count(gaps.EnterprisesWithGaps),
            byMarket,
            DeadlineCount(tallies.Due),
            DeadlineCount(tallies.Missed),
            DeadlineCount(tallies.Done),
            range,
            privacy);
    }

    /// <summary>Rights counted by kind, status and jurisdiction, with small jurisdictions folded per kind and status.</summary>
    private static (IReadOnlyList<RightCount> Groups, int Folded) RightGroups(PortfolioTallies tallies, StatisticsPrivacy privacy)
    {
        var counts = new List<RightCount>();
        var folded = 0;
        foreach (var kindAndStatus in tallies.RightGroups.GroupBy(r => (r.Kind, r.Status)).OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Status))
        {
            var (kind, status) = kindAndStatus.Key;
            var byJurisdiction = kindAndStatus.ToDictionary(g => g.Jurisdiction, StringComparer.Ordinal);
            var breakdown = privacy.Fold(
                byJurisdiction.Values.Select(j => new GroupCount(j.Jurisdiction, j.Enterprises)),
                keys => tallies.DistinctHolders(kind, status, keys));
            folded += breakdown.FoldedGroups;
            var shown = breakdown.Groups.Where(g => g.Key != Breakdown.Other).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var group in breakdown.Groups)
            {
                var rights = group.Key == Breakdown.Other
                    ? byJurisdiction.Values.Where(j => !shown.Contains(j.Jurisdiction)).Sum(j => j.Rights)
                    : byJurisdiction[group.Key].Rights;
                counts.Add(new RightCount(kind, status, group.Key, rights, group.Enterprises));
            }
        }

        return (counts, folded);
    }
}
