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

/// <summary>
/// Computes the section from the facts of one park's settled enterprises. Pure: the same facts give the same figures.
/// Small groups follow the kernel's rule (<see cref="StatisticsPrivacy"/>): within each kind and status, jurisdictions
/// whose rights belong to fewer enterprises than the threshold are counted together as OTHER, or left out when even
/// OTHER would concern too few; a count made up by too few enterprises is null.
/// </summary>
internal static class PortfolioStatistics
{
    public static ParkPortfolioStatistics Compute(
        IReadOnlyCollection<RightFacts> rights,
        IReadOnlyDictionary<Guid, IReadOnlyList<CoverageGap>> gapsByEnterprise,
        IReadOnlyCollection<DeadlineFacts> deadlines,
        DueDateRange range,
        DateOnly today,
        StatisticsPrivacy privacy)
    {
        var holders = rights.Select(r => r.EnterpriseId).Distinct().Count();
        var (groups, folded) = RightGroups(rights, privacy);

        var withGaps = gapsByEnterprise.Where(g => g.Value.Count > 0).ToList();
        var gapMarkets = withGaps
            .SelectMany(g => g.Value.Select(gap => (gap.Market, Enterprise: g.Key)))
            .Distinct()
            .ToLookup(g => g.Market, g => g.Enterprise, StringComparer.Ordinal);
        var byMarket = privacy.Fold(
            gapMarkets.Select(m => new GroupCount(m.Key, m.Count())),
            keys => keys.SelectMany(k => gapMarkets[k]).Distinct().Count());

        int? DeadlineCount(IEnumerable<DeadlineFacts> counted)
        {
            var list = counted.ToList();
            return privacy.Count(list.Select(d => d.EnterpriseId).Distinct().Count()) is null ? null : list.Count;
        }

        var inRange = deadlines.Where(d => range.Contains(d.DueOn)).ToList();
        return new ParkPortfolioStatistics(
            privacy.Count(holders) is null ? null : rights.Count,
            privacy.Count(holders),
            groups,
            folded,
            privacy.Count(withGaps.Count),
            byMarket,
            DeadlineCount(inRange.Where(d => d.State == DeadlineState.Open && d.DueOn >= today)),
            DeadlineCount(inRange.Where(d => d.State == DeadlineState.Missed)),
            DeadlineCount(inRange.Where(d => d.State == DeadlineState.Done)),
            range,
            privacy);
    }

    /// <summary>Rights counted by kind, status and jurisdiction, with small jurisdictions folded per kind and status.</summary>
    private static (IReadOnlyList<RightCount> Groups, int Folded) RightGroups(IReadOnlyCollection<RightFacts> rights, StatisticsPrivacy privacy)
    {
        var counts = new List<RightCount>();
        var folded = 0;
        foreach (var kindAndStatus in rights.GroupBy(r => (r.Kind, r.Status)).OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Status))
        {
            var byJurisdiction = kindAndStatus.GroupBy(r => r.Jurisdiction, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var breakdown = privacy.Fold(
                byJurisdiction.Select(j => new GroupCount(j.Key, j.Value.Select(r => r.EnterpriseId).Distinct().Count())),
                keys => keys.SelectMany(k => byJurisdiction[k]).Select(r => r.EnterpriseId).Distinct().Count());
            folded += breakdown.FoldedGroups;
            var shown = breakdown.Groups.Where(g => g.Key != Breakdown.Other).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var group in breakdown.Groups)
            {
                var rows = group.Key == Breakdown.Other
                    ? byJurisdiction.Where(j => !shown.Contains(j.Key)).SelectMany(j => j.Value).ToList()
                    : byJurisdiction[group.Key];
                counts.Add(new RightCount(kindAndStatus.Key.Kind, kindAndStatus.Key.Status, group.Key, rows.Count, group.Enterprises));
            }
        }

        return (counts, folded);
    }
}
