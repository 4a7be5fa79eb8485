using Microsoft.EntityFrameworkCore;

namespace IpShield.SharedKernel.Imports;

/// <summary>
/// What a module supplies to the kernel's import pipeline (ADR 0014): how its columns are named, how a row becomes its
/// checked record, and how a batch of records is written. Everything else — upload, job, idempotency key, lease,
/// batches committing their own progress, resume, per-row errors and their report — is the kernel's.
/// </summary>
/// <typeparam name="TDb">The module's context: its jobs and row errors live in its own tables.</typeparam>
/// <typeparam name="TJob">The module's job entity.</typeparam>
/// <typeparam name="TRecord">A row's checked record, as the module's writer takes it.</typeparam>
public abstract class ImportPipeline<TDb, TJob, TRecord>
    where TDb : DbContext
    where TJob : ImportJob
    where TRecord : class
{
    /// <summary>The mutation that restarts a failed job, named in the message of a job that gave up.</summary>
    public abstract string RetryMutation { get; }

    /// <summary>The columns a CSV or .xlsx header must have; a file without them fails as a whole.</summary>
    public abstract IReadOnlyList<string> RequiredColumns { get; }

    /// <summary>The columns whose original values the error report repeats, in the order of the import format.</summary>
    public abstract IReadOnlyList<string> ReportColumns { get; }

    /// <summary>A header or JSON key, already trimmed and in lower case, as the module's canonical column name (its aliases).</summary>
    public abstract string NormalizeColumn(string header);

    /// <summary>
    /// A mapper for one run of <paramref name="job"/>. It sees every row from the start of the file, those committed
    /// before a restart too, so state such as "seen earlier in the file" is the same for a resumed run.
    /// </summary>
    public abstract IImportRowMapper<TRecord> NewMapper(TJob job, DateOnly today);

    /// <summary>The writer for one run of <paramref name="job"/>, on the runner's context (its batch transaction is open when it writes).</summary>
    public abstract Task<IImportBatchWriter<TRecord>> OpenWriterAsync(TDb db, TJob job, IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>A chance to change the runner's connection before it opens (the enterprise import allows <c>LOAD DATA LOCAL</c>).</summary>
    public virtual void PrepareRunnerContext(TDb db)
    {
    }
}

/// <summary>Turns raw rows into checked records, in file order.</summary>
public interface IImportRowMapper<TRecord>
    where TRecord : class
{
    ImportRow<TRecord> Map(RawRow raw);
}

/// <summary>
/// Applies one batch inside the runner's open transaction: all or nothing. Rows that arrive with errors are failed
/// rows; the writer adds its own (a conflict with stored data) and says of every row what became of it. In a dry run
/// it decides but writes nothing.
/// </summary>
public interface IImportBatchWriter<TRecord>
    where TRecord : class
{
    Task<IReadOnlyList<ImportRowResult>> ApplyAsync(IReadOnlyList<ImportRow<TRecord>> rows, bool dryRun, CancellationToken cancellationToken);
}
