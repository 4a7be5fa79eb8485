using IpShield.Enterprises.Contracts;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace IpShield.Portfolios.Messaging;

/// <summary>Keeps each enterprise's target markets and platforms for the coverage of its marks. Public only because Wolverine needs it.</summary>
public static class EnterpriseMarketsChangedHandler
{
    public static Task<DeliveryOutcome> Handle(EnterpriseSalesProfileChanged message, Envelope envelope, IServiceScopeFactory scopes, CancellationToken cancellationToken) =>
        Inbox.HandleOnceAsync<PortfoliosDbContext>(
            scopes,
            message,
            Inbox.SubscriberOf(envelope, typeof(EnterpriseMarketsChangedHandler)),
            (db, ct) => KeepAsync(db, message, ct),
            cancellationToken);

    private static async Task KeepAsync(PortfoliosDbContext db, EnterpriseSalesProfileChanged message, CancellationToken cancellationToken)
    {
        var kept = await db.EnterpriseMarkets.SingleOrDefaultAsync(m => m.EnterpriseId == message.EnterpriseId, cancellationToken);
        if (kept is null)
        {
            db.EnterpriseMarkets.Add(kept = new EnterpriseMarkets { EnterpriseId = message.EnterpriseId });
        }
        else if (kept.ChangedAt > message.OccurredAt)
        {
            return; // an older change delivered late: the newer one stands
        }

        kept.TargetMarkets = [.. message.TargetMarkets];
        kept.SalesPlatforms = [.. message.SalesPlatforms];
        kept.ChangedAt = message.OccurredAt;
        await db.SaveChangesAsync(cancellationToken);
    }
}
