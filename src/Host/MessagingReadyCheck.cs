using IpShield.SharedKernel.Messaging;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpShield.Host;

/// <summary>Outbox lag and dead letters per module. Degraded when an event waits longer than Messaging:MaxLagSeconds.</summary>
internal sealed class MessagingReadyCheck(IEnumerable<IMessagingMonitor> monitors, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var maxLag = configuration.GetValue("Messaging:MaxLagSeconds", 60.0);
        var data = new Dictionary<string, object>();
        var lagging = false;
        foreach (var monitor in monitors)
        {
            var status = await monitor.ReadAsync(cancellationToken);
            data[status.Module] = new { pendingEvents = status.PendingEvents, outboxLagSeconds = Math.Round(status.OldestPendingSeconds, 1), deadLetters = status.DeadLetters };
            lagging |= status.OldestPendingSeconds > maxLag;
        }

        return lagging
            ? HealthCheckResult.Degraded($"An outbox event has waited more than {maxLag} s.", data: data)
            : HealthCheckResult.Healthy("Outboxes are flowing.", data);
    }
}
