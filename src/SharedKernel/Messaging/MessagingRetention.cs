using IpShield.SharedKernel.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpShield.SharedKernel.Messaging;

/// <summary>
/// Prunes a module's messaging tables so they do not grow forever (ADR 0007, retention): published outbox rows with
/// their delivery records, and inbox rows, once older than <see cref="MessagingOptions.RetainFor"/>. Works in bounded
/// batches, each its own short transaction, so it never holds many locks for long; hosts sharing a database may prune
/// at the same time (a row deleted twice is deleted once). Dead letters stay until an admin has dealt with them.
/// </summary>
internal sealed partial class MessagingRetention<TContext>(
    IServiceScopeFactory scopes,
    IEnumerable<IMessagingMonitor> outboxes,
    MessagingOptions options,
    TimeProvider time,
    ILogger<MessagingRetention<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    /// <summary>How far the clocks of hosts sharing a database may disagree, at most.</summary>
    private static readonly TimeSpan ClockAllowance = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.RetainFor <= TimeSpan.Zero)
        {
            return; // kept forever
        }

        using var timer = new PeriodicTimer(options.PruneEvery, time);
        do
        {
            try
            {
                var (outbox, inbox) = await PruneAsync(stoppingToken);
                if (outbox + inbox > 0)
                {
                    LogPruned(logger, typeof(TContext).Name, outbox, inbox);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPruneFailed(logger, ex, typeof(TContext).Name); // an outage; the next pass tries again
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass over the module's tables; returns how many outbox and inbox rows it deleted.</summary>
    public async Task<(int Outbox, int Inbox)> PruneAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - options.RetainFor;
        var outbox = 0;
        bool more;
        do
        {
            (more, var deleted) = await PrunePublishedAsync(cutoff, cancellationToken);
            outbox += deleted;
        }
        while (more);

        // An inbox row is what makes a redelivery harmless, and a message is redelivered only while it is unpublished:
        // rows handled after the oldest message still waiting in any module's outbox are kept, however old.
        var inboxCutoff = cutoff;
        foreach (var waiting in outboxes)
        {
            if (await waiting.OldestPendingAsync(cancellationToken) is { } oldest && oldest - ClockAllowance < inboxCutoff)
            {
                inboxCutoff = oldest - ClockAllowance;
            }
        }

        var inbox = 0;
        do
        {
            (more, var deleted) = await PruneInboxAsync(inboxCutoff, cancellationToken);
            inbox += deleted;
        }
        while (more);

        return (outbox, inbox);
    }

    /// <summary>A batch of the oldest published outbox rows and their delivery records, in one short transaction.</summary>
    private async Task<(bool More, int Deleted)> PrunePublishedAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        using var bookkeeping = DataVersions.Bookkeeping();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var ids = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.PublishedAt != null && m.PublishedAt < cutoff)
            .OrderBy(m => m.PublishedAt)
            .Select(m => m.Id)
            .Take(options.PruneBatchSize)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return (false, 0);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<OutboxDelivery>().Where(d => ids.Contains(d.MessageId)).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id) && m.PublishedAt != null).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (ids.Count == options.PruneBatchSize, deleted);
    }

    /// <summary>
    /// A batch of old inbox rows, except those of a dead letter: replaying it must still find the row if it was applied
    /// meanwhile. Read in key order, which is time order (message ids are version 7 Guids): old rows come first, and the
    /// table needs no index on HandledAt (when nothing is old enough, a pass reads the table once, without locks).
    /// </summary>
    private async Task<(bool More, int Deleted)> PruneInboxAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        using var bookkeeping = DataVersions.Bookkeeping();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var old = db.Set<InboxRecord>()
            .Where(r => r.HandledAt < cutoff && !db.Set<DeadLetter>().Any(d => d.MessageId == r.MessageId && d.Subscriber == r.Subscriber));
        var ids = await old.AsNoTracking().OrderBy(r => r.MessageId).Select(r => r.MessageId).Take(options.PruneBatchSize).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return (false, 0);
        }

        return (ids.Count == options.PruneBatchSize, await old.Where(r => ids.Contains(r.MessageId)).ExecuteDeleteAsync(cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Module}: pruned {Outbox} published outbox and {Inbox} inbox message(s) past their retention")]
    private static partial void LogPruned(ILogger logger, string module, int outbox, int inbox);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Module}: pruning the messaging tables failed; the next pass tries again")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception, string module);
}
