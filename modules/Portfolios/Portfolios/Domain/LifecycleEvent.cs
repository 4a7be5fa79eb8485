namespace IpShield.Portfolios.Domain;

/// <summary>
/// What happens to a right. Dated events trigger deadlines (filed, published, registered, granted), close them
/// (renewed, use declared, annuity paid) or end the right and with it every deadline still open (the "killer" events:
/// lapsed, abandoned, refused, invalidated, expired, withdrawn).
/// </summary>
internal enum LifecycleEventKind
{
    Filed,
    Published,
    Opposed,
    Registered,
    Granted,
    Renewed,
    UseDeclared,
    AnnuityPaid,
    Lapsed,
    Abandoned,
    Withdrawn,
    Refused,
    Invalidated,
    Expired,
}

/// <summary>An event recorded in a right's history, on the day it took effect.</summary>
internal sealed record RecordedEvent(LifecycleEventKind Kind, DateOnly OccurredOn);
