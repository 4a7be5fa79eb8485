using IpShield.Enterprises.Contracts;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.Imports;
using IpShield.SharedKernel.Time;
using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Portfolios.Import;

/// <summary>
/// The rights import on the kernel's pipeline (ADR 0014): rows become rights through <c>recordIpRight</c>'s checks
/// (<see cref="RightRowMapping"/>), each batch finds its enterprises by credit code through the Enterprises module's
/// directory, checks them against the starter's access with <c>recordIpRight</c>'s rule, and records the rights, their
/// first history entries and the deadlines the engine computes — what the mutation records, row by row.
/// </summary>
internal sealed class RightImportPipeline(DeadlineEngine engine, TimeProvider time)
    : ImportPipeline<PortfoliosDbContext, RightImportJob, RightRecord>
{
    /// <summary>The GraphQL type (and global id) of a rights import job.</summary>
    public const string GlobalIdType = "IpRightImport";

    /// <summary>The error reports are at <c>/right-imports/{id}/errors.csv</c> (and <c>.jsonl</c>).</summary>
    public const string ReportRoute = "right-imports";

    public override string RetryMutation => "retryIpRightImport";

    public override IReadOnlyList<string> RequiredColumns { get; } = [RightColumn.CreditCode, RightColumn.Kind, RightColumn.Jurisdiction, RightColumn.NameZh, RightColumn.FiledOn];

    public override IReadOnlyList<string> ReportColumns => RightColumn.All;

    public override string NormalizeColumn(string header) => RightColumn.Normalize(header);

    public override IImportRowMapper<RightRecord> NewMapper(RightImportJob job, DateOnly today) => new Mapper(today);

    public override Task<IImportBatchWriter<RightRecord>> OpenWriterAsync(PortfoliosDbContext db, RightImportJob job, IServiceProvider services, CancellationToken cancellationToken) =>
        Task.FromResult<IImportBatchWriter<RightRecord>>(new Writer(db, services.GetRequiredService<IEnterpriseDirectory>(), engine, time, job.StarterAccess()));

    /// <summary>Maps rows and reports a right (enterprise, kind, jurisdiction, application number) seen on an earlier line.</summary>
    private sealed class Mapper(DateOnly today) : IImportRowMapper<RightRecord>
    {
        private readonly HashSet<(string, RightKind, string, string)> _seen = [];

        public ImportRow<RightRecord> Map(RawRow raw)
        {
            var row = RightRowMapping.Map(raw, today);
            if (row.Record?.Identity is { } identity && !_seen.Add(identity))
            {
                row = row with
                {
                    Record = null,
                    Errors = [new(ImportErrorCodes.DuplicateInFile, "The same right (enterprise, kind, jurisdiction, application number) is on an earlier line of the file; only the first is imported.", [RightColumn.ApplicationNumber])],
                };
            }

            return row;
        }
    }

    private sealed class Writer(PortfoliosDbContext db, IEnterpriseDirectory directory, DeadlineEngine engine, TimeProvider time, AccessContext starter) : IImportBatchWriter<RightRecord>
    {
        /// <summary>Ids per statement: under MariaDB's <c>in_predicate_conversion_threshold</c> (ADR 0010).</summary>
        private const int Chunk = 500;

        public async Task<IReadOnlyList<ImportRowResult>> ApplyAsync(IReadOnlyList<ImportRow<RightRecord>> rows, bool dryRun, CancellationToken cancellationToken)
        {
            var records = rows.Where(r => r.Record is not null).Select(r => r.Record!).ToList();
            var enterprises = await directory.IdsByCreditCodeAsync([.. records.Select(r => r.CreditCode).Distinct()], cancellationToken);
            var ids = enterprises.Values.Distinct().ToList();
            var placements = await WorkstationsOfAsync(ids, cancellationToken);
            var recorded = await RecordedAsync(ids, [.. records.Where(r => r.Right.ApplicationNumber is not null).Select(r => r.Right.ApplicationNumber!).Distinct()], cancellationToken);
            var now = time.GetUtcNow();
            var today = ParkCalendar.Today(time);
            var results = new List<ImportRowResult>(rows.Count);
            foreach (var row in rows)
            {
                if (row.Record is not { } record)
                {
                    results.Add(new ImportRowResult(row.Raw, ImportRowOutcome.Failed, row.Errors));
                    continue;
                }

                var workstationId = enterprises.TryGetValue(record.CreditCode, out var enterpriseId) ? placements.GetValueOrDefault(enterpriseId) : null;
                if (!enterprises.ContainsKey(record.CreditCode) || !starter.CanActFor(enterpriseId, workstationId))
                {
                    // The same answer for an enterprise the starter may not act for as for one that does not exist.
                    results.Add(Failed(row, RightImportErrorCodes.UnknownEnterprise, $"No enterprise with credit code {record.CreditCode} is registered where you may record rights.", RightColumn.CreditCode));
                    continue;
                }

                var number = record.Right.ApplicationNumber?.ToUpperInvariant();
                if (number is not null && recorded.Contains((enterpriseId, record.Right.Input.Kind, record.Right.Jurisdiction.Code, number)))
                {
                    results.Add(Failed(row, RightImportErrorCodes.AlreadyRecorded, "This enterprise already has this right (same kind, jurisdiction and application number).", RightColumn.ApplicationNumber));
                    continue;
                }

                if (!dryRun)
                {
                    // recordIpRight's path: the right, its first history entries, and the deadlines the engine computes.
                    var stored = record.Right.Create(enterpriseId, workstationId, starter.SubjectId, now);
                    stored.AddTo(db);
                    foreach (var computed in engine.Compute(stored.Right.Facts(stored.History), today))
                    {
                        db.Deadlines.Add(RightDeadline.From(computed, stored.Right));
                    }
                }

                results.Add(new ImportRowResult(row.Raw, ImportRowOutcome.Created, []));
            }

            return results;
        }

        private static ImportRowResult Failed(ImportRow<RightRecord> row, string code, string message, string column) =>
            new(row.Raw, ImportRowOutcome.Failed, [new UserError(code, message, [column])]);

        /// <summary>
        /// Where each enterprise is settled, with the placement rows locked for the batch's transaction on MariaDB, as
        /// <c>recordIpRight</c> locks its one (ADR 0013): a settlement arriving meanwhile waits, then updates these rights too.
        /// </summary>
        private async Task<Dictionary<Guid, Guid?>> WorkstationsOfAsync(List<Guid> ids, CancellationToken cancellationToken)
        {
            var found = new Dictionary<Guid, Guid?>();
            foreach (var chunk in ids.Chunk(Chunk))
            {
                var placeholders = RawSqlLists.Placeholders(chunk.Length);
                var sql = "SELECT * FROM pf_enterprise_placements WHERE EnterpriseId IN (" + placeholders + ") FOR UPDATE";
                var placements = db.Database.IsMySql()
                    ? db.EnterprisePlacements.FromSqlRaw(sql, [.. chunk.Select(id => (object)id)])
                    : db.EnterprisePlacements.Where(p => chunk.Contains(p.EnterpriseId));
                foreach (var placement in await placements.AsNoTracking().ToListAsync(cancellationToken))
                {
                    found[placement.EnterpriseId] = placement.WorkstationId;
                }
            }

            return found;
        }

        /// <summary>The rights of these enterprises already recorded under one of these application numbers.</summary>
        private async Task<HashSet<(Guid, RightKind, string, string)>> RecordedAsync(List<Guid> ids, List<string> numbers, CancellationToken cancellationToken)
        {
            var recorded = new HashSet<(Guid, RightKind, string, string)>();
            if (ids.Count == 0 || numbers.Count == 0)
            {
                return recorded;
            }

            foreach (var idChunk in ids.Chunk(Chunk))
            {
                foreach (var numberChunk in numbers.Chunk(Chunk))
                {
                    var rights = await db.IpRights.AsNoTracking()
                        .Where(r => idChunk.Contains(r.EnterpriseId) && numberChunk.Contains(r.ApplicationNumber!))
                        .Select(r => new { r.EnterpriseId, r.Kind, r.Jurisdiction, r.ApplicationNumber })
                        .ToListAsync(cancellationToken);
                    recorded.UnionWith(rights.Select(r => (r.EnterpriseId, r.Kind, r.Jurisdiction, r.ApplicationNumber!.ToUpperInvariant())));
                }
            }

            return recorded;
        }
    }
}
