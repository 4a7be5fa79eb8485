using IpShield.SharedKernel.Live;
using IpShield.SharedKernel.Messaging;
using IpShield.Workstations.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Workstations.Messaging;

/// <summary>Copies workstation openings into the live-event table, for webhooks (ADR 0024). Public only because Wolverine needs it.</summary>
public static class WorkstationLiveHandler
{
    public static Task<DeliveryOutcome> Handle(WorkstationOpened message, IServiceScopeFactory scopes, CancellationToken cancellationToken) =>
        LiveEvents.AppendAsync(scopes, message, message.WorkstationId, cancellationToken);
}
