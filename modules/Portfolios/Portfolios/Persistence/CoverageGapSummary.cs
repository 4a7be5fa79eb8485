using IpShield.Portfolios.Coverage;
using IpShield.Portfolios.Domain;
using IpShield.SharedKernel.Persistence;
using IpShield.SharedKernel.Statistics;
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

    /// <summary>
    /// The row in <see cref="SummaryState"/> saying the parks' counts (ADR 0040) were counted from the stored gaps: by the
    /// migration that made them on MariaDB, by <see cref="RecountAsync"/> elsewhere (a SQLite file older than the counts
    /// gets their table empty).
    /// </summary>
    public const string CountsName = "park-coverage-gaps";

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
            using var parkWrites = DataVersions.WritesOf(gone.Concat(added).Select(g => g.ParkId)); // ADR 0041
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

            // The whole of each enterprise's rows before and after, not only those written: whether it has any gap left
            // depends on the rows kept too.
            await CountAsync(db, kept, fresh, cancellationToken);
        }
    }

    /// <summary>
    /// Moves an enterprise's stored gaps to the park it is now settled in (null: none), with the park counts, in the
    /// caller's transaction (the placement is already locked and changed by it).
    /// </summary>
    public static async Task MoveAsync(PortfoliosDbContext db, Guid enterprise, Guid? park, CancellationToken cancellationToken)
    {
        var forUpdate = db.Database.IsMySql() ? " FOR UPDATE" : string.Empty;
        var stored = (await db.Database.SqlQueryRaw<GapRow>("SELECT EnterpriseId, Market, ParkId FROM pf_enterprise_coverage_gaps WHERE EnterpriseId = {0}" + forUpdate, enterprise)
                .ToListAsync(cancellationToken))
            .Select(s => new Gap(s.EnterpriseId, s.Market, s.ParkId)).ToList();
        if (stored.All(g => g.ParkId == park))
        {
            return;
        }

        using var parkWrites = DataVersions.WritesOf(stored.Select(g => g.ParkId).Append(park)); // ADR 0041
        await db.EnterpriseCoverageGaps.Where(g => g.EnterpriseId == enterprise).ExecuteUpdateAsync(set => set.SetProperty(g => g.ParkId, park), cancellationToken);
        await CountAsync(db, stored, [.. stored.Select(g => g with { ParkId = park })], cancellationToken);
    }

    /// <summary>
    /// Counts the parks' gaps afresh from the stored gaps and records that they were, in the caller's transaction: after a
    /// build, whose additions went onto counts of rows it may have found wrong. The stored gaps are read with a shared
    /// lock on MariaDB, so a save adding rows meanwhile waits, and then adds its difference to the fresh counts.
    /// </summary>
    public static async Task RecountAsync(PortfoliosDbContext db, CancellationToken cancellationToken)
    {
        var share = db.Database.IsMySql() ? " LOCK IN SHARE MODE" : string.Empty;
        var counted = await db.Database.SqlQueryRaw<CountRow>(
                "SELECT ParkId, Market, COUNT(*) AS Enterprises FROM pf_enterprise_coverage_gaps WHERE ParkId IS NOT NULL GROUP BY ParkId, Market" + share)
            .ToListAsync(cancellationToken);
        var withAny = await db.Database.SqlQueryRaw<CountRow>(
                "SELECT ParkId, '' AS Market, COUNT(DISTINCT EnterpriseId) AS Enterprises FROM pf_enterprise_coverage_gaps WHERE ParkId IS NOT NULL GROUP BY ParkId" + share)
            .ToListAsync(cancellationToken);
        await db.ParkCoverageGaps.ExecuteDeleteAsync(cancellationToken);
        var rows = counted.Concat(withAny)
            .OrderBy(c => c.ParkId).ThenBy(c => c.Market, StringComparer.Ordinal)
            .Select(c => new object[] { c.ParkId, c.Market, c.Enterprises }).ToList();
        await SummaryRows.AddManyAsync(db.Database, "pf_park_coverage_gaps", ["ParkId", "Market"], ["Enterprises"], rows, cancellationToken);
        if (!await db.SummaryStates.AnyAsync(s => s.Name == CountsName, cancellationToken))
        {
            db.SummaryStates.Add(new SummaryState { Name = CountsName });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Adds to the park counts what replacing the stored rows <paramref name="before"/> by <paramref name="after"/>
    /// changes (ADR 0040): per park and market the rows, per park the distinct enterprises (under
    /// <see cref="ParkCoverageGaps.AnyMarket"/>). Rows of enterprises not settled anywhere count nowhere.
    /// </summary>
    private static Task CountAsync(PortfoliosDbContext db, IReadOnlyCollection<Gap> before, IReadOnlyCollection<Gap> after, CancellationToken cancellationToken)
    {
        var differences = ParkCountDifferences(before, after);
        return differences.Count == 0
            ? Task.CompletedTask
            : SummaryRows.AddManyAsync(db.Database, "pf_park_coverage_gaps", ["ParkId", "Market"], ["Enterprises"], differences, cancellationToken);
    }

    /// <summary>The differences as summary rows (park, market, enterprises), in key order, none of them zero.</summary>
    internal static List<object[]> ParkCountDifferences(IReadOnlyCollection<Gap> before, IReadOnlyCollection<Gap> after)
    {
        static IEnumerable<(Guid Park, string Market)> Counted(IEnumerable<Gap> rows)
        {
            var settled = rows.Where(g => g.ParkId is not null).ToList();
            return settled.Select(g => (g.ParkId!.Value, g.Market))
                .Concat(settled.Select(g => (g.EnterpriseId, Park: g.ParkId!.Value)).Distinct().Select(e => (e.Park, ParkCoverageGaps.AnyMarket)));
        }

        var counts = new SortedDictionary<(Guid Park, string Market), int>(Comparer<(Guid Park, string Market)>.Create(
            (x, y) => x.Park != y.Park ? x.Park.CompareTo(y.Park) : string.CompareOrdinal(x.Market, y.Market)));
        foreach (var key in Counted(after))
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        foreach (var key in Counted(before))
        {
            counts[key] = counts.GetValueOrDefault(key) - 1;
        }

        return [.. counts.Where(c => c.Value != 0).Select(c => new object[] { c.Key.Park, c.Key.Market, c.Value })];
    }

    /// <summary>Rows per write statement: three parameters each at most, far under either database's limit.</summary>
    private const int WriteBatch = 200;

    private static object[] Flatten(IEnumerable<Gap> gaps) =>
        [.. gaps.SelectMany(g => new object[] { g.EnterpriseId, g.Market })];

    /// <summary>One stored row: an enterprise's market without protection, and the enterprise's park.</summary>
    internal readonly record struct Gap(Guid EnterpriseId, string Market, Guid? ParkId);

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

    private sealed class CountRow
    {
        public Guid ParkId { get; init; }
        public string Market { get; init; } = string.Empty;
        public int Enterprises { get; init; }
    }

    private sealed class GapRow
    {
        public Guid EnterpriseId { get; init; }
        public string Market { get; init; } = string.Empty;
        public Guid? ParkId { get; init; }
    }
}
