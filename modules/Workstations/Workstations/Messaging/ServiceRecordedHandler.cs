using IpShield.SharedKernel.Messaging;
using IpShield.Workstations.Contracts;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace IpShield.Workstations.Messaging;

/// <summary>Counts each recorded service once into its workstation's month. Public only because Wolverine needs it.</summary>
public static class ServiceRecordedHandler
{
    public static Task<DeliveryOutcome> Handle(ServiceRecorded message, Envelope envelope, IServiceScopeFactory scopes, CancellationToken cancellationToken) =>
        Inbox.HandleOnceAsync<WorkstationsDbContext>(
            scopes,
            message,
            Inbox.SubscriberOf(envelope, typeof(ServiceRecordedHandler)),
            (db, ct) => CountAsync(db, message, ct),
            cancellationToken);

    /// <summary>
    /// An atomic increment, so two hosts counting into the same month never lose one; the first of a month
    /// inserts the row, and if two race to insert it, the loser fails and is delivered again.
    /// </summary>
    private static async Task CountAsync(WorkstationsDbContext db, ServiceRecorded message, CancellationToken cancellationToken)
    {
        var month = new DateOnly(message.OccurredOn.Year, message.OccurredOn.Month, 1);
        var guidance = message.Kind == nameof(ServiceKind.GuidanceVisit);
        var row = db.MonthlyServiceStats.Where(s => s.WorkstationId == message.WorkstationId && s.Month == month);
        var updated = guidance
            ? await row.ExecuteUpdateAsync(set => set.SetProperty(s => s.GuidanceVisits, s => s.GuidanceVisits + 1), cancellationToken)
            : await row.ExecuteUpdateAsync(set => set.SetProperty(s => s.Consultations, s => s.Consultations + 1), cancellationToken);
        if (updated == 0)
        {
            db.MonthlyServiceStats.Add(new MonthlyServiceStat
            {
                WorkstationId = message.WorkstationId,
                Month = month,
                Consultations = guidance ? 0 : 1,
                GuidanceVisits = guidance ? 1 : 0,
            });
        }
    }
}
