using IpShield.Portfolios.Contracts;
using IpShield.SharedKernel.Live;
using IpShield.SharedKernel.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Portfolios.Messaging;

/// <summary>Copies deadline reminders and misses into the live-event table (ADR 0022). Public only because Wolverine needs it.</summary>
public static class DeadlineLiveHandler
{
    public static Task<DeliveryOutcome> Handle(DeadlineApproaching message, IServiceScopeFactory scopes, CancellationToken cancellationToken) =>
        LiveEvents.AppendAsync(scopes, message, message.DeadlineId, cancellationToken);

    public static Task<DeliveryOutcome> Handle(DeadlineMissed message, IServiceScopeFactory scopes, CancellationToken cancellationToken) =>
        LiveEvents.AppendAsync(scopes, message, message.DeadlineId, cancellationToken);
}
