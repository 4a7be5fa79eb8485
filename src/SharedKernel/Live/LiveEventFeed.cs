using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpShield.SharedKernel.Live;

/// <summary>
/// One per host: reads the live-event table in number order (every <see cref="LiveOptions.Poll"/>, at once when this
/// host appended) and hands each new event to the open subscriptions that want its type. Because numbers commit in
/// order (<see cref="LiveSequence"/>), "after the last number read" never misses an event another host appends.
/// Also prunes events older than <see cref="LiveOptions.RetainFor"/>.
/// </summary>
public sealed partial class LiveEventFeed(IServiceScopeFactory scopes, LiveOptions options, TimeProvider time, ILogger<LiveEventFeed> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly List<LiveListener> _listeners = [];
    private readonly SemaphoreSlim _starting = new(1, 1);
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long? _cursor;

    /// <summary>Reads now instead of at the next poll (this host just appended).</summary>
    public void Wake() => Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>The last number this host has handed out to its subscriptions.</summary>
    public long? Cursor
    {
        get
        {
            lock (_gate)
            {
                return _cursor;
            }
        }
    }

    /// <summary>Until this completes, <see cref="Listen"/> cannot say where a listener starts.</summary>
    internal Task ReadyAsync(CancellationToken cancellationToken) => EnsureCursorAsync(cancellationToken);

    /// <summary>Starts handing events to <paramref name="listener"/> (after <see cref="ReadyAsync"/>); returns the number after which it gets them.</summary>
    internal long Listen(LiveListener listener)
    {
        lock (_gate)
        {
            _listeners.Add(listener);
            return _cursor ?? throw new InvalidOperationException("The live feed has not read where it starts yet.");
        }
    }

    internal void Forget(LiveListener listener)
    {
        lock (_gate)
        {
            _listeners.Remove(listener);
        }
    }

    /// <summary>Stored events after <paramref name="after"/> up to <paramref name="upTo"/>, in order: what a reconnecting client missed.</summary>
    internal async IAsyncEnumerable<LiveEvent> ReplayAsync(long after, long upTo, IReadOnlyCollection<string> types, Guid? subject, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (after < upTo)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LiveDbContext>();
            var rows = db.Events.AsNoTracking().Where(e => e.Seq > after && e.Seq <= upTo && types.Contains(e.Type));
            if (subject is { } id)
            {
                rows = rows.Where(e => e.SubjectId == id);
            }

            var page = await rows.OrderBy(e => e.Seq).Take(options.BatchSize).ToListAsync(cancellationToken);
            foreach (var row in page)
            {
                yield return row;
            }

            if (page.Count < options.BatchSize)
            {
                yield break;
            }

            after = page[^1].Seq;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextPrune = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = Volatile.Read(ref _wake).Task;
            var read = 0;
            try
            {
                await EnsureCursorAsync(stoppingToken);
                read = await ReadAsync(stoppingToken);
                if (time.GetUtcNow() >= nextPrune)
                {
                    nextPrune = time.GetUtcNow() + options.PruneEvery;
                    await PruneAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReadFailed(logger, ex); // an outage: the next pass reads from the same number
            }

            if (read < options.BatchSize)
            {
                await Task.WhenAny(wake, Task.Delay(options.Poll, stoppingToken));
                stoppingToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>The cursor starts at the newest stored event: a subscription opened now is about what happens from now.</summary>
    private async Task EnsureCursorAsync(CancellationToken cancellationToken)
    {
        if (Cursor is not null)
        {
            return;
        }

        await _starting.WaitAsync(cancellationToken);
        try
        {
            if (Cursor is null)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LiveDbContext>();
                var last = await db.Sequence.AsNoTracking().Where(s => s.Id == 1).Select(s => (long?)s.Last).SingleOrDefaultAsync(cancellationToken) ?? 0;
                lock (_gate)
                {
                    _cursor = last;
                }
            }
        }
        finally
        {
            _starting.Release();
        }
    }

    private async Task<int> ReadAsync(CancellationToken cancellationToken)
    {
        var after = Cursor!.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveDbContext>();
        var rows = await db.Events.AsNoTracking().Where(e => e.Seq > after).OrderBy(e => e.Seq).Take(options.BatchSize).ToListAsync(cancellationToken);
        lock (_gate)
        {
            foreach (var row in rows.Where(r => r.Seq > _cursor))
            {
                foreach (var listener in _listeners)
                {
                    listener.Offer(row);
                }

                _cursor = row.Seq;
            }
        }

        return rows.Count;
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        if (options.RetainFor <= TimeSpan.Zero)
        {
            return;
        }

        var cutoff = time.GetUtcNow().UtcDateTime - options.RetainFor;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveDbContext>();
        // Batches keep each delete short; hosts pruning at once delete a row once.
        while (true)
        {
            var batch = await db.Events.AsNoTracking().Where(e => e.CreatedAt < cutoff).OrderBy(e => e.Seq).Select(e => e.Seq).Take(1000).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            var last = batch[^1];
            await db.Events.Where(e => e.Seq <= last && e.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        }
    }

    public override void Dispose()
    {
        _starting.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading live events failed; the next pass tries again")]
    private static partial void LogReadFailed(ILogger logger, Exception error);
}

/// <summary>One open subscription's inbox of events of the types it wants, in number order.</summary>
internal sealed class LiveListener(IReadOnlyCollection<string> types, Guid? subject)
{
    private readonly Channel<LiveEvent> _events = Channel.CreateUnbounded<LiveEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public IReadOnlyCollection<string> Types => types;

    public Guid? Subject => subject;

    public ChannelReader<LiveEvent> Events => _events.Reader;

    public void Offer(LiveEvent row)
    {
        if (types.Contains(row.Type) && (subject is null || subject == row.SubjectId))
        {
            _events.Writer.TryWrite(row);
        }
    }
}
