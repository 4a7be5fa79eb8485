using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpShield.SharedKernel.Messaging;

/// <summary>What a module's messaging looks like now: events waiting, the oldest one's age, and dead letters.</summary>
public sealed record MessagingStatus(string Module, int PendingEvents, double OldestPendingSeconds, int DeadLetters);

public interface IMessagingMonitor
{
    Task<MessagingStatus> ReadAsync(CancellationToken cancellationToken);

    /// <summary>When the oldest event still waiting in the module's outbox was written, or null when none waits.</summary>
    Task<DateTime?> OldestPendingAsync(CancellationToken cancellationToken);
}

/// <summary>Reads a module's outbox lag and dead-letter count for /health/ready and the metrics.</summary>
public sealed partial class OutboxMonitor<TContext> : IMessagingMonitor
    where TContext : DbContext
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<OutboxMonitor<TContext>> _logger;
    private MessagingStatus _last;
    private DateTime _readAt = DateTime.MinValue;

    public OutboxMonitor(IServiceScopeFactory scopes, MessagingMeter meter, ILogger<OutboxMonitor<TContext>> logger)
    {
        _scopes = scopes;
        _logger = logger;
        _last = new MessagingStatus(typeof(TContext).Name, 0, 0, 0);
        meter.Track(() => _last);
    }

    public async Task<MessagingStatus> ReadAsync(CancellationToken cancellationToken)
    {
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var pending = db.Set<OutboxMessage>().Where(m => m.PublishedAt == null);
        var count = await pending.CountAsync(cancellationToken);
        var oldest = count == 0 ? (DateTime?)null : await pending.MinAsync(m => (DateTime?)m.CreatedAt, cancellationToken);
        var dead = await db.Set<DeadLetter>().CountAsync(d => d.ReplayedAt == null, cancellationToken);
        _last = new MessagingStatus(typeof(TContext).Name, count, oldest is { } at ? Math.Max(0, (DateTime.UtcNow - at).TotalSeconds) : 0, dead);
        _readAt = DateTime.UtcNow;
        return _last;
    }

    public async Task<DateTime?> OldestPendingAsync(CancellationToken cancellationToken)
    {
        using var scope = _scopes.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TContext>().Set<OutboxMessage>()
            .Where(m => m.PublishedAt == null).MinAsync(m => (DateTime?)m.CreatedAt, cancellationToken);
    }

    /// <summary>
    /// Refreshes the gauges for the relay between passes. Never throws for an outage: the relay's loop calls it
    /// outside its own error handling, and an exception there would end the relay and stop the host while the
    /// database is down. The gauges keep their last values until a read succeeds.
    /// </summary>
    internal async Task RefreshIfStaleAsync(CancellationToken cancellationToken)
    {
        if (DateTime.UtcNow - _readAt <= RefreshEvery)
        {
            return;
        }

        try
        {
            await ReadAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _readAt = DateTime.UtcNow; // try again after RefreshEvery, not on every idle poll
            LogRefreshFailed(_logger, ex, typeof(TContext).Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the {Module} outbox for the messaging gauges; they keep their last values")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string module);
}

/// <summary>Gauges <c>ipshield.outbox.pending</c>, <c>ipshield.outbox.lag</c> (s) and <c>ipshield.dead_letters</c>, tagged by module.</summary>
public sealed class MessagingMeter : IDisposable
{
    public const string Name = "IpShield.Messaging";
    private readonly Meter _meter = new(Name);
    private readonly List<Func<MessagingStatus>> _modules = [];

    public MessagingMeter()
    {
        _meter.CreateObservableGauge("ipshield.outbox.pending", () => Measure(s => s.PendingEvents), description: "Events written but not yet delivered to every subscriber.");
        _meter.CreateObservableGauge("ipshield.outbox.lag", () => Measure(s => s.OldestPendingSeconds), unit: "s", description: "Age of the oldest undelivered event.");
        _meter.CreateObservableGauge("ipshield.dead_letters", () => Measure(s => s.DeadLetters), description: "Messages a subscriber gave up on, not yet replayed.");
    }

    internal void Track(Func<MessagingStatus> module)
    {
        lock (_modules)
        {
            _modules.Add(module);
        }
    }

    private IEnumerable<Measurement<double>> Measure(Func<MessagingStatus, double> value)
    {
        lock (_modules)
        {
            return [.. _modules.Select(m => m()).Select(s => new Measurement<double>(value(s), new KeyValuePair<string, object?>("module", s.Module)))];
        }
    }

    public void Dispose() => _meter.Dispose();
}
