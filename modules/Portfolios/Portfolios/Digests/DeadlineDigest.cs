using IpShield.SharedKernel.Auditing;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Portfolios.Digests;

/// <summary>
/// One person's digest of one day, claimed by a host before it sends it (the key makes a second claim impossible) and
/// marked when sent. A claim whose host died runs out and another host sends the digest: at least once (ADR 0023).
/// Bookkeeping of the job, not a change anyone made: not audited (the off link's change of the person is).
/// </summary>
internal sealed class DeadlineDigest : INotAudited
{
    public const int HolderMax = 100;

    public Guid PersonId { get; init; }
    public DateOnly Day { get; init; }
    public string? ClaimedBy { get; set; }

    /// <summary>Unix milliseconds: SQLite cannot compare stored <see cref="DateTimeOffset"/> values in a query.</summary>
    public long ClaimedUntilMs { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Deadlines { get; set; }

    /// <summary>
    /// Takes the person's digest of the day for this host: a new row, or one whose claim ran out unsent (a conditional
    /// UPDATE, so of two hosts asking at once one gets it).
    /// </summary>
    public static async Task<bool> TryClaimAsync(DbContext db, Guid person, DateOnly day, string holder, DateTimeOffset now, TimeSpan length, CancellationToken cancellationToken)
    {
        var until = (now + length).ToUnixTimeMilliseconds();
        try
        {
            db.Set<DeadlineDigest>().Add(new DeadlineDigest { PersonId = person, Day = day, ClaimedBy = holder, ClaimedUntilMs = until });
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another host claimed it first, today or earlier: it may have run out.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        var nowMs = now.ToUnixTimeMilliseconds();
        return await db.Set<DeadlineDigest>()
            .Where(d => d.PersonId == person && d.Day == day && d.SentAt == null && d.ClaimedUntilMs < nowMs)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.ClaimedBy, holder).SetProperty(d => d.ClaimedUntilMs, until), cancellationToken) == 1;
    }

    public static Task MarkSentAsync(DbContext db, Guid person, DateOnly day, string holder, DateTimeOffset sentAt, int deadlines, CancellationToken cancellationToken) =>
        db.Set<DeadlineDigest>().Where(d => d.PersonId == person && d.Day == day && d.ClaimedBy == holder)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.SentAt, sentAt).SetProperty(d => d.Deadlines, deadlines), cancellationToken);

    /// <summary>Gives an unsent claim back (the mail server refused or was away), so the next look tries again.</summary>
    public static Task ReleaseAsync(DbContext db, Guid person, DateOnly day, string holder, CancellationToken cancellationToken) =>
        db.Set<DeadlineDigest>().Where(d => d.PersonId == person && d.Day == day && d.ClaimedBy == holder && d.SentAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.ClaimedUntilMs, 0L), cancellationToken);
}
