using System.Runtime.CompilerServices;
using System.Text.Json;
using IpShield.SharedKernel.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Live;

/// <summary>Appends integration events to the live-event table; called by the outbox subscribers that feed it.</summary>
public static class LiveEvents
{
    /// <summary>
    /// Appends <paramref name="event"/> about <paramref name="subjectId"/> once: a redelivery by the relay (at least once,
    /// ADR 0007) finds its row and does nothing. Numbering and the duplicate check happen under the sequence row's lock,
    /// so two hosts' relays never race on either.
    /// </summary>
    public static async Task<DeliveryOutcome> AppendAsync(IServiceScopeFactory scopes, IntegrationEvent @event, Guid subjectId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Sequence.Where(s => s.Id == 1).ExecuteUpdateAsync(set => set.SetProperty(s => s.Last, s => s.Last + 1), cancellationToken);
        if (await db.Events.AnyAsync(e => e.EventId == @event.EventId, cancellationToken))
        {
            return DeliveryOutcome.Handled; // already appended; the transaction rolls back and the number is not used
        }

        var seq = await db.Sequence.Where(s => s.Id == 1).Select(s => s.Last).SingleAsync(cancellationToken);
        var type = @event.GetType();
        db.Events.Add(new LiveEvent
        {
            Seq = seq,
            EventId = @event.EventId,
            Type = EventTypes.NameOf(type),
            SubjectId = subjectId,
            Payload = JsonSerializer.Serialize(@event, type, Outbox.Json),
            OccurredAt = @event.OccurredAt.UtcDateTime,
            CreatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        scope.ServiceProvider.GetRequiredService<LiveEventFeed>().Wake();
        return DeliveryOutcome.Handled;
    }

    /// <summary>Events read back, one per row the feed handed out: a thousand subscribers of one event parse it once.</summary>
    private static readonly ConditionalWeakTable<LiveEvent, StrongBox<IntegrationEvent?>> Parsed = [];

    internal static IntegrationEvent? Read(LiveEvent row) =>
        Parsed.GetValue(row, r => new StrongBox<IntegrationEvent?>(Outbox.Deserialize(r.Type, r.Payload))).Value;
}
