using IpShield.SharedKernel.Statistics;
using Microsoft.EntityFrameworkCore;

namespace IpShield.SharedKernel.Jobs;

/// <summary>
/// Who runs one of a module's background jobs until when (each module maps it to a table of its own), so that of several hosts one runs it at a time. The time is
/// kept as Unix milliseconds: SQLite cannot compare stored <see cref="DateTimeOffset"/> values in a query.
/// </summary>
public sealed class JobLease
{
    public const int NameMax = 50;

    public string Job { get; init; } = "";
    public string? LeasedBy { get; set; }
    public long LeaseUntilMs { get; set; }

    /// <summary>The last day the job ran to its end (the daily job's day, in the park's calendar).</summary>
    public DateOnly? LastRunOn { get; set; }

    /// <summary>
    /// Takes the lease when it is free, run out, or already this holder's: one conditional UPDATE, so two hosts asking at
    /// once cannot both get it. The row is created the first time (a second host's insert of it fails and is ignored).
    /// </summary>
    public static async Task<bool> TryTakeAsync(DbContext db, string job, string holder, DateTimeOffset now, TimeSpan length, CancellationToken cancellationToken)
    {
        // A lease changes no data a statistics section reads (ADR 0037).
        using var bookkeeping = DataVersions.Bookkeeping();
        if (!await db.Set<JobLease>().AnyAsync(l => l.Job == job, cancellationToken))
        {
            try
            {
                db.Set<JobLease>().Add(new JobLease { Job = job });
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another host created it first.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        var nowMs = now.ToUnixTimeMilliseconds();
        var until = (now + length).ToUnixTimeMilliseconds();
        return await db.Set<JobLease>()
            .Where(l => l.Job == job && (l.LeasedBy == null || l.LeasedBy == holder || l.LeaseUntilMs < nowMs))
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.LeasedBy, holder).SetProperty(l => l.LeaseUntilMs, until), cancellationToken) == 1;
    }

    /// <summary>Gives the lease back, noting the day the job completed when it did.</summary>
    public static async Task ReleaseAsync(DbContext db, string job, string holder, DateOnly? completedOn, CancellationToken cancellationToken)
    {
        using var bookkeeping = DataVersions.Bookkeeping();
        await (completedOn is { } day
            ? db.Set<JobLease>().Where(l => l.Job == job && l.LeasedBy == holder)
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.LeasedBy, (string?)null).SetProperty(l => l.LeaseUntilMs, 0L).SetProperty(l => l.LastRunOn, day), cancellationToken)
            : db.Set<JobLease>().Where(l => l.Job == job && l.LeasedBy == holder)
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.LeasedBy, (string?)null).SetProperty(l => l.LeaseUntilMs, 0L), cancellationToken));
    }
}
