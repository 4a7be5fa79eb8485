using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Messaging;
using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Portfolios.Jobs;

/// <summary>What one day's run raised.</summary>
internal sealed record ReminderRun(int Approaching, int Missed, int Passed);

/// <summary>
/// The daily pass over open deadlines: <c>DeadlineApproaching</c> at 90, 30, 7 and 1 days before the due date, and
/// <c>DeadlineMissed</c> once the last day has passed. Each event is raised by a conditional UPDATE of the deadline in the
/// same transaction as its outbox row, so two hosts running the pass at once raise it once: the second waits for the
/// first's row lock and then finds the condition false.
/// </summary>
internal static class DeadlineReminders
{
    public static readonly IReadOnlyList<int> DaysBefore = [90, 30, 7, 1];

    private const int PageSize = 500;

    /// <summary>The reminder due with <paramref name="daysLeft"/> days to go: the nearest of 90, 30, 7, 1 not yet passed; null beyond 90 days.</summary>
    public static int? ReminderFor(int daysLeft) =>
        daysLeft is < 0 or > 90 ? null : DaysBefore.Where(d => d >= daysLeft).Min();

    public static async Task<ReminderRun> RunAsync(IServiceScopeFactory scopes, DeadlineRuleCatalogue catalogue, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var horizon = today.AddDays(90);
        var approaching = 0;
        var after = Guid.Empty;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>();
            var page = await db.Deadlines.AsNoTracking()
                .Where(d => d.Id.CompareTo(after) > 0 && d.State == DeadlineState.Open && d.DueOn >= today && d.DueOn <= horizon && (d.RemindedDays == null || d.RemindedDays > 1))
                .OrderBy(d => d.Id).Take(PageSize).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            after = page[^1].Id;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var deadline in page)
            {
                if (ReminderFor(deadline.DueOn.DayNumber - today.DayNumber) is not { } days || deadline.RemindedDays <= days)
                {
                    continue;
                }

                var taken = await db.Deadlines
                    .Where(d => d.Id == deadline.Id && d.State == DeadlineState.Open && (d.RemindedDays == null || d.RemindedDays > days))
                    .ExecuteUpdateAsync(set => set.SetProperty(d => d.RemindedDays, days).SetProperty(d => d.Version, d => d.Version + 1), cancellationToken);
                if (taken == 1)
                {
                    db.Publish(new Contracts.DeadlineApproaching(deadline.Id, deadline.RightId, deadline.EnterpriseId, deadline.WorkstationId,
                        PortfoliosEventFactory.Constant(deadline.Task), deadline.DueOn, deadline.GraceEndsOn, days) { OccurredAt = now });
                    approaching++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var (missed, passed) = await MarkMissedAsync(scopes, catalogue, today, now, cancellationToken);
        return new ReminderRun(approaching, missed, passed);
    }

    /// <summary>Open deadlines past their last day: missed (and announced) when something was to be done, else simply passed.</summary>
    private static async Task<(int Missed, int Passed)> MarkMissedAsync(
        IServiceScopeFactory scopes, DeadlineRuleCatalogue catalogue, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (missed, passed) = (0, 0);
        var after = Guid.Empty;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>();
            var page = await db.Deadlines.AsNoTracking()
                .Where(d => d.Id.CompareTo(after) > 0 && d.State == DeadlineState.Open && (d.GraceEndsOn ?? d.DueOn) < today)
                .OrderBy(d => d.Id).Take(PageSize).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            after = page[^1].Id;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The page's placements first, in enterprise order as every save locks them (ADR 0013), then the deadlines,
            // then the parks' deadline summary (ADR 0036): no move to another park can come in between.
            var parks = await ParkDeadlineSummary.LockParksAsync(db, page.Select(d => d.EnterpriseId), cancellationToken);
            foreach (var deadline in page)
            {
                // A date that only passes (an opposition period, a term end) is done once passed, as the engine says.
                var onlyPasses = catalogue.Rules.FirstOrDefault(r => r.Id == deadline.RuleKey) is { ClosedBy.Count: 0 };
                var state = onlyPasses ? DeadlineState.Done : DeadlineState.Missed;
                // Unless a save changed its due day since the page was read (it is then looked at again tomorrow): the
                // summary row it leaves is the one of the day read.
                var taken = await db.Deadlines
                    .Where(d => d.Id == deadline.Id && d.State == DeadlineState.Open && d.DueOn == deadline.DueOn)
                    .ExecuteUpdateAsync(set => set.SetProperty(d => d.State, state).SetProperty(d => d.Version, d => d.Version + 1), cancellationToken);
                if (taken == 1 && parks.TryGetValue(deadline.EnterpriseId, out var settledIn))
                {
                    await ParkDeadlineSummary.MoveAsync(db, settledIn, deadline.DueOn, DeadlineState.Open, state, cancellationToken);
                }

                if (taken == 1 && !onlyPasses)
                {
                    db.Publish(new Contracts.DeadlineMissed(deadline.Id, deadline.RightId, deadline.EnterpriseId, deadline.WorkstationId,
                        PortfoliosEventFactory.Constant(deadline.Task), deadline.DueOn, deadline.GraceEndsOn ?? deadline.DueOn) { OccurredAt = now });
                    missed++;
                }
                else if (taken == 1)
                {
                    passed++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return (missed, passed);
    }
}
