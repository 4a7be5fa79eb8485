using IpShield.Enterprises.Contracts;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace IpShield.Portfolios.Messaging;

/// <summary>
/// Keeps where each enterprise is settled, and the copy of it on the enterprise's rights and deadlines that the row
/// rules read (ADR 0013). Public only because Wolverine needs it.
/// </summary>
public static class EnterpriseSettledHandler
{
    public static Task<DeliveryOutcome> Handle(EnterpriseSettled message, Envelope envelope, IServiceScopeFactory scopes, CancellationToken cancellationToken) =>
        Inbox.HandleOnceAsync<PortfoliosDbContext>(
            scopes,
            message,
            Inbox.SubscriberOf(envelope, typeof(EnterpriseSettledHandler)),
            (db, ct) => PlaceAsync(db, message, ct),
            cancellationToken);

    private static async Task PlaceAsync(PortfoliosDbContext db, EnterpriseSettled message, CancellationToken cancellationToken)
    {
        var placement = await db.EnterprisePlacements.SingleOrDefaultAsync(p => p.EnterpriseId == message.EnterpriseId, cancellationToken);
        // The enterprise's rows move from the park it was placed in to the new one: only those parks' figures change (ADR 0041).
        using var parkWrites = DataVersions.WritesOf(placement?.ParkId, message.PreviousParkId, message.ParkId);
        if (placement is null)
        {
            db.EnterprisePlacements.Add(new EnterprisePlacement { EnterpriseId = message.EnterpriseId, WorkstationId = message.WorkstationId, ParkId = message.ParkId, SettledOn = message.SettledOn });
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

        // The placement first, then the copies: the same order as recording a right, which locks the placement (ADR 0013).
        await db.SaveChangesAsync(cancellationToken);
        await db.IpRights.Where(r => r.EnterpriseId == message.EnterpriseId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.WorkstationId, message.WorkstationId), cancellationToken);
        await db.Deadlines.Where(d => d.EnterpriseId == message.EnterpriseId)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.WorkstationId, message.WorkstationId), cancellationToken);
        // The stored coverage gaps carry the park for the statistics (ADR 0033), and the parks count them (ADR 0040).
        await CoverageGapSummary.MoveAsync(db, message.EnterpriseId, message.ParkId, cancellationToken);
    }
}
