using IpShield.Enterprises.Contracts;
using IpShield.SharedKernel.Live;
using IpShield.SharedKernel.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Enterprises.Messaging;

/// <summary>
/// Copies certification changes into the live-event table, for webhooks (ADR 0024). Settlements are not copied: imports
/// raise them in bulk. Public only because Wolverine needs it.
/// </summary>
public static class EnterpriseLiveHandler
{
    public static Task<DeliveryOutcome> Handle(CertificationStatusChanged message, IServiceScopeFactory scopes, CancellationToken cancellationToken) =>
        LiveEvents.AppendAsync(scopes, message, message.EnterpriseId, cancellationToken);
}
