using IpShield.Disputes.Contracts;
using IpShield.Disputes.Persistence;
using IpShield.SharedKernel.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Disputes.Jobs;

/// <summary>
/// The daily pass over open cases whose current stage's deadline is near: <c>StageDeadlineApproaching</c> once per stage
/// deadline, when it is <see cref="DaysBefore"/> days away or less (or already past, for a case first seen late: a negative
/// DaysLeft). The case remembers the stage and due day it was raised for; the event is raised by a conditional UPDATE of
/// that mark in the same transaction as its outbox row, so two hosts running the pass at once raise it once (the second
/// waits for the first's row lock, then finds the condition false), as Portfolios' DeadlineReminders do. A move to another
/// stage gives a new deadline, raised in its turn. The mark does not change the case's version: a move made meanwhile
/// does not fail for it.
/// </summary>
internal static class StageReminders
{
    /// <summary>Stage clocks are short (3 business days for a counter-notice): a week ahead catches every one in time.</summary>
    public const int DaysBefore = 7;

    private const int PageSize = 500;

    public static async Task<int> RunAsync(IServiceScopeFactory scopes, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var horizon = today.AddDays(DaysBefore);
        var raised = 0;
        var after = Guid.Empty;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
            var page = await db.Cases.AsNoTracking()
                .Where(c => c.Id.CompareTo(after) > 0 && c.Outcome == null && c.StageDueOn != null && c.StageDueOn <= horizon
                    && !(c.StageReminderFor == c.Stage && c.StageReminderDueOn == c.StageDueOn))
                .OrderBy(c => c.Id).Take(PageSize)
                .Select(c => new { c.Id, c.EnterpriseId, c.Stage, DueOn = c.StageDueOn!.Value })
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            after = page[^1].Id;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var due in page)
            {
                var taken = await db.Cases
                    .Where(c => c.Id == due.Id && c.Outcome == null && c.Stage == due.Stage && c.StageDueOn == due.DueOn
                        && !(c.StageReminderFor == due.Stage && c.StageReminderDueOn == due.DueOn))
                    .ExecuteUpdateAsync(set => set.SetProperty(c => c.StageReminderFor, due.Stage).SetProperty(c => c.StageReminderDueOn, due.DueOn), cancellationToken);
                if (taken == 1)
                {
                    db.Publish(new StageDeadlineApproaching(due.Id, due.EnterpriseId, due.Stage, due.DueOn, due.DueOn.DayNumber - today.DayNumber) { OccurredAt = now });
                    raised++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return raised;
    }
}
