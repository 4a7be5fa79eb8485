global using MappedRow = IpShield.SharedKernel.Imports.ImportRow<IpShield.Enterprises.Domain.EnterpriseRecord>;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Persistence;
using IpShield.SharedKernel.Imports;
using IpShield.Workstations.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpShield.Enterprises.Import;

/// <summary>
/// The enterprise import on the kernel's pipeline (ADR 0014): rows map to <see cref="EnterpriseRecord"/>s, matched
/// on the credit code, and batches go through <see cref="EnterpriseBatch"/> (bulk load and upserts, ADR 0010).
/// </summary>
internal sealed class EnterpriseImportPipeline(TimeProvider time, ILogger<EnterpriseImportPipeline> logger)
    : ImportPipeline<EnterprisesDbContext, EnterpriseImportJob, EnterpriseRecord>
{
    /// <summary>The error reports are at <c>/imports/{id}/errors.csv</c> (and <c>.jsonl</c>).</summary>
    public const string ReportRoute = "imports";

    public static readonly string[] OriginalColumns =
        [Column.CreditCode, Column.NameZh, Column.NameEn, Column.LegalForm, Column.EstablishedOn, Column.TargetMarkets, Column.SalesPlatforms, Column.ProductCategories];

    public override string RetryMutation => "retryEnterpriseImport";

    public override IReadOnlyList<string> RequiredColumns { get; } = [Column.CreditCode, Column.NameZh];

    public override IReadOnlyList<string> ReportColumns => OriginalColumns;

    public override string NormalizeColumn(string header) => Column.Normalize(header);

    public override IImportRowMapper<EnterpriseRecord> NewMapper(EnterpriseImportJob job, DateOnly today) => new Mapper(today);

    public override void PrepareRunnerContext(EnterprisesDbContext db)
    {
        if (db.Database.IsMySql())
        {
            db.Database.SetConnectionString(EnterpriseBulkLoad.AllowingLoad(db.Database.GetConnectionString()!));
        }
    }

    public override async Task<IImportBatchWriter<EnterpriseRecord>> OpenWriterAsync(EnterprisesDbContext db, EnterpriseImportJob job, IServiceProvider services, CancellationToken cancellationToken)
    {
        Guid? scopePark = null;
        if (job.WorkstationScope is { } workstation)
        {
            var parks = await services.GetRequiredService<IWorkstationDirectory>().ParksOfOpenWorkstationsAsync([workstation], cancellationToken);
            scopePark = parks.TryGetValue(workstation, out var park) ? park : null;
        }

        return new Writer(new EnterpriseBatch(db, time, logger), job.Policy, job.WorkstationScope, scopePark);
    }

    /// <summary>Maps rows and reports a credit code seen on an earlier line (packed exactly, ADR 0010).</summary>
    private sealed class Mapper(DateOnly today) : IImportRowMapper<EnterpriseRecord>
    {
        private readonly HashSet<UInt128> _seen = [];

        public MappedRow Map(RawRow raw)
        {
            var row = ImportRowMapping.Map(raw, today);
            if (row.Record is { } record && !_seen.Add(CreditCode.Pack(record.CreditCode)))
            {
                row = row with
                {
                    Record = null,
                    Errors = [new(EnterpriseErrorCodes.DuplicateInFile, "This credit code appears on an earlier line of the file; only the first is imported.", [Column.CreditCode])],
                };
            }

            return row;
        }
    }

    private sealed class Writer(EnterpriseBatch batch, ImportPolicy policy, Guid? workstationScope, Guid? scopePark) : IImportBatchWriter<EnterpriseRecord>
    {
        public async Task<IReadOnlyList<ImportRowResult>> ApplyAsync(IReadOnlyList<MappedRow> rows, bool dryRun, CancellationToken cancellationToken)
        {
            var results = await batch.ApplyAsync(rows, new BatchRules(policy, workstationScope, scopePark, dryRun), cancellationToken);
            return [.. results.Select(r => new ImportRowResult(r.Row.Raw, Outcome(r.Outcome), r.Errors))];
        }

        private static ImportRowOutcome Outcome(RowOutcome outcome) => outcome switch
        {
            RowOutcome.Created => ImportRowOutcome.Created,
            RowOutcome.Updated => ImportRowOutcome.Updated,
            RowOutcome.Unchanged => ImportRowOutcome.Unchanged,
            _ => ImportRowOutcome.Failed,
        };
    }
}
