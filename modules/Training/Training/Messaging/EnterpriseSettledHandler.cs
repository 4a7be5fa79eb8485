using IpShield.Enterprises.Contracts;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Statistics;
using IpShield.Training.Domain;
using IpShield.Training.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace IpShield.Training.Messaging;

/// <summary>
/// Keeps where each enterprise is settled, and the copy of it on the enterprise's registrations that the row rules read
/// (ADR 0013). Public only because Wolverine needs it.
/// </summary>
public static class EnterpriseSettledHandler
{
    public static Task<DeliveryOutcome> Handle(EnterpriseSettled message, Envelope envelope, IServiceScopeFactory scopes, CancellationToken cancellationToken) =>
        Inbox.HandleOnceAsync<TrainingDbContext>(
            scopes,
            message,
            Inbox.SubscriberOf(envelope, typeof(EnterpriseSettledHandler)),
            (db, ct) => PlaceAsync(db, message, ct),
            cancellationToken);

    private static async Task PlaceAsync(TrainingDbContext db, EnterpriseSettled message, CancellationToken cancellationToken)
    {
        var placement = await db.EnterprisePlacements.SingleOrDefaultAsync(p => p.EnterpriseId == message.EnterpriseId, cancellationToken);
        // The enterprise's rows move from the park it was placed in to the new one: only those parks' figures change (ADR 0041).
        using var parkWrites = DataVersions.WritesOf(placement?.ParkId, message.PreviousParkId, message.ParkId);
        if (placement is null)
        {
            db.EnterprisePlacements.Add(new EnterprisePlacement
            {
                EnterpriseId = message.EnterpriseId, WorkstationId = message.WorkstationId, ParkId = message.ParkId, SettledOn = message.SettledOn,
            });
        }
        else if (placement.SettledOn <= message.SettledOn)
        {
            placement.WorkstationId = message.WorkstationId;
            placement.ParkId = message.ParkId;
            placement.SettledOn = message.SettledOn;
        }
        else
        {
            return; // an older settlement delivered late: the newer one stands
        }

        // The placement first, then the copies: the same order as registering, which locks the placement (ADR 0013).
        await db.SaveChangesAsync(cancellationToken);
        await db.Registrations.Where(r => r.EnterpriseId == message.EnterpriseId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.EnterpriseWorkstationId, message.WorkstationId), cancellationToken);
    }
}
