using IpShield.Portfolios.Coverage;
using IpShield.Portfolios.Domain;
using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Portfolios.Persistence;

/// <summary>
/// Keeps <see cref="EnterpriseCoverageGap"/> equal to the gaps <see cref="CoverageGaps.Of"/> finds for each enterprise
/// (ADR 0033). The gaps come from rules written in C#, not from SQL, so they are computed here and stored: a save that
/// records, changes or removes a trademark or a Madrid designation, or changes an enterprise's markets or platforms,
/// computes the gaps of the enterprises it concerns again, after the save and in its transaction, and writes what
/// differs from the stored rows. Each row carries a copy of its enterprise's park, read from the placement here and moved
/// with the placement by <c>EnterpriseSettledHandler</c>. The enterprises' placements are locked before the save (<see cref="ParkRightsSummary.ShareAsync"/>) and the
/// inputs are read with locking reads on MariaDB, so two saves for one enterprise cannot store an older answer last.
/// </summary>
internal static class CoverageGapSummary
{
    /// <summary>The name of the table's row in <see cref="SummaryState"/>.</summary>
    public const string Name = "coverage-gaps";

    /// <summary>Ids per statement: under MariaDB's <c>in_predicate_conversion_threshold</c> (ADR 0010).</summary>
    public const int Chunk = 500;

    /// <summary>
    /// The enterprises whose gaps this save may change, from the tracked entries (one pass); a designation whose right
    /// is not tracked is traced to its enterprise with one query.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> ConcernedAsync(PortfoliosDbContext db, IEnumerable<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> entries, CancellationToken cancellationToken)
    {
        var concerned = new SortedSet<Guid>();
        var rightsOfDesignations = new HashSet<Guid>();
        var trackedRights = new Dictionary<Guid, Guid>();
        foreach (var entry in entries)
        {
            switch (entry.Entity)
            {
                case IpRight right:
                    trackedRights[right.Id] = right.EnterpriseId;
                    if (right.Kind == RightKind.Trademark && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                    {
                        concerned.Add(right.EnterpriseId);
                    }

                    break;
                case Designation designation when entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted:
                    rightsOfDesignations.Add(designation.RightId);
                    break;
                case EnterpriseMarkets markets when entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted:
                    concerned.Add(markets.EnterpriseId);
                    break;
            }
        }

        var untracked = new List<Guid>();
        foreach (var rightId in rightsOfDesignations)
        {
            if (trackedRights.TryGetValue(rightId, out var enterprise))
            {
                concerned.Add(enterprise);
            }
            else
            {
                untracked.Add(rightId);
            }
        }

        foreach (var chunk in untracked.Chunk(Chunk))
        {
            concerned.UnionWith(await db.IpRights.AsNoTracking().Where(r => chunk.Contains(r.Id)).Select(r => r.EnterpriseId).ToListAsync(cancellationToken));
        }

        return [.. concerned];
    }

    /// <summary>
    /// Computes the gaps of <paramref name="enterprises"/> from their stored markets, trademarks and designations and
    /// makes their stored rows equal to them: rows no longer found are deleted, new ones added. Runs in the caller's
    /// transaction; reads lock on MariaDB.
    /// </summary>
    public static async Task RefreshAsync(PortfoliosDbContext db, IReadOnlyList<Guid> enterprises, CancellationToken cancellationToken)
    {
        var forUpdate = db.Database.IsMySql() ? " FOR UPDATE" : string.Empty;
        foreach (var chunk in enterprises.Chunk(Chunk))
        {
            var ids = RawSqlLists.Placeholders(chunk.Length);
            var arguments = chunk.Cast<object>().ToArray();
            var markets = (await db.Database.SqlQueryRaw<MarketsRow>(
                    "SELECT EnterpriseId, TargetMarkets, SalesPlatforms FROM pf_enterprise_markets WHERE EnterpriseId IN (" + ids + ")" + forUpdate, arguments)
                .ToListAsync(cancellationToken)).ToDictionary(m => m.EnterpriseId);
            var marks = await db.Database.SqlQueryRaw<MarkRow>(
                    "SELECT Id, EnterpriseId, Jurisdiction, Status, PlannedFilingOn FROM pf_ip_rights WHERE EnterpriseId IN (" + ids + ") AND Kind = 'Trademark'" + forUpdate, arguments)
                .ToListAsync(cancellationToken);
            var designations = marks.Any(m => m.Jurisdiction == Jurisdiction.Madrid.Code)
                ? await db.Database.SqlQueryRaw<DesignationRow>(
                        "SELECT d.RightId, d.Country, d.Status FROM pf_designations d JOIN pf_ip_rights r ON r.Id = d.RightId"
                        + " WHERE r.EnterpriseId IN (" + ids + ") AND r.Kind = 'Trademark' AND r.Jurisdiction = '" + Jurisdiction.Madrid.Code + "'" + forUpdate, arguments)
                    .ToListAsync(cancellationToken)
                : [];
            var stored = await db.Database.SqlQueryRaw<GapRow>(
                    "SELECT EnterpriseId, Market, ParkId FROM pf_enterprise_coverage_gaps WHERE EnterpriseId IN (" + ids + ")" + forUpdate, arguments)
                .ToListAsync(cancellationToken);
            // Locked by the caller before the save (or by the rebuild's batch), and read with a locking read: a plain read
            // would see this transaction's snapshot, which may predate a settlement committed while it waited for the lock
            // (the gaps of an enterprise whose markets and settlement arrive together were stored without their park).
            var parks = (await db.Database.SqlQueryRaw<PlacementRow>(
                    "SELECT EnterpriseId, ParkId FROM pf_enterprise_placements WHERE EnterpriseId IN (" + ids + ")" + forUpdate, arguments)
                .ToListAsync(cancellationToken)).ToDictionary(p => p.EnterpriseId, p => p.ParkId);

            var byRight = designations.ToLookup(d => d.RightId);
            var coverage = marks.ToLookup(m => m.EnterpriseId, m => CoverageOf(m, byRight[m.Id]));
            var fresh = new HashSet<Gap>();
            foreach (var enterprise in chunk)
            {
                if (markets.TryGetValue(enterprise, out var m))
                {
                    var gaps = CoverageGaps.Of(Codes(m.TargetMarkets), Codes(m.SalesPlatforms), [.. coverage[enterprise].SelectMany(c => c)]);
                    fresh.UnionWith(gaps.Select(g => new Gap(enterprise, g.Market, parks.GetValueOrDefault(enterprise))));
                }
            }

            // A row whose park copy is stale is deleted and written again.
            var kept = stored.Select(s => new Gap(s.EnterpriseId, s.Market, s.ParkId)).ToHashSet();
            var gone = kept.Except(fresh).OrderBy(g => g.EnterpriseId).ThenBy(g => g.Market, StringComparer.Ordinal).ToList();
            var added = fresh.Except(kept).OrderBy(g => g.EnterpriseId).ThenBy(g => g.Market, StringComparer.Ordinal).ToList();
            foreach (var batch in gone.Chunk(WriteBatch))
            {
                var pairs = string.Join(" OR ", batch.Select((_, i) => "(EnterpriseId = {" + (2 * i) + "} AND Market = {" + (2 * i + 1) + "})"));
                await db.Database.ExecuteSqlRawAsync("DELETE FROM pf_enterprise_coverage_gaps WHERE " + pairs, Flatten(batch), cancellationToken);
            }

            // Rows of settled enterprises with their park; the others without (a null parameter has no store type).
            foreach (var batch in added.Where(g => g.ParkId is not null).Chunk(WriteBatch))
            {
                var rows = string.Join(", ", batch.Select((_, i) => "({" + (3 * i) + "}, {" + (3 * i + 1) + "}, {" + (3 * i + 2) + "})"));
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO pf_enterprise_coverage_gaps (EnterpriseId, Market, ParkId) VALUES " + rows,
                    [.. batch.SelectMany(g => new object[] { g.EnterpriseId, g.Market, g.ParkId!.Value })],
                    cancellationToken);
            }

            foreach (var batch in added.Where(g => g.ParkId is null).Chunk(WriteBatch))
            {
                var rows = string.Join(", ", batch.Select((_, i) => "({" + (2 * i) + "}, {" + (2 * i + 1) + "})"));
                await db.Database.ExecuteSqlRawAsync("INSERT INTO pf_enterprise_coverage_gaps (EnterpriseId, Market) VALUES " + rows, Flatten(batch), cancellationToken);
            }
        }
    }

