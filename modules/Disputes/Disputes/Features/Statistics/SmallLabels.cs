using IpShield.Disputes.Domain;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Disputes.Features.Statistics;

/// <summary>
/// The enterprises behind the stages, platforms and outcomes that concern fewer enterprises than a dashboard's threshold,
/// read once per computation (a few rows: each such label has fewer enterprises than the threshold), so that folding
/// counts unions of them in memory. A union that takes in a larger label is at least as large as that label, and a
/// dispute fold only asks whether a union reaches the threshold (it shows cases, not enterprises): its lower bound is
/// given then, with no statement.
/// </summary>
internal sealed class SmallLabels
{
    public const string Stage = "stage";
    public const string Platform = "platform";
    public const string Outcome = "outcome";

    /// <summary>No labels read: the computation has no dashboard (nothing folds), or none is small.</summary>
    public static readonly SmallLabels None = new([], []);

    private readonly HashSet<(string Dimension, string Label)> _read;

    private readonly ILookup<(Guid Scope, string Dimension), (string Label, Guid EnterpriseId)> _members;

    private SmallLabels(HashSet<(string Dimension, string Label)> read, IEnumerable<(Guid Scope, string Dimension, string Label, Guid EnterpriseId)> members)
    {
        _read = read;
        _members = members.ToLookup(m => (m.Scope, m.Dimension), m => (m.Label, m.EnterpriseId));
    }

    /// <summary>The labels read and their enterprises in each scope, as <see cref="ReadAsync"/> reads them (the unit tests' entry).</summary>
    public static SmallLabels Of(IEnumerable<(string Dimension, string Label)> read, IEnumerable<(Guid Scope, string Dimension, string Label, Guid EnterpriseId)> members) =>
        new([.. read], members);

    /// <summary>
    /// Reads the enterprises of the labels under <paramref name="foldBelow"/> enterprises in any scope: of open cases by
    /// stage and by platform, and of closed cases by outcome. Scopes as the section's: by park, or the whole city.
    /// </summary>
    public static async Task<SmallLabels> ReadAsync(
        IQueryable<DisputeCase> open,
        IQueryable<DisputeCase> closed,
        bool byPark,
        Func<Guid?, Guid> scopeOf,
        ILookup<Guid, LabelTally> byStage,
        ILookup<Guid, LabelTally> byPlatform,
        ILookup<Guid, LabelTally> byOutcome,
        int foldBelow,
        CancellationToken cancellationToken)
    {
        List<string> SmallOf(ILookup<Guid, LabelTally> tallies) =>
            [.. tallies.SelectMany(t => t).Where(t => t.Enterprises < foldBelow).Select(t => t.Label).Distinct(StringComparer.Ordinal)];

        var read = new HashSet<(string Dimension, string Label)>();
        var members = new List<(Guid, string, string, Guid)>();
        if (SmallOf(byStage) is { Count: > 0 } stages)
        {
            read.UnionWith(stages.Select(l => (Stage, l)));
            members.AddRange((await open.Where(c => stages.Contains(c.Stage))
                    .Select(c => new { Park = byPark ? c.ParkId : null, c.Stage, c.EnterpriseId }).Distinct().ToListAsync(cancellationToken))
                .Select(c => (scopeOf(c.Park), Stage, c.Stage, c.EnterpriseId)));
        }

        if (SmallOf(byPlatform) is { Count: > 0 } platformLabels)
        {
            read.UnionWith(platformLabels.Select(l => (Platform, l)));
            var platforms = platformLabels.Select(Enum.Parse<DisputePlatform>).ToList();
            members.AddRange((await open.Where(c => platforms.Contains(c.Platform))
                    .Select(c => new { Park = byPark ? c.ParkId : null, c.Platform, c.EnterpriseId }).Distinct().ToListAsync(cancellationToken))
                .Select(c => (scopeOf(c.Park), Platform, c.Platform.ToString(), c.EnterpriseId)));
        }

        if (SmallOf(byOutcome) is { Count: > 0 } outcomeLabels)
        {
            read.UnionWith(outcomeLabels.Select(l => (Outcome, l)));
            var outcomes = outcomeLabels.Select(l => (CaseOutcome?)Enum.Parse<CaseOutcome>(l)).ToList();
            members.AddRange((await closed.Where(c => outcomes.Contains(c.Outcome))
                    .Select(c => new { Park = byPark ? c.ParkId : null, c.Outcome, c.EnterpriseId }).Distinct().ToListAsync(cancellationToken))
                .Select(c => (scopeOf(c.Park), Outcome, c.Outcome!.Value.ToString(), c.EnterpriseId)));
        }

        return Of(read, members);
    }

    /// <summary>
    /// The distinct enterprises of <paramref name="labels"/> in <paramref name="scope"/> when each was read (every one of
    /// its enterprises is known, in every scope); otherwise the most enterprises of one of them in the scope, a lower bound
    /// of the union that is at least the threshold, since a label not read concerns at least that many everywhere.
    /// </summary>
    public int EnterprisesIn(Guid scope, string dimension, IReadOnlyCollection<string> labels, IEnumerable<LabelTally> tallies)
    {
        if (labels.All(label => _read.Contains((dimension, label))))
        {
            var wanted = labels.ToHashSet(StringComparer.Ordinal);
            return _members[(scope, dimension)].Where(m => wanted.Contains(m.Label)).Select(m => m.EnterpriseId).Distinct().Count();
        }

        return tallies.Where(t => labels.Contains(t.Label)).Select(t => t.Enterprises).DefaultIfEmpty(0).Max();
    }
}
