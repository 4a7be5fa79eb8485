using IpShield.Portfolios.Domain;
using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Portfolios.Persistence;

/// <summary>
/// Keeps <see cref="ParkRightGroup"/> and <see cref="ParkRightHolders"/> equal to a fresh count of the settled
/// enterprises' rights (ADR 0032), as the Enterprises module keeps its park sales summary (ADR 0031). A save changes
/// the summary when it records, changes or removes a right, or places an enterprise in a park (or another one). For the
/// enterprises it concerns, their share of the summary (their rights with their park, each enterprise counted once per
/// group it holds a right in) is read before the save and after it, in its transaction, and the difference is added to
/// the summary rows. Distinct enterprises become additive this way: an enterprise's share of a group is 0 or 1.
/// The first read locks the enterprises' placements and rights on MariaDB (recordIpRight already locks the placement
/// first, ADR 0013); additions are made in key order and never read the summary rows.
/// </summary>
internal static class ParkRightsSummary
{
    /// <summary>Ids per statement: under MariaDB's <c>in_predicate_conversion_threshold</c> (ADR 0010), as the right import reads them.</summary>
    private const int Chunk = 500;

    /// <summary>The enterprises whose share of the summary this save may change; none for most saves.</summary>
    public static IReadOnlyList<Guid> Concerned(IEnumerable<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> entries)
    {
        var concerned = new SortedSet<Guid>();
        foreach (var entry in entries)
        {
            switch (entry.Entity)
            {
                case IpRight right when entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted:
                    concerned.Add(right.EnterpriseId);
                    break;
                case EnterprisePlacement placement when entry.State is EntityState.Added or EntityState.Deleted
                    || (entry.State == EntityState.Modified && entry.OriginalValues.GetValue<Guid?>(nameof(EnterprisePlacement.ParkId)) != placement.ParkId):
                    concerned.Add(placement.EnterpriseId);
                    break;
            }
        }

        return [.. concerned];
    }

    /// <summary>
    /// Locks the placements of <paramref name="enterprises"/> (in their order) and reads the share of those among them
    /// that are <paramref name="counted"/>: a save that concerns an enterprise only through its coverage gaps (ADR 0033)
    /// needs the lock, not its rights read twice. On MariaDB the rows stay locked until the transaction ends.
    /// </summary>
    public static async Task<Share> ShareAsync(PortfoliosDbContext db, IReadOnlyList<Guid> enterprises, IReadOnlySet<Guid> counted, CancellationToken cancellationToken)
    {
        var mySql = db.Database.IsMySql();
        var rows = new List<RightRow>();
        foreach (var locked in enterprises.Chunk(Chunk))
        {
            await RawSqlLists.LockAsync(db.Database, "pf_enterprise_placements", "EnterpriseId", locked, cancellationToken);
            var chunk = locked.Where(counted.Contains).ToArray();
            if (chunk.Length == 0)
            {
                continue;
            }

            var ids = RawSqlLists.Placeholders(chunk.Length);
            var arguments = chunk.Cast<object>().ToArray();

            var readShare = "SELECT p.EnterpriseId, p.ParkId, r.Kind, r.Status, r.Jurisdiction"
                + " FROM pf_enterprise_placements p JOIN pf_ip_rights r ON r.EnterpriseId = p.EnterpriseId"
                + " WHERE p.EnterpriseId IN (" + ids + ") AND p.ParkId IS NOT NULL"
                + (mySql ? " FOR UPDATE" : string.Empty);
            rows.AddRange(await db.Database.SqlQueryRaw<RightRow>(readShare, arguments).ToListAsync(cancellationToken));
        }

        var groups = rows
            .GroupBy(r => new GroupKey(r.ParkId!.Value, r.Kind, r.Status, r.Jurisdiction))
            .ToDictionary(g => g.Key, g => new Tally(g.Count(), g.Select(r => r.EnterpriseId).Distinct().Count()));
        var holders = rows
            .GroupBy(r => r.ParkId!.Value)
            .ToDictionary(g => g.Key, g => new Tally(g.Count(), g.Select(r => r.EnterpriseId).Distinct().Count()));
        return new Share(groups, holders);
    }

    /// <summary>Adds the difference between two shares to the summary rows, creating the rows it needs, in key order.</summary>
    public static async Task ApplyAsync(PortfoliosDbContext db, Share before, Share after, CancellationToken cancellationToken)
    {
        var groups = before.Groups.Keys.Union(after.Groups.Keys)
            .OrderBy(k => k.Park).ThenBy(k => k.Kind, StringComparer.Ordinal).ThenBy(k => k.Status, StringComparer.Ordinal).ThenBy(k => k.Jurisdiction, StringComparer.Ordinal);
        foreach (var key in groups)
        {
            var change = after.Groups.GetValueOrDefault(key) - before.Groups.GetValueOrDefault(key);
            if (change != default)
            {
                await SummaryRows.AddAsync(db.Database, "pf_park_right_groups", ["ParkId", "Kind", "Status", "Jurisdiction"], ["Rights", "Enterprises"],
                    [key.Park, key.Kind, key.Status, key.Jurisdiction, change.Rights, change.Enterprises], cancellationToken);
            }
        }

        foreach (var park in before.Holders.Keys.Union(after.Holders.Keys).Order())
        {
            var change = after.Holders.GetValueOrDefault(park) - before.Holders.GetValueOrDefault(park);
            if (change != default)
            {
                await SummaryRows.AddAsync(db.Database, "pf_park_right_holders", ["ParkId"], ["Rights", "Holders"], [park, change.Rights, change.Enterprises], cancellationToken);
            }
        }
    }

    /// <summary>A group as stored: kind and status as the rights table spells them.</summary>
    internal readonly record struct GroupKey(Guid Park, string Kind, string Status, string Jurisdiction);

    /// <summary>Rights, and distinct enterprises holding them.</summary>
    internal readonly record struct Tally(int Rights, int Enterprises)
    {
        public static Tally operator -(Tally a, Tally b) => new(a.Rights - b.Rights, a.Enterprises - b.Enterprises);
    }

    /// <summary>Some enterprises' share: per park group, and per park.</summary>
    internal sealed record Share(Dictionary<GroupKey, Tally> Groups, Dictionary<Guid, Tally> Holders);

    /// <summary>A stored right with its enterprise's park, as <see cref="ShareAsync"/> reads it.</summary>
    private sealed class RightRow
    {
        public Guid EnterpriseId { get; init; }
        public Guid? ParkId { get; init; }
        public string Kind { get; init; } = string.Empty;
        public string Status { get; init; } = string.Empty;
        public string Jurisdiction { get; init; } = string.Empty;
    }
}