    /// <summary>Rows per write statement: three parameters each at most, far under either database's limit.</summary>
    private const int WriteBatch = 200;

    private static object[] Flatten(IEnumerable<Gap> gaps) =>
        [.. gaps.SelectMany(g => new object[] { g.EnterpriseId, g.Market })];

    /// <summary>One stored row: an enterprise's market without protection, and the enterprise's park.</summary>
    private readonly record struct Gap(Guid EnterpriseId, string Market, Guid? ParkId);

    private sealed class PlacementRow
    {
        public Guid EnterpriseId { get; init; }
        public Guid? ParkId { get; init; }
    }

    /// <summary>Where a stored mark protects, as the enterprise's coverage fields see it.</summary>
    private static IEnumerable<MarkCoverage> CoverageOf(MarkRow mark, IEnumerable<DesignationRow> designations) =>
        CoverageGaps.MarkCoverageOf(
            mark.Jurisdiction, Enum.Parse<RightStatus>(mark.Status), mark.PlannedFilingOn, designations.Select(d => (d.Country, Enum.Parse<RightStatus>(d.Status))));

    private static List<string> Codes(string text) => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries)];

    private sealed class MarketsRow
    {
        public Guid EnterpriseId { get; init; }
        public string TargetMarkets { get; init; } = string.Empty;
        public string SalesPlatforms { get; init; } = string.Empty;
    }

    private sealed class MarkRow
    {
        public Guid Id { get; init; }
        public Guid EnterpriseId { get; init; }
        public string Jurisdiction { get; init; } = string.Empty;
        public string Status { get; init; } = string.Empty;
        public DateOnly? PlannedFilingOn { get; init; }
    }

    private sealed class DesignationRow
    {
        public Guid RightId { get; init; }
        public string Country { get; init; } = string.Empty;
        public string Status { get; init; } = string.Empty;
    }

    private sealed class GapRow
    {
        public Guid EnterpriseId { get; init; }
        public string Market { get; init; } = string.Empty;
        public Guid? ParkId { get; init; }
    }
}
