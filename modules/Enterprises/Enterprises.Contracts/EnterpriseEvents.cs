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
/// What an enterprise sells where changed (or was first recorded): its target markets (ISO 3166-1 alpha-2 or a named region),
/// sales platforms (as the <c>SalesPlatform</c> enum spells them) and product categories, each the whole new list, so the latest event alone
/// is the truth. Raised at registration (when it has any) and whenever one of them changes: Portfolios measures coverage
/// against it, and risk warnings reach enterprises that start to match through it.
/// </summary>
[IntegrationEventName("enterprises.enterprise-sales-profile-changed.v1")]
public sealed record EnterpriseSalesProfileChanged(
    Guid EnterpriseId,
    IReadOnlyList<string> TargetMarkets,
    IReadOnlyList<string> SalesPlatforms,
    IReadOnlyList<string> ProductCategories) : IntegrationEvent;
