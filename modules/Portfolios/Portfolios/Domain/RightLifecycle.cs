using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Portfolios.Domain;

/// <summary>Which events a right's status admits, where each leads, and its stored deadlines kept in step.</summary>
internal static class RightLifecycle
{
    private static readonly LifecycleEventKind[] BeforeRegistration =
        [LifecycleEventKind.Published, LifecycleEventKind.Opposed, LifecycleEventKind.Registered, LifecycleEventKind.Granted,
         LifecycleEventKind.Refused, LifecycleEventKind.Withdrawn, LifecycleEventKind.Abandoned];

    private static readonly LifecycleEventKind[] InForce =
        [LifecycleEventKind.Renewed, LifecycleEventKind.UseDeclared, LifecycleEventKind.AnnuityPaid, LifecycleEventKind.Opposed,
         LifecycleEventKind.Lapsed, LifecycleEventKind.Abandoned, LifecycleEventKind.Invalidated, LifecycleEventKind.Expired];

    private static readonly LifecycleEventKind[] WhilePlanned = [LifecycleEventKind.Filed, LifecycleEventKind.Abandoned];

    /// <summary>The events that may be recorded in this status; none once the right has ended.</summary>
    public static IReadOnlyList<LifecycleEventKind> Allowed(RightStatus status) => status switch
    {
        RightStatus.Planned => WhilePlanned,
        RightStatus.Filed or RightStatus.Published or RightStatus.Opposed => BeforeRegistration,
        RightStatus.Registered or RightStatus.Renewed => InForce,
        _ => [],
    };

    /// <summary>Registered or granted, renewed or not: what protects a market.</summary>
    public static bool InForceStatus(RightStatus status) => status is RightStatus.Registered or RightStatus.Renewed;

    /// <summary>Applied for and not yet decided: what will protect a market once registered.</summary>
    public static bool Pending(RightStatus status) => status is RightStatus.Filed or RightStatus.Published or RightStatus.Opposed;

    /// <summary>The status after <paramref name="kind"/>; an opposition against a registered right leaves it registered.</summary>
    public static RightStatus After(RightStatus status, LifecycleEventKind kind) => kind switch
    {
        LifecycleEventKind.Filed => RightStatus.Filed,
        LifecycleEventKind.Published => RightStatus.Published,
        LifecycleEventKind.Opposed => InForceStatus(status) ? status : RightStatus.Opposed,
        LifecycleEventKind.Registered or LifecycleEventKind.Granted => RightStatus.Registered,
        LifecycleEventKind.Renewed => RightStatus.Renewed,
        LifecycleEventKind.Lapsed => RightStatus.Lapsed,
        LifecycleEventKind.Abandoned => RightStatus.Abandoned,
        LifecycleEventKind.Withdrawn => RightStatus.Withdrawn,
        LifecycleEventKind.Refused => RightStatus.Refused,
        LifecycleEventKind.Invalidated => RightStatus.Invalidated,
        LifecycleEventKind.Expired => RightStatus.Expired,
        _ => status,
    };

    /// <summary>
    /// Computes the right's deadlines again from its facts and history: done and waived ones stay as they are; an open or
    /// missed one is updated in place when the engine computes the same occurrence (rule and cycle) differently, left
    /// alone when it computes it alike, and removed when the engine no longer computes it.
    /// </summary>
    public static async Task RecomputeDeadlinesAsync(
        PortfoliosDbContext db, DeadlineEngine engine, IpRight right, IReadOnlyList<IpRightEvent> history, DateOnly today, CancellationToken cancellationToken)
    {
        var stored = await db.Deadlines.Where(d => d.RightId == right.Id).ToListAsync(cancellationToken);
        RecomputeDeadlines(db, engine, right, history, stored, today);
    }

    /// <summary>The same with the right's stored deadlines already read (a batch reads them for many rights at once).</summary>
    public static void RecomputeDeadlines(
        PortfoliosDbContext db, DeadlineEngine engine, IpRight right, IReadOnlyList<IpRightEvent> history, IReadOnlyList<RightDeadline> stored, DateOnly today)
    {
        // One stored deadline per occurrence (a unique index). Written only where something changed: a rule change that
        // moves one date of a million rights then costs one UPDATE per moved date, not a delete and insert per deadline.
        var byOccurrence = stored.ToDictionary(d => (d.RuleKey, d.Cycle));
        foreach (var computed in engine.Compute(right.Facts(history), today))
        {
            if (!byOccurrence.Remove((computed.RuleId, computed.Cycle), out var existing))
            {
                db.Deadlines.Add(RightDeadline.From(computed, right));
            }
            else if (!existing.IsSettled)
            {
                existing.TakeOver(computed);
            }
        }

        db.Deadlines.RemoveRange(byOccurrence.Values.Where(d => !d.IsSettled));
    }
}
