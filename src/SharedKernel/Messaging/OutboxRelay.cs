using IpShield.SharedKernel.Statistics;
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

    /// <summary>How long published outbox rows, their delivery records and inbox rows are kept; zero keeps them forever.</summary>
    public TimeSpan RetainFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often each module's messaging tables are pruned (<see cref="MessagingRetention{TContext}"/>).</summary>
    public TimeSpan PruneEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows deleted per statement and transaction while pruning.</summary>
    public int PruneBatchSize { get; set; } = 1000;
}

/// <summary>
/// Publishes a module's outbox after commit: claims due messages (safely across hosts on MySQL with
/// <c>FOR UPDATE SKIP LOCKED</c>), hands each to every subscriber Wolverine routes it to, waits for their answer,
/// and records per subscriber that it is done. What failed is retried with exponential backoff. An event nobody
/// subscribes to has no route: it is marked published with its batch, with nothing delivered.
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

    /// <summary>
    /// One pass: claim a batch, deliver it, record the outcomes in one commit. Returns how many messages it handled.
    /// Claiming and marking published are one statement each for the whole batch, so a burst of events (an import)
    /// costs the relay a few statements per batch, not two row updates per event.
    /// </summary>
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
        var ids = claimed.ConvertAll(m => m.Id);
        var done = (await db.Set<OutboxDelivery>().Where(d => ids.Contains(d.MessageId)).ToListAsync(cancellationToken))
            .ToLookup(d => d.MessageId, d => d.Subscriber);
        var published = new List<Guid>(claimed.Count);
        foreach (var message in claimed)
        {
            if (await DeliverAsync(db, bus, message, done[message.Id].ToHashSet(StringComparer.Ordinal), cancellationToken) is { } error)
            {
                db.Attach(message);
                message.ClaimedBy = null;
                message.ClaimedUntil = null;
                message.Attempts++;
                message.LastError = error.Length > 2000 ? error[..2000] : error;
                message.NextAttemptAt = DateTime.UtcNow + Backoff(message.Attempts);
            }
            else
            {
                published.Add(message.Id);
            }
        }

        // If the process dies before this commit, the batch is delivered again later and the inboxes make that harmless.
        // Marking the batch published changes no data a statistics section reads (ADR 0037).
        using var bookkeeping = DataVersions.Bookkeeping();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var now = DateTime.UtcNow;
        await db.Set<OutboxMessage>()
            .Where(m => published.Contains(m.Id) && m.ClaimedBy == _relayId)
            .ExecuteUpdateAsync(
                set => set.SetProperty(m => m.PublishedAt, now).SetProperty(m => m.LastError, (string?)null)
                    .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null),
                cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed.Count;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = DateTime.UtcNow;
        using var bookkeeping = DataVersions.Bookkeeping();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = db.Set<OutboxMessage>();
        List<OutboxMessage> batch;
        // Due order follows the (PublishedAt, NextAttemptAt) index, so a claim reads its batch off the index and stops.
        // Ordering by CreatedAt sorted (and locked) every waiting row on each claim: 0.9 s per claim with 200k waiting,
        // against 2 ms now (MariaDB plans ORDER BY PublishedAt, NextAttemptAt with a sort too, hence one column).
        if (db.Database.IsMySql())
        {
            var table = db.Model.FindEntityType(typeof(OutboxMessage))!.GetTableName();
#pragma warning disable EF1002 // the table name comes from the model, the values are parameters
            batch = await due.FromSqlRaw(
                    $"SELECT * FROM `{table}` WHERE `PublishedAt` IS NULL AND `NextAttemptAt` <= {{0}} AND (`ClaimedUntil` IS NULL OR `ClaimedUntil` < {{0}}) ORDER BY `NextAttemptAt` LIMIT {{1}} FOR UPDATE SKIP LOCKED",
                    now, options.BatchSize)
                .AsNoTracking().ToListAsync(cancellationToken);
#pragma warning restore EF1002
        }
        else
        {
            // SQLite is the single-process embedded default: one writer at a time, nothing to race with.
            batch = await due.AsNoTracking().Where(m => m.PublishedAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .OrderBy(m => m.NextAttemptAt).Take(options.BatchSize).ToListAsync(cancellationToken);
        }

        if (batch.Count > 0)
        {
            var ids = batch.ConvertAll(m => m.Id);
            var until = now + options.ClaimFor;
            await due.Where(m => ids.Contains(m.Id))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedBy, _relayId).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
            batch.ForEach(m => (m.ClaimedBy, m.ClaimedUntil) = (_relayId, until));
        }

        await transaction.CommitAsync(cancellationToken);
        return batch;
    }

    /// <summary>Hands the message to every subscriber not yet done with it; returns the first failure, or null when all are done.</summary>
    private async Task<string?> DeliverAsync(TContext db, IMessageBus bus, OutboxMessage message, HashSet<string> done, CancellationToken cancellationToken)
    {
        var @event = Outbox.Deserialize(message.Type, message.Payload);
        if (@event is null)
        {
            return $"No event type is known as '{message.Type}'.";
        }

        string? error = null;
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

        return error;
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
