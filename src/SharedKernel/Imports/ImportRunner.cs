using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Persistence;
using IpShield.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpShield.SharedKernel.Imports;

/// <summary>Wakes a module's runner when one of its jobs (<typeparamref name="TJob"/>) is queued.</summary>
public sealed class ImportQueue<TJob>
    where TJob : ImportJob
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
/// Runs import jobs in the background, one at a time per host, oldest first. A host leases the job it runs (ADR
/// 0010), so hosts sharing a database never work on one job together, and a job whose host died is taken over
/// once the lease ran out. At startup it picks up jobs a stopped host left queued or running; a job whose database
/// went away is retried from its last committed batch. One runner per module that imports, each on its own jobs
/// table; the module's <see cref="ImportPipeline{TDb, TJob, TRecord}"/> maps and writes the rows.
/// </summary>
internal sealed partial class ImportRunner<TDb, TJob, TRecord>(
    IServiceProvider services, ImportQueue<TJob> queue, ImportOptions options, ImportPipeline<TDb, TJob, TRecord> pipeline, TimeProvider time, ILogger<ImportRunner<TDb, TJob, TRecord>> logger)
    : BackgroundService
    where TDb : DbContext
    where TJob : ImportJob
    where TRecord : class
{
    public const int MaxAttempts = 20;

    /// <summary>Batches read ahead while the previous one is written: enough to keep the writer busy, few enough to keep memory flat.</summary>
    private const int BatchesReadAhead = 2;

    /// <summary>
    /// Live progress (ADR 0022) at most this often per job, plus the end: enough for a progress bar, and a fast import
    /// does not pay a relay delivery per batch (each costs the host a few transactions beside the batch).
    /// </summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

    /// <summary>Unique per process; the machine and process id are there for people reading the job row.</summary>
    private readonly string _runnerId = RunnerId($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");

    /// <summary>Deadlocks in a row on one job before the next run counts as an attempt again.</summary>
    private const int MaxCollisionsInARow = 5;

    private int _collisionsInARow;

    private static string RunnerId(string id) => id.Length <= ImportJob.KeyMax ? id : id[^ImportJob.KeyMax..];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan sleep;
            try
            {
                // Run every job this host can lease, oldest first; then sleep until a job is queued or another
                // host's lease runs out.
                Lease next;
                while ((next = await LeaseNextJobAsync(stoppingToken)).JobId is { } jobId)
                {
                    await RunAsync(jobId, stoppingToken);
                }

                // Another host may take a job and die without anyone waking this one: look again after a lease's time.
                sleep = next.RetryIn ?? options.Lease;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another host took the job over after this one's lease ran out (this host was stalled); the
                // batch rolled back and the job is theirs now.
                LogLeaseLost(logger);
                sleep = TimeSpan.Zero;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && PersistenceErrors.IsTransientConflict(ex) && _collisionsInARow < MaxCollisionsInARow)
            {
                // The batch was chosen as a deadlock victim (beside the relay claiming outbox rows, or another host's
                // lease check on the job row): it rolled back whole. Run it again shortly; a collision is not an
                // attempt (attempts count outages and failures), unless it keeps happening.
                _collisionsInARow++;
                LogCollided(logger, ex);
                sleep = TimeSpan.FromMilliseconds(Random.Shared.Next(20, 200));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _collisionsInARow = 0;
                // The database or the file system went away: the open batch rolled back. Try again shortly; each
                // attempt counts, and a job that keeps failing ends as FAILED (see MaxAttempts).
                LogInterrupted(logger, ex);
                sleep = TimeSpan.FromSeconds(2);
            }

            if (sleep > TimeSpan.Zero)
            {
                await queue.WaitAsync(sleep, stoppingToken);
            }
        }
    }

    /// <summary>The job this runner leased, or none and when another host's lease runs out.</summary>
    private readonly record struct Lease(Guid? JobId, TimeSpan? RetryIn);

    private async Task<Lease> LeaseNextJobAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var open = await db.Set<TJob>().AsNoTracking()
            .Where(j => j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running)
            .Select(j => new { j.Id, j.LeasedBy, j.LeaseUntil })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        TimeSpan? retryIn = null;
        foreach (var job in open.OrderBy(j => j.Id))
        {
            if (job.LeasedBy is { } holder && holder != _runnerId && job.LeaseUntil >= now && !HolderIsGone(holder))
            {
                var left = job.LeaseUntil.Value - now + TimeSpan.FromMilliseconds(100);
                retryIn = retryIn is { } earlier && earlier < left ? earlier : left;
                continue;
            }

            // Take it only if nobody else did in the meantime: one conditional statement decides between hosts.
            var until = now + options.Lease;
            var holderGone = job.LeasedBy is { } previous && HolderIsGone(previous);
            var taken = await db.Set<TJob>()
                .Where(j => j.Id == job.Id && (j.LeasedBy == null || j.LeasedBy == _runnerId || j.LeaseUntil < now || (holderGone && j.LeasedBy == job.LeasedBy)))
                .ExecuteUpdateAsync(set => set.SetProperty(j => j.LeasedBy, _runnerId).SetProperty(j => j.LeaseUntil, until), cancellationToken);
            if (taken == 1)
            {
                return new Lease(job.Id, null);
            }
        }

        return new Lease(null, retryIn);
    }

    /// <summary>
    /// A lease held by a process of this machine that no longer runs (this host before a crash and restart) need not
    /// be waited out. A reused process id (or this process's own, in a container restarted as pid 1) only makes the
    /// runner wait for the lease to run out: the safe direction.
    /// </summary>
    private static bool HolderIsGone(string holder)
    {
        var parts = holder.Split(':');
        if (parts.Length != 3 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var processId))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
    }

    private async Task RunAsync(Guid jobId, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        pipeline.PrepareRunnerContext(db);
        var job = await db.Set<TJob>().SingleAsync(j => j.Id == jobId, cancellationToken);
        job.Status = ImportStatus.Running;
        job.StartedAt ??= time.GetUtcNow();
        if (_collisionsInARow == 0)
        {
            job.Attempts++;
        }

        _collisionsInARow = 0;
        await db.SaveChangesAsync(cancellationToken);
        if (job.Attempts > MaxAttempts)
        {
            await FinishAsync(db, job, ImportStatus.Failed, $"Gave up after {MaxAttempts} attempts; use {pipeline.RetryMutation} once the cause is fixed.", cancellationToken);
            return;
        }

        var path = options.PathOf(job.Id);
        if (!File.Exists(path))
        {
            await FinishAsync(db, job, ImportStatus.Failed, "The uploaded file is no longer on the server; upload it again with a new idempotency key.", cancellationToken);
            return;
        }

        var writer = await pipeline.OpenWriterAsync(db, job, scope.ServiceProvider, cancellationToken);
        var mapper = pipeline.NewMapper(job, ParkCalendar.Today(time));

        // Reading (decode, map, validate) and writing overlap: the next batch is prepared while this one commits.
        var batches = Channel.CreateBounded<List<ImportRow<TRecord>>>(new BoundedChannelOptions(BatchesReadAhead) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(() => ReadBatchesAsync(path, job.Format, job.LastLine, mapper, batches.Writer, stopReading.Token), CancellationToken.None);
        try
        {
            var progressSent = DateTimeOffset.MinValue;
            await foreach (var rows in batches.Reader.ReadAllAsync(cancellationToken))
            {
                progressSent = await CommitAsync(db, writer, job, rows, options.Lease, progressSent, cancellationToken);
            }
        }
        catch
        {
            await stopReading.CancelAsync();
            await reader.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }

        if (await reader is { } fileProblem)
        {
            await FinishAsync(db, job, ImportStatus.Failed, fileProblem, cancellationToken);
            return;
        }

        await FinishAsync(db, job, ImportStatus.Succeeded, null, cancellationToken);
        File.Delete(path);
    }

    /// <summary>
    /// Reads the file into batches of mapped rows, skipping lines committed before a restart. Returns why the whole
    /// file cannot be imported, if it cannot; row problems travel with their rows.
    /// </summary>
    private async Task<string?> ReadBatchesAsync(string path, ImportFormat format, long lastCommittedLine, IImportRowMapper<TRecord> mapper, ChannelWriter<List<ImportRow<TRecord>>> batches, CancellationToken cancellationToken)
    {
        try
        {
            var pending = new List<ImportRow<TRecord>>(options.BatchSize);
            var first = true;
            foreach (var raw in RowSources.Read(path, format, pipeline.NormalizeColumn))
            {
                if (first && format is ImportFormat.Csv or ImportFormat.Xlsx)
                {
                    first = false;
                    // Every row carries the header's columns: the first tells whether the required ones exist.
                    if (raw.ProblemCode is null && !pipeline.RequiredColumns.All(raw.Values.ContainsKey))
                    {
                        return $"The file has no {string.Join(" or no ", pipeline.RequiredColumns)} column (see docs/import-format.md).";
                    }
                }

                // Every row is mapped, those committed before a restart too: the mapper's memory of the file (repeats)
                // is then the same as in an uninterrupted run.
                var row = mapper.Map(raw);
                if (raw.Line <= lastCommittedLine)
                {
                    continue; // committed before a restart
                }

                pending.Add(row);
                if (pending.Count >= options.BatchSize)
                {
                    await batches.WriteAsync(pending, cancellationToken);
                    pending = new List<ImportRow<TRecord>>(options.BatchSize);
                }
            }

            if (pending.Count > 0)
            {
                await batches.WriteAsync(pending, cancellationToken);
            }

            return null;
        }
        catch (ImportFileException ex)
        {
            return ex.Message;
        }
        catch (Exception ex)
        {
            batches.TryComplete(ex);
            throw;
        }
        finally
        {
            batches.TryComplete();
        }
    }

    /// <summary>
    /// One batch, one transaction: the rows, their errors and the job's progress commit together or not at all. Returns
    /// when live progress was last published.
    /// </summary>
    private async Task<DateTimeOffset> CommitAsync(TDb db, IImportBatchWriter<TRecord> writer, TJob job, List<ImportRow<TRecord>> rows, TimeSpan lease, DateTimeOffset progressSent, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return progressSent;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var results = await writer.ApplyAsync(rows, job.Mode == ImportMode.DryRun, cancellationToken);
        var errors = db.Set<ImportRowError>();
        foreach (var failed in results.Where(r => r.Outcome == ImportRowOutcome.Failed))
        {
            var original = JsonSerializer.Serialize(failed.Raw.Values);
            foreach (var error in failed.Errors)
            {
                errors.Add(new ImportRowError
                {
                    JobId = job.Id,
                    Line = failed.Raw.Line,
                    Column = error.Field is { Count: > 0 } field ? field[^1] : null,
                    Code = error.Code,
                    Message = error.Message.Length > ImportRowError.MessageMax ? error.Message[..ImportRowError.MessageMax] : error.Message,
                    OriginalValues = original,
                });
            }
        }

        job.LastLine = rows[^1].Raw.Line;
        job.RowsRead += rows.Count;
        job.RowsCreated += results.Count(r => r.Outcome == ImportRowOutcome.Created);
        job.RowsUpdated += results.Count(r => r.Outcome == ImportRowOutcome.Updated);
        job.RowsUnchanged += results.Count(r => r.Outcome == ImportRowOutcome.Unchanged);
        job.RowsApplied = job.RowsCreated + job.RowsUpdated + job.RowsUnchanged;
        job.RowsFailed += results.Count(r => r.Outcome == ImportRowOutcome.Failed);
        job.LeaseUntil = time.GetUtcNow().UtcDateTime + lease;
        // Progress for live subscribers, committed with the batch it reports (ADR 0022).
        var now = time.GetUtcNow();
        if (now - progressSent >= ProgressEvery)
        {
            db.Publish(ImportProgressed.Of(job) with { OccurredAt = now });
            progressSent = now;
        }

        // Saved only while this runner still holds the lease (LeasedBy is the concurrency token).
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Keep memory flat: forget the saved errors, keep tracking only the job.
        db.ChangeTracker.Clear();
        db.Attach(job);
        return progressSent;
    }

    private async Task FinishAsync(TDb db, TJob job, ImportStatus status, string? failure, CancellationToken cancellationToken)
    {
        job.Status = status;
        job.FailureMessage = failure;
        job.RunningClientKey = null;
        job.LeasedBy = null;
        job.LeaseUntil = null;
        job.FinishedAt = time.GetUtcNow();
        db.Publish(ImportProgressed.Of(job) with { OccurredAt = job.FinishedAt.Value });
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another host took over the import this host was running; its last batch rolled back")]
    private static partial void LogLeaseLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An import batch collided with another transaction and rolled back; it runs again")]
    private static partial void LogCollided(ILogger logger, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Import interrupted; it resumes from its last committed batch")]
    private static partial void LogInterrupted(ILogger logger, Exception exception);
}
