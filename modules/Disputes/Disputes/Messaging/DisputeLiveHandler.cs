using IpShield.Disputes.Contracts;
using IpShield.SharedKernel.Live;
using IpShield.SharedKernel.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Disputes.Messaging;

/// <summary>Copies issued warnings and case stage changes into the live-event table, for subscriptions (ADR 0022, 0026) and webhooks (ADR 0024). Public only because Wolverine needs it.</summary>
public static class DisputeLiveHandler
{
    public static Task<DeliveryOutcome> Handle(RiskWarningIssued message, IServiceScopeFactory scopes, CancellationToken cancellationToken) =>
        LiveEvents.AppendAsync(scopes, message, message.WarningId, cancellationToken);

    public static Task<DeliveryOutcome> Handle(CaseStageChanged message, IServiceScopeFactory scopes, CancellationToken cancellationToken) =>
        LiveEvents.AppendAsync(scopes, message, message.CaseId, cancellationToken);
}
