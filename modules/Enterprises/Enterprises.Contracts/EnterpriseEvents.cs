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

/// <summary>
/// An enterprise's target markets or sales platforms were set: at registration (when it has any) and whenever they change.
/// Markets are ISO 3166-1 alpha-2 codes or named regions (GCC, EU…); platforms the names of the SalesPlatform values
/// (Noon, Amazon…). Carries the whole new lists, so the latest event alone is the truth.
/// </summary>
[IntegrationEventName("enterprises.enterprise-markets-changed.v1")]
public sealed record EnterpriseMarketsChanged(Guid EnterpriseId, IReadOnlyList<string> TargetMarkets, IReadOnlyList<string> SalesPlatforms) : IntegrationEvent;
