namespace IpShield.SharedKernel.Messaging;

/// <summary>
/// A fact one module tells the others, published through the module's outbox. Records in a module's
/// <c>.Contracts</c> derive from it and carry <see cref="IntegrationEventNameAttribute"/>, their stable identity.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>The stable name an event is stored and routed under; renaming the CLR type does not change it.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class IntegrationEventNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>What a subscriber answers the relay for one delivery.</summary>
public enum DeliveryStatus
{
    /// <summary>Applied now, or already applied before (a redelivery).</summary>
    Handled,

    /// <summary>Failed; the relay tries again later.</summary>
    Failed,

    /// <summary>Failed too often; parked in the subscriber's dead-letter table until an admin replays it.</summary>
    DeadLettered,
}

public sealed record DeliveryOutcome(DeliveryStatus Status, string? Error = null)
{
    public static readonly DeliveryOutcome Handled = new(DeliveryStatus.Handled);
}
