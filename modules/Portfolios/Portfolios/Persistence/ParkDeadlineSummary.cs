using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IpShield.Portfolios.Persistence;

/// <summary>
/// Keeps <see cref="ParkDeadlineDay"/> equal to a fresh count of the settled enterprises' deadlines per park, state and
/// due day (ADR 0036), the way <see cref="ParkRightsSummary"/> keeps the rights summary: the enterprises a save concerns
/// have their deadlines read (with their park) before and after the save, in its transaction, after their placements
/// are locked, and the difference is added to the summary rows in key order. The daily reminders, which change states
/// with a conditional UPDATE instead of a tracked save, lock the placement first and move the deadline between two
/// rows themselves (<see cref="MoveAsync"/>).
/// </summary>
internal static class ParkDeadlineSummary
{
    private const string Table = "pf_park_deadline_days";
    private static readonly string[] KeyColumns = ["ParkId", "State", "DueOn"];
    private static readonly string[] CountColumns = ["Deadlines"];

    /// <summary>
    /// The enterprises whose deadlines this save adds, removes, or gives another state or due day. Removed rights (whose
    /// deadlines the database deletes with them) and moved placements are already among the rights summary's.
    /// </summary>
    public static IEnumerable<Guid> Concerned(IEnumerable<EntityEntry> entries) =>
        entries.Where(e => e.Entity is RightDeadline && (e.State is EntityState.Added or EntityState.Deleted
                || (e.State == EntityState.Modified && (e.Property(nameof(RightDeadline.State)).IsModified || e.Property(nameof(RightDeadline.DueOn)).IsModified))))
            .Select(e => ((RightDeadline)e.Entity).EnterpriseId);

    /// <summary>
    /// The deadlines of <paramref name="enterprises"/> settled in a park, per park, state and due day. The caller has
    /// locked their placements; the deadlines are read with a locking read too on MariaDB, so that the read sees the
    /// latest committed rows whatever snapshot the caller's transaction began with.
    /// </summary>
    public static async Task<Dictionary<DayKey, int>> ShareAsync(PortfoliosDbContext db, IReadOnlyCollection<Guid> enterprises, CancellationToken cancellationToken)
    {
        var lockingRead = db.Database.IsMySql() ? " FOR UPDATE" : string.Empty;
        var share = new Dictionary<DayKey, int>();
        foreach (var chunk in enterprises.Chunk(CoverageGapSummary.Chunk))
        {
            var read = "SELECT p.ParkId, d.State, d.DueOn FROM pf_enterprise_placements p JOIN pf_deadlines d ON d.EnterpriseId = p.EnterpriseId"
                + " WHERE p.EnterpriseId IN (" + RawSqlLists.Placeholders(chunk.Length) + ") AND p.ParkId IS NOT NULL" + lockingRead;
            foreach (var row in await db.Database.SqlQueryRaw<DeadlineRow>(read, chunk.Cast<object>().ToArray()).ToListAsync(cancellationToken))
            {
                var key = new DayKey(row.ParkId!.Value, row.State, row.DueOn);
                share[key] = share.GetValueOrDefault(key) + 1;
            }
        }

        return share;
    }

    /// <summary>Adds the difference between two shares to the summary rows, in key order, a few hundred rows per statement.</summary>
    public static Task ApplyAsync(PortfoliosDbContext db, Dictionary<DayKey, int> before, Dictionary<DayKey, int> after, CancellationToken cancellationToken)
    {
        var changes = before.Keys.Union(after.Keys)
            .Select(key => (Key: key, Change: after.GetValueOrDefault(key) - before.GetValueOrDefault(key)))
            .Where(c => c.Change != 0)
            .OrderBy(c => c.Key.Park).ThenBy(c => c.Key.State, StringComparer.Ordinal).ThenBy(c => c.Key.DueOn)
            .Select(c => new object[] { c.Key.Park, c.Key.State, c.Key.DueOn, c.Change })
            .ToList();
        return changes.Count == 0 ? Task.CompletedTask : SummaryRows.AddManyAsync(db.Database, Table, KeyColumns, CountColumns, changes, cancellationToken);
    }

    /// <summary>
    /// Locks the placements of <paramref name="enterprises"/> and answers the park of each one settled: what a pass of
    /// conditional UPDATEs over their deadlines takes first, in enterprise order as every save takes them (ADR 0013), so
    /// that it and a save never wait on each other in a circle, before it moves deadlines with <see cref="MoveAsync"/>.
    /// </summary>
    public static async Task<Dictionary<Guid, Guid>> LockParksAsync(PortfoliosDbContext db, IEnumerable<Guid> enterprises, CancellationToken cancellationToken)
    {
        var lockingRead = db.Database.IsMySql() ? " FOR UPDATE" : string.Empty;
        var parks = new Dictionary<Guid, Guid>();
        foreach (var chunk in enterprises.Distinct().Order().Chunk(CoverageGapSummary.Chunk))
        {
            var read = "SELECT EnterpriseId, ParkId FROM pf_enterprise_placements WHERE EnterpriseId IN (" + RawSqlLists.Placeholders(chunk.Length) + ")" + lockingRead;
            foreach (var placement in await db.Database.SqlQueryRaw<PlacementRow>(read, chunk.Cast<object>().ToArray()).ToListAsync(cancellationToken))
            {
                if (placement.ParkId is { } park)
                {
                    parks[placement.EnterpriseId] = park;
                }
            }
        }

        return parks;
    }

    /// <summary>One deadline of a park, due on <paramref name="dueOn"/>, gone from state <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static Task MoveAsync(PortfoliosDbContext db, Guid park, DateOnly dueOn, DeadlineState from, DeadlineState to, CancellationToken cancellationToken)
    {
        var rows = new[] { (State: from.ToString(), Change: -1), (State: to.ToString(), Change: 1) }
            .OrderBy(r => r.State, StringComparer.Ordinal)
            .Select(r => new object[] { park, r.State, dueOn, r.Change })
            .ToList();
        return SummaryRows.AddManyAsync(db.Database, Table, KeyColumns, CountColumns, rows, cancellationToken);
    }

    /// <summary>A summary row's key, the state as the deadlines table spells it.</summary>
    internal readonly record struct DayKey(Guid Park, string State, DateOnly DueOn);

    private sealed class PlacementRow
    {
        public Guid EnterpriseId { get; init; }
        public Guid? ParkId { get; init; }
    }

    /// <summary>A deadline with its enterprise's park, as <see cref="ShareAsync"/> reads it.</summary>
    private sealed class DeadlineRow
    {
        public Guid? ParkId { get; init; }
        public string State { get; init; } = string.Empty;
        public DateOnly DueOn { get; init; }
    }
}
