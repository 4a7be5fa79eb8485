using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace IpShield.SharedKernel.Webhooks;

/// <summary>
/// Deliveries that used up their attempts, among the platform's dead letters (<c>deadLetters</c>, <c>replayDeadLetter</c>):
/// the centre sees them beside the modules' and replays them the same way. The dead letter's id is the delivery's.
/// </summary>
internal sealed class WebhookDeadLetters(IServiceScopeFactory scopes, WebhookSender sender) : IDeadLetterStore
{
    private const string Module = "Webhooks";

    public async Task<IReadOnlyList<DeadLetterView>> ListAsync(bool includeReplayed, int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebhookDbContext>();
        var letters = db.Deliveries.AsNoTracking().Where(d => d.Status == WebhookDeliveryStatus.DeadLettered || (includeReplayed && d.ReplayedAt != null));
        return await View(db, letters.OrderByDescending(d => d.DeadLetteredAt).Take(limit), cancellationToken);
    }

    public async Task<DeadLetterView?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebhookDbContext>();
        return (await View(db, db.Deliveries.AsNoTracking().Where(d => d.Id == id && d.DeadLetteredAt != null), cancellationToken)).SingleOrDefault();
    }

    /// <summary>One attempt now; the bus is not needed: the subscriber is the client's URL.</summary>
    public Task<DeliveryOutcome?> ReplayAsync(Guid id, IMessageBus bus, CancellationToken cancellationToken) => sender.ReplayAsync(id, cancellationToken);

    private static async Task<IReadOnlyList<DeadLetterView>> View(WebhookDbContext db, IQueryable<WebhookDelivery> letters, CancellationToken cancellationToken)
    {
        var rows = await letters.Join(db.Endpoints, d => d.EndpointId, e => e.Id, (d, e) => new { Delivery = d, e.Url, e.ClientId }).ToListAsync(cancellationToken);
        return
        [
            .. rows.Select(r => new DeadLetterView(
                r.Delivery.Id, Module, r.Delivery.EventId, r.Delivery.EventType,
                $"webhook {GlobalId.Encode(WebhookFields.WebhookTypeName, r.Delivery.EndpointId)} of client {r.ClientId}: {r.Url}",
                r.Delivery.LastError ?? string.Empty, r.Delivery.Attempts, r.Delivery.DeadLetteredAt ?? r.Delivery.CreatedAt, r.Delivery.ReplayedAt, r.Delivery.Body)),
        ];
    }
}
