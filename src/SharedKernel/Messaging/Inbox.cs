using System.Text.Json;
using IpShield.SharedKernel.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpShield.SharedKernel.Messaging;

/// <summary>
/// How a subscriber applies an event exactly once: the effect and the inbox record commit together, a redelivery
/// finds the record and does nothing, and repeated failures park the message in the module's dead-letter table.
/// </summary>
public static partial class Inbox
{
    public const int MaxAttempts = 5;

    /// <summary>
    /// A subscriber's identity: the local queue Wolverine delivers to (one per handler, as
    /// <c>MultipleHandlerBehavior.Separated</c> sets up), which is also where a dead letter is replayed.
    /// </summary>
    public static string SubscriberOf(Wolverine.Envelope envelope, Type handler) =>
        envelope.Destination?.ToString() ?? $"local://{handler.Name.ToLowerInvariant()}/";

    public static async Task<DeliveryOutcome> HandleOnceAsync<TContext>(
        IServiceScopeFactory scopes,
        IntegrationEvent message,
        string subscriber,
        Func<TContext, CancellationToken, Task> effect,
        CancellationToken cancellationToken)
        where TContext : DbContext
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            if (await AlreadyHandledAsync(db, message.EventId, subscriber, cancellationToken))
            {
                return DeliveryOutcome.Handled;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await effect(db, cancellationToken);
            db.Set<InboxRecord>().Add(new InboxRecord
            {
                MessageId = message.EventId,
                Subscriber = subscriber,
                HandledAt = DateTime.UtcNow,
                OccurredAt = message.OccurredAt.UtcDateTime,
            });
            await db.SaveChangesAsync(cancellationToken);
            await db.Set<DeliveryAttempt>().Where(a => a.MessageId == message.EventId && a.Subscriber == subscriber).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return DeliveryOutcome.Handled;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (ex is DbUpdateException && await HandledMeanwhileAsync<TContext>(scopes, message.EventId, subscriber, cancellationToken))
            {
                // Another relay delivered the same message at the same moment; its inbox row won, our effect rolled back.
                return DeliveryOutcome.Handled;
            }

            return await RecordFailureAsync<TContext>(scopes, message, subscriber, ex, cancellationToken);
        }
    }

    private static Task<bool> AlreadyHandledAsync(DbContext db, Guid messageId, string subscriber, CancellationToken cancellationToken) =>
        db.Set<InboxRecord>().AnyAsync(r => r.MessageId == messageId && r.Subscriber == subscriber, cancellationToken);

    private static async Task<bool> HandledMeanwhileAsync<TContext>(IServiceScopeFactory scopes, Guid messageId, string subscriber, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        using var scope = scopes.CreateScope();
        return await AlreadyHandledAsync(scope.ServiceProvider.GetRequiredService<TContext>(), messageId, subscriber, cancellationToken);
    }

    private static async Task<DeliveryOutcome> RecordFailureAsync<TContext>(IServiceScopeFactory scopes, IntegrationEvent message, string subscriber, Exception error, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        using var bookkeeping = DataVersions.Bookkeeping();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Inbox));
        var text = $"{error.GetType().Name}: {error.Message}";
        text = text.Length > 2000 ? text[..2000] : text;
        var attempt = await db.Set<DeliveryAttempt>().SingleOrDefaultAsync(a => a.MessageId == message.EventId && a.Subscriber == subscriber, cancellationToken);
        if (attempt is null)
        {
            attempt = new DeliveryAttempt { MessageId = message.EventId, Subscriber = subscriber };
            db.Add(attempt);
        }

        attempt.Attempts++;
        attempt.LastError = text;
        if (attempt.Attempts < MaxAttempts)
        {
            await db.SaveChangesAsync(cancellationToken);
            LogFailed(logger, error, subscriber, message.EventId, attempt.Attempts);
            return new DeliveryOutcome(DeliveryStatus.Failed, text);
        }

        db.Remove(attempt);
        var type = message.GetType();
        var dead = await db.Set<DeadLetter>().SingleOrDefaultAsync(d => d.MessageId == message.EventId && d.Subscriber == subscriber, cancellationToken);
        if (dead is null)
        {
            db.Add(new DeadLetter
            {
                MessageId = message.EventId,
                Type = EventTypes.NameOf(type),
                Payload = JsonSerializer.Serialize(message, type, Outbox.Json),
                Subscriber = subscriber,
                Error = text,
                Attempts = attempt.Attempts,
                FailedAt = DateTime.UtcNow,
            });
        }
        else
        {
            dead.Error = text;
            dead.Attempts += attempt.Attempts;
            dead.FailedAt = DateTime.UtcNow;
            dead.ReplayedAt = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        LogDeadLettered(logger, error, subscriber, message.EventId);
        return new DeliveryOutcome(DeliveryStatus.DeadLettered, text);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subscriber} failed on message {MessageId} (attempt {Attempt}); it will be retried")]
    private static partial void LogFailed(ILogger logger, Exception error, string subscriber, Guid messageId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Subscriber} gave up on message {MessageId}: moved to the dead-letter table")]
    private static partial void LogDeadLettered(ILogger logger, Exception error, string subscriber, Guid messageId);
}
