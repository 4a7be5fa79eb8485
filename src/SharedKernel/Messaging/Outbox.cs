using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace IpShield.SharedKernel.Messaging;

public static class Outbox
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Puts an event into the module's outbox. It is written by the same SaveChanges as the change that caused
    /// it, so both commit or neither does; the relay publishes it after the commit (every event: ADR 0007).
    /// </summary>
    public static void Publish(this DbContext db, IntegrationEvent @event)
    {
        var type = @event.GetType();
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            Id = @event.EventId,
            Type = EventTypes.NameOf(type),
            Payload = JsonSerializer.Serialize(@event, type, Json),
            OccurredAt = @event.OccurredAt.UtcDateTime,
            CreatedAt = DateTime.UtcNow,
            NextAttemptAt = DateTime.UtcNow,
        });
    }

    internal static IntegrationEvent? Deserialize(string typeName, string payload) =>
        EventTypes.TypeOf(typeName) is { } type ? (IntegrationEvent?)JsonSerializer.Deserialize(payload, type, Json) : null;
}
