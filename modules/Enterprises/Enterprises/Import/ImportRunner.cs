using System.Text.Json;
using System.Threading.Channels;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Persistence;
using IpShield.Workstations.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpShield.Enterprises.Import;

/// <summary>Wakes the runner when a job is queued.</summary>
internal sealed class ImportQueue
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _signal.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _signal.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // timed out: retry the interrupted job
        }
    }
}

/// <summary>
/// Runs import jobs in the background, one at a time, oldest first. At startup it picks up jobs a stopped host
/// left queued or running; a job whose database went away is retried from its last committed batch.
/// </summary>
internal sealed partial class ImportRunner(IServiceProvider services, ImportQueue queue, ImportOptions options, TimeProvider time, ILogger<ImportRunner> logger) : BackgroundService
{
    public const int MaxAttempts = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var interrupted = false;
            try
            {
                // Run every queued or running job, oldest first; then sleep until a job is queued.
                while (await NextJobAsync(stoppingToken) is { } jobId)
                {
                    await RunAsync(jobId, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database or the file system went away: the open batch rolled back. Try again shortly; each
                // attempt counts, and a job that keeps failing ends as FAILED (see MaxAttempts).
                LogInterrupted(logger, ex);
                interrupted = true;
            }

            await queue.WaitAsync(interrupted ? TimeSpan.FromSeconds(2) : Timeout.InfiniteTimeSpan, stoppingToken);
        }
    }

    private async Task<Guid?> NextJobAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnterprisesDbContext>();
        var jobs = await db.ImportJobs.AsNoTracking()
            .Where(j => j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running)
            .Select(j => new { j.Id, j.CreatedAt })
            .ToListAsync(cancellationToken);
        return jobs.OrderBy(j => j.Id).Select(j => (Guid?)j.Id).FirstOrDefault();
    }

    private async Task RunAsync(Guid jobId, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnterprisesDbContext>();
        var batch = new EnterpriseBatch(db, time);
        var job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, cancellationToken);
        job.Status = ImportStatus.Running;
        job.StartedAt ??= time.GetUtcNow();
        job.Attempts++;
        await db.SaveChangesAsync(cancellationToken);
        if (job.Attempts > MaxAttempts)
        {
            await FinishAsync(db, job, ImportStatus.Failed, $"Gave up after {MaxAttempts} attempts; use retryEnterpriseImport once the cause is fixed.", cancellationToken);
            return;
        }

        var path = options.PathOf(job.Id);
        if (!File.Exists(path))
        {
            await FinishAsync(db, job, ImportStatus.Failed, "The uploaded file is no longer on the server; upload it again with a new idempotency key.", cancellationToken);
            return;
        }

        Guid? scopePark = null;
        if (job.WorkstationScope is { } workstation)
        {
            var parks = await scope.ServiceProvider.GetRequiredService<IWorkstationDirectory>().ParksOfOpenWorkstationsAsync([workstation], cancellationToken);
            scopePark = parks.TryGetValue(workstation, out var park) ? park : null;
        }

        var rules = new BatchRules(job.Policy, job.WorkstationScope, scopePark, job.Mode == ImportMode.DryRun);
        var today = ParkCalendar.Today(time);
        var seen = new HashSet<UInt128>();
        var pending = new List<MappedRow>(options.BatchSize);
        var first = true;
        foreach (var raw in RowSources.Read(path, job.Format))
        {
            if (first && job.Format == ImportFormat.Csv)
            {
                first = false;
                // Every CSV row carries the header's columns: the first tells whether the two required ones exist.
                if (raw.ProblemCode is null && !(raw.Values.ContainsKey(Column.CreditCode) && raw.Values.ContainsKey(Column.NameZh)))
                {
                    await FinishAsync(db, job, ImportStatus.Failed, $"The file has no {Column.CreditCode} or no {Column.NameZh} column (see docs/import-format.md).", cancellationToken);
                    return;
                }
            }

            var row = ImportRowMapping.Map(raw, today);
            // Repeats are found from the start of the file on every run, so a resumed job reports the same ones.
            if (row.Record is { } record && !seen.Add(CreditCode.Pack(record.CreditCode)))
            {
                row = row with
                {
                    Record = null,
                    Errors = [new(EnterpriseErrorCodes.DuplicateInFile, "This credit code appears on an earlier line of the file; only the first is imported.", [Column.CreditCode])],
                };
            }

            if (raw.Line <= job.LastLine)
            {
                continue; // committed before a restart
            }

            pending.Add(row);
            if (pending.Count >= options.BatchSize)
            {
                await CommitAsync(db, batch, job, pending, rules, cancellationToken);
                pending.Clear();
            }
        }

        await CommitAsync(db, batch, job, pending, rules, cancellationToken);
        await FinishAsync(db, job, ImportStatus.Succeeded, null, cancellationToken);
        File.Delete(path);
    }

    /// <summary>One batch, one transaction: the rows, their errors and the job's progress commit together or not at all.</summary>
    private static async Task CommitAsync(EnterprisesDbContext db, EnterpriseBatch batch, ImportJob job, List<MappedRow> rows, BatchRules rules, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var results = await batch.ApplyAsync(rows, rules, cancellationToken);
        foreach (var failed in results.Where(r => r.Outcome == RowOutcome.Failed))
        {
            var original = JsonSerializer.Serialize(failed.Row.Raw.Values);
            foreach (var error in failed.Errors)
            {
                db.ImportRowErrors.Add(new ImportRowError
                {
                    JobId = job.Id,
                    Line = failed.Row.Raw.Line,
                    Column = error.Field is { Count: > 0 } field ? field[^1] : null,
                    Code = error.Code,
                    Message = error.Message.Length > ImportRowError.MessageMax ? error.Message[..ImportRowError.MessageMax] : error.Message,
                    OriginalValues = original,
                });
            }
        }

        job.LastLine = rows[^1].Raw.Line;
        job.RowsRead += rows.Count;
        job.RowsCreated += results.Count(r => r.Outcome == RowOutcome.Created);
        job.RowsUpdated += results.Count(r => r.Outcome == RowOutcome.Updated);
        job.RowsUnchanged += results.Count(r => r.Outcome == RowOutcome.Unchanged);
        job.RowsApplied = job.RowsCreated + job.RowsUpdated + job.RowsUnchanged;
        job.RowsFailed += results.Count(r => r.Outcome == RowOutcome.Failed);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Keep memory flat: forget the saved errors, keep tracking only the job.
        db.ChangeTracker.Clear();
        db.Attach(job);
    }

    private async Task FinishAsync(EnterprisesDbContext db, ImportJob job, ImportStatus status, string? failure, CancellationToken cancellationToken)
    {
        job.Status = status;
        job.FailureMessage = failure;
        job.RunningClientKey = null;
        job.FinishedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import interrupted; it resumes from its last committed batch")]
    private static partial void LogInterrupted(ILogger logger, Exception exception);
}
