using IpShield.SharedKernel.Messaging;

namespace IpShield.Enterprises.Contracts;

/// <summary>An enterprise record was created (by registration, upsert or import).</summary>
[IntegrationEventName("enterprises.enterprise-registered.v1")]
public sealed record EnterpriseRegistered(Guid EnterpriseId, string CreditCode, string NameZh, string? NameEn) : IntegrationEvent;

/// <summary>An enterprise settled in a park (first time or moving from another one).</summary>
[IntegrationEventName("enterprises.enterprise-settled.v1")]
public sealed record EnterpriseSettled(
    Guid EnterpriseId,
    Guid ParkId,
    Guid WorkstationId,
    DateOnly SettledOn,
    Guid? PreviousParkId,
    Guid? PreviousWorkstationId) : IntegrationEvent;

/// <summary>A platform IP-compliance certification of an enterprise changed status.</summary>
[IntegrationEventName("enterprises.certification-status-changed.v1")]
public sealed record CertificationStatusChanged(
    Guid EnterpriseId,
    string Platform,
    string? PreviousStatus,
    string Status,
    DateOnly? CertifiedOn,
    DateOnly? ExpiresOn) : IntegrationEvent;
