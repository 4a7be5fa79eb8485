namespace IpShield.Enterprises.Contracts;

/// <summary>An enterprise record was created (by registration, upsert or import).</summary>
public sealed record EnterpriseRegistered(Guid EventId, DateTimeOffset OccurredAt, Guid EnterpriseId, string CreditCode, string NameZh, string? NameEn);

/// <summary>An enterprise settled in a park (first time or moving from another one).</summary>
public sealed record EnterpriseSettled(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EnterpriseId,
    Guid ParkId,
    Guid WorkstationId,
    DateOnly SettledOn,
    Guid? PreviousParkId,
    Guid? PreviousWorkstationId);

/// <summary>A platform IP-compliance certification of an enterprise changed status.</summary>
public sealed record CertificationStatusChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EnterpriseId,
    string Platform,
    string? PreviousStatus,
    string Status,
    DateOnly? CertifiedOn,
    DateOnly? ExpiresOn);
