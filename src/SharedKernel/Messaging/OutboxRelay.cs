using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Runtime;
using Wolverine.Runtime.Routing;

namespace IpShield.SharedKernel.Messaging;

public sealed class MessagingOptions
{
    /// <summary>Off in a host that must not publish (tests simulate a crash between commit and publish this way).</summary>
    public bool RelayEnabled { get; set; } = true;

    public int BatchSize { get; set; } = 100;

    /// <summary>How long a claimed batch belongs to one relay before another host may take it over.</summary>
    public TimeSpan ClaimFor { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Publishes a module's outbox after commit: claims due messages (safely across hosts on MySQL with
/// <c>FOR UPDATE SKIP LOCKED</c>), hands each to every subscriber Wolverine routes it to, waits for their answer,
/// and records per subscriber that it is done. What failed is retried with exponential backoff.
/// </summary>
public sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IWolverineRuntime wolverine,
    OutboxSignal signal,
    OutboxMonitor<TContext> monitor,
    MessagingOptions options,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private readonly string _relayId = $"{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.RelayEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.Next;
            int relayed;
            try
            {
                relayed = await RelayBatchAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRelayFailed(logger, ex, typeof(TContext).Name);
                relayed = 0;
            }

            if (relayed == 0)
            {
                await Task.WhenAny(wake, Task.Delay(options.IdlePoll, stoppingToken));
                stoppingToken.ThrowIfCancellationRequested();
                await monitor.RefreshIfStaleAsync(stoppingToken);
            }
        }
    }

    /// <summary>One pass: claim a batch, deliver it, record the outcomes in one commit. Returns how many messages it handled.</summary>
    public async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var messages = await db.Set<OutboxMessage>().Where(m => claimed.Contains(m.Id)).OrderBy(m => m.CreatedAt).ToListAsync(cancellationToken);
        var done = (await db.Set<OutboxDelivery>().Where(d => claimed.Contains(d.MessageId)).ToListAsync(cancellationToken))
            .ToLookup(d => d.MessageId, d => d.Subscriber);
        foreach (var message in messages.Where(m => m.ClaimedBy == _relayId))
        {
            await DeliverAsync(db, bus, message, done[message.Id].ToHashSet(StringComparer.Ordinal), cancellationToken);
        }

        // If the process dies before this commit, the batch is delivered again later and the inboxes make that harmless.
        await db.SaveChangesAsync(cancellationToken);
        return claimed.Count;
    }

    private async Task<List<Guid>> ClaimAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = DateTime.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = db.Set<OutboxMessage>();
        List<OutboxMessage> batch;
        if (db.Database.IsMySql())
        {
            var table = db.Model.FindEntityType(typeof(OutboxMessage))!.GetTableName();
#pragma warning disable EF1002 // the table name comes from the model, the values are parameters
            batch = await due.FromSqlRaw(
                    $"SELECT * FROM `{table}` WHERE `PublishedAt` IS NULL AND `NextAttemptAt` <= {{0}} AND (`ClaimedUntil` IS NULL OR `ClaimedUntil` < {{0}}) ORDER BY `CreatedAt` LIMIT {{1}} FOR UPDATE SKIP LOCKED",
                    now, options.BatchSize)
                .ToListAsync(cancellationToken);
#pragma warning restore EF1002
        }
        else
        {
            // SQLite is the single-process embedded default: one writer at a time, nothing to race with.
            batch = await due.Where(m => m.PublishedAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .OrderBy(m => m.CreatedAt).Take(options.BatchSize).ToListAsync(cancellationToken);
        }

        foreach (var message in batch)
        {
            message.ClaimedBy = _relayId;
            message.ClaimedUntil = now + options.ClaimFor;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [.. batch.Select(m => m.Id)];
    }

    private async Task DeliverAsync(TContext db, IMessageBus bus, OutboxMessage message, HashSet<string> done, CancellationToken cancellationToken)
    {
        string? error = null;
        var @event = Outbox.Deserialize(message.Type, message.Payload);
        if (@event is null)
        {
            error = $"No event type is known as '{message.Type}'.";
        }
        else
        {
            foreach (var route in wolverine.RoutingFor(@event.GetType()).Routes.OfType<MessageRoute>())
            {
                var subscriber = route.Uri.ToString();
                if (done.Contains(subscriber))
                {
                    continue;
                }

                var outcome = await InvokeAsync(bus, route.Uri, @event, cancellationToken);
                if (outcome.Status == DeliveryStatus.Failed)
                {
                    error ??= $"{subscriber}: {outcome.Error}";
                    continue;
                }

                db.Add(new OutboxDelivery { MessageId = message.Id, Subscriber = subscriber, CompletedAt = DateTime.UtcNow });
            }
        }

        message.ClaimedBy = null;
        message.ClaimedUntil = null;
        if (error is null)
        {
            message.PublishedAt = DateTime.UtcNow;
            message.LastError = null;
        }
        else
        {
            message.Attempts++;
            message.LastError = error.Length > 2000 ? error[..2000] : error;
            message.NextAttemptAt = DateTime.UtcNow + Backoff(message.Attempts);
        }
    }

    private async Task<DeliveryOutcome> InvokeAsync(IMessageBus bus, Uri subscriber, IntegrationEvent @event, CancellationToken cancellationToken)
    {
        try
        {
            return await bus.EndpointFor(subscriber).InvokeAsync<DeliveryOutcome>(@event, cancellationToken, options.DeliveryTimeout);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A subscriber should answer with an outcome; anything else (timeout, a throwing handler) is a failure to retry.
            return new DeliveryOutcome(DeliveryStatus.Failed, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private TimeSpan Backoff(int attempts)
    {
        var delay = options.FirstRetryDelay * Math.Pow(2, Math.Min(attempts - 1, 16));
        return delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Module} outbox relay failed a pass; it tries again")]
    private static partial void LogRelayFailed(ILogger logger, Exception error, string module);
}

/// <summary>Wakes every relay as soon as a SaveChanges put something into an outbox, instead of waiting for the next poll.</summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>; take it before a pass so a notification during the pass is not missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
