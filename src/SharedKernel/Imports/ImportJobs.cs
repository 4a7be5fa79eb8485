using System.Security.Cryptography;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Http;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpShield.SharedKernel.Imports;

/// <summary>What every start-an-import mutation takes: the file, the caller's idempotency key, the format and the mode.</summary>
public interface IImportUpload
{
    UploadedFile? File { get; }
    string? IdempotencyKey { get; }
    ImportFormat? Format { get; }
    ImportMode Mode { get; }
}

/// <summary>Starting and retrying jobs, the same for every module's imports (ADR 0010, ADR 0014).</summary>
public static class ImportJobs
{
    /// <summary>
    /// Hashes the file, applies the idempotency key (same key and file: the same job; another file: an error), keeps
    /// one queued or running job per client, moves the file into the imports folder and queues the job.
    /// <paramref name="newJob"/> makes the module's job with what only the module knows; the kernel fills in the rest.
    /// </summary>
    public static async Task<Payload<TJob>> StartAsync<TJob>(
        DbContext db, IImportUpload input, string clientKey, Func<TJob> newJob, ImportOptions options, ImportQueue<TJob> queue, TimeProvider time, CancellationToken cancellationToken)
        where TJob : ImportJob
    {
        var check = new InputCheck();
        var key = check.Text(input.IdempotencyKey, ImportJob.KeyMax, true, "input", "idempotencyKey");
        var file = input.File;
        check.Must(file is not null, ErrorCodes.Required, "file is required.", "input", "file");
        var format = input.Format ?? (file is null ? null : FormatOf(file.FileName));
        check.Must(file is null || format is not null, ErrorCodes.Invalid, "Say the format: the file name ends neither in .csv, .jsonl nor .xlsx.", "input", "format");
        if (check.Failed)
        {
            return Payload<TJob>.Failure(check.Errors);
        }

        var jobs = db.Set<TJob>();
        var sha256 = await HashAsync(file!, cancellationToken);
        var earlier = await jobs.AsNoTracking().SingleOrDefaultAsync(j => j.ClientKey == clientKey && j.IdempotencyKey == key, cancellationToken);
        if (earlier is not null)
        {
            return earlier.FileSha256 == sha256
                ? Payload<TJob>.Success(earlier)
                : Payload<TJob>.Failure(new UserError(ImportErrorCodes.IdempotencyKeyReused, "This idempotency key was used for a different file; choose a new key.", ["input", "idempotencyKey"]));
        }

        if (await jobs.AnyAsync(j => j.RunningClientKey == clientKey, cancellationToken))
        {
            return JobRunning<TJob>();
        }

        var job = newJob();
        job.CreatedAt = time.GetUtcNow();
        job.ClientKey = clientKey;
        job.RunningClientKey = clientKey;
        job.IdempotencyKey = key!;
        job.FileSha256 = sha256;
        job.FileName = Path.GetFileName(file!.FileName) is { Length: > 0 and <= ImportJob.FileNameMax } name ? name : "upload";
        job.FileBytes = file.Length;
        job.Format = format!.Value;
        job.Mode = input.Mode;
        file.MoveTo(options.PathOf(job.Id));
        jobs.Add(job);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (PersistenceErrors.IsUniqueViolation(exception.InnerException!))
        {
            // Another request of the same client won the race (unique running-client or idempotency key).
            File.Delete(options.PathOf(job.Id));
            return JobRunning<TJob>();
        }

        queue.Wake();
        return Payload<TJob>.Success(job);
    }

    /// <summary>
    /// Queues a failed job again (its attempts start over) or nudges a queued or running one; the runner continues
    /// after the last committed batch. The job is read through the module's row rule for <typeparamref name="TJob"/>.
    /// </summary>
    public static async Task<Payload<TJob>> RetryAsync<TJob>(
        DbContext db, string? id, string globalIdType, AccessContext access, IServiceProvider services, ImportQueue<TJob> queue, CancellationToken cancellationToken)
        where TJob : ImportJob
    {
        var check = new InputCheck();
        var key = check.Id(id, globalIdType, true, "id");
        if (check.Failed)
        {
            return Payload<TJob>.Failure(check.Errors);
        }

        var job = await db.Rows<TJob>(access, services).SingleOrDefaultAsync(j => j.Id == key, cancellationToken);
        if (job is null)
        {
            return Payload<TJob>.Failure(UserError.NotFound("The import", "id"));
        }

        if (job.Status == ImportStatus.Succeeded)
        {
            return Payload<TJob>.Failure(new UserError(ErrorCodes.InvalidState, "The import has already succeeded.", ["id"]));
        }

        if (job.Status == ImportStatus.Failed)
        {
            job.Status = ImportStatus.Queued;
            job.RunningClientKey = job.ClientKey;
            job.Attempts = 0;
            job.FailureMessage = null;
            job.FinishedAt = null;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (PersistenceErrors.IsUniqueViolation(exception.InnerException!))
            {
                return Payload<TJob>.Failure(new UserError(ImportErrorCodes.JobRunning, "Another import of yours is running; retry when it has ended.", ["id"]));
            }
        }

        queue.Wake();
        return Payload<TJob>.Success(job);
    }

    /// <summary>A job is its starter's; the city centre sees all. The row rule each module registers for its job type.</summary>
    public static IQueryable<TJob> VisibleTo<TJob>(IQueryable<TJob> jobs, AccessContext access)
        where TJob : ImportJob
    {
        if (access.IsAdmin)
        {
            return jobs;
        }

        var key = ClientKeyOf(access);
        return jobs.Where(j => j.ClientKey == key);
    }

    /// <summary>Whose job it is: the caller's subject.</summary>
    public static string ClientKeyOf(AccessContext access) => access.SubjectId ?? "anonymous";

    public static ImportFormat? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" or ".txt" => ImportFormat.Csv,
        ".jsonl" or ".ndjson" => ImportFormat.Jsonl,
        ".xlsx" => ImportFormat.Xlsx,
        _ => null,
    };

    private static async Task<string> HashAsync(UploadedFile file, CancellationToken cancellationToken)
    {
        await using var stream = file.OpenRead();
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private static Payload<TJob> JobRunning<TJob>()
        where TJob : ImportJob => Payload<TJob>.Failure(new UserError(
        ImportErrorCodes.JobRunning, "You have an import running; wait for it to end (one running import per client).", ["input"]));
}
