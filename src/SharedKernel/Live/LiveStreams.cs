using GraphQL;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Live;

/// <summary>A node an event is about, by its GraphQL type name and key: the event is sent only to callers who can read it.</summary>
public readonly record struct LiveNodeRef(string TypeName, Guid Key);

/// <summary>
/// What a subscription field streams: which stored event types, about which subject (optional), which of them the
/// caller's arguments want, the node that decides who may see each, and what the field returns for it.
/// </summary>
public sealed record LiveSubscription(IReadOnlyCollection<string> EventTypes, Guid? Subject)
{
    public Func<IntegrationEvent, bool> Wanted { get; init; } = _ => true;

    /// <summary>The node whose read decides whether the caller sees the event (its node loader's row rules apply).</summary>
    public Func<IntegrationEvent, LiveNodeRef>? VisibleThrough { get; init; }

    /// <summary>
    /// Instead of <see cref="VisibleThrough"/>, for an event that concerns many rows (a warning reaching thousands of
    /// enterprises): loads the one row this caller may see, under the module's row rules, or null to skip the event.
    /// </summary>
    public Func<IntegrationEvent, NodeLoadContext, Task<object?>>? LoadVisible { get; init; }

    /// <summary>The field's value for an event and its node, loaded under the caller's row rules.</summary>
    public required Func<IntegrationEvent, object, object> Payload { get; init; }

    /// <summary>
    /// True when the row rules that decide who sees these events read no caller's subject (beyond
    /// <see cref="AccessContext.SubjectScopedRoles"/>): subscribers with the same row scope then share one row check and
    /// one executed result per event (ADR 0026). False (the default) checks and executes for each subscriber.
    /// </summary>
    public bool SharedByRowScope { get; init; }

    /// <summary>True for the event after which the stream completes (an import that ended).</summary>
    public Func<IntegrationEvent, bool> IsLast { get; init; } = _ => false;

    /// <summary>
    /// What the field returns before any event, loaded under the caller's rules (null: nothing to send), and whether the
    /// stream is already over: an import that ended before the client subscribed is sent once and completed.
    /// </summary>
    public Func<NodeLoadContext, Task<(object? Value, bool Ended)>>? Initial { get; init; }
}

/// <summary>
/// One value of a subscription stream, the number of the event it came from (the SSE <c>id:</c>), and the key under which
/// subscribers who see the same rows may share its executed result (null: not shared).
/// </summary>
public sealed record LiveDelivery(long Seq, object Value, string? ShareKey = null);

public static class LiveStreams
{
    /// <summary>An optional id argument of a subscription field narrowing what it streams; a malformed or foreign id is INVALID_ID.</summary>
    public static Guid? OptionalId(IResolveFieldContext context, string argument, string typeName) =>
        context.GetArgument<string?>(argument) is not { } id
            ? null
            : GlobalId.TryDecode(id, typeName, out var key)
                ? key
                : throw new global::IpShield.SharedKernel.GraphQL.Payloads.UserInputError(global::IpShield.SharedKernel.GraphQL.Payloads.ErrorCodes.InvalidId, $"{argument} is not a {typeName} id.");

    /// <summary>
    /// Opens the source stream of a subscription field: events missed since the client's <c>Last-Event-ID</c> first, then
    /// live ones. Each is checked, for this caller, through the same node loader (and so the same row rules) as
    /// <c>node(id:)</c>; what the caller may not see is skipped, as if it had not happened.
    /// </summary>
    public static async Task<IObservable<object?>> OpenAsync(IResolveFieldContext context, LiveSubscription subscription)
    {
        var services = context.RequestServices!;
        var user = (RequestUserContext)context.UserContext;
        var feed = services.GetRequiredService<LiveEventFeed>();
        await feed.ReadyAsync(context.CancellationToken);
        return new LiveStream(feed, subscription, user.ResumeAfter, user.Access, context.Schema, services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<LiveSharedWork>());
    }

    /// <summary>Listens to the feed from the moment it is subscribed to (a stream opened and never read holds nothing).</summary>
    private sealed class LiveStream(
        LiveEventFeed feed, LiveSubscription subscription, long? resumeAfter,
        AccessContext access, global::GraphQL.Types.ISchema schema, IServiceScopeFactory scopes, LiveSharedWork shared) : IObservable<object?>
    {
        private readonly LiveListener _listener = new(subscription.EventTypes, subscription.Subject);
        private readonly string? _shareKey = subscription.SharedByRowScope ? access.RowScopeKey(rulesReadSubject: false) : null;
        private int _subscribed;

        public IDisposable Subscribe(IObserver<object?> observer)
        {
            if (Interlocked.Exchange(ref _subscribed, 1) == 1)
            {
                throw new InvalidOperationException("A live stream has one subscriber: the request that opened it.");
            }

            // Listening starts here, before the transport tells the client the stream is open: an event committed after
            // the client saw the response start is never missed.
            var startAfter = feed.Listen(_listener);
            var stop = new CancellationTokenSource();
            _ = Task.Run(() => PumpAsync(observer, startAfter, stop.Token), CancellationToken.None);
            return new Unsubscriber(feed, _listener, stop);
        }

        /// <summary>Events after <paramref name="startAfter"/> come from the feed; those up to it and after the client's last one are replayed.</summary>
        private async Task PumpAsync(IObserver<object?> observer, long startAfter, CancellationToken cancellationToken)
        {
            try
            {
                var ended = false;
                if (resumeAfter is { } after && after < startAfter)
                {
                    await foreach (var row in feed.ReplayAsync(after, startAfter, _listener.Types, _listener.Subject, cancellationToken))
                    {
                        if (ended = await DeliverAsync(observer, row, cancellationToken))
                        {
                            break;
                        }
                    }
                }

                if (!ended && subscription.Initial is { } initial)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var (value, over) = await initial(new NodeLoadContext(access, scope.ServiceProvider, cancellationToken));
                    // A resumed client already has the state; it needs it again only when the stream is over.
                    if (value is not null && (resumeAfter is null || over))
                    {
                        observer.OnNext(new LiveDelivery(startAfter, value));
                    }

                    ended = over;
                }

                while (!ended && await _listener.Events.WaitToReadAsync(cancellationToken))
                {
                    while (!ended && _listener.Events.TryRead(out var row))
                    {
                        ended = await DeliverAsync(observer, row, cancellationToken);
                    }
                }

                observer.OnCompleted();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // the client went away
            }
            catch (Exception ex)
            {
                observer.OnError(ex);
            }
            finally
            {
                feed.Forget(_listener);
            }
        }

        /// <summary>Sends the event if the caller may see it; true when it was the stream's last.</summary>
        private async Task<bool> DeliverAsync(IObserver<object?> observer, LiveEvent row, CancellationToken cancellationToken)
        {
            if (LiveEvents.Read(row) is not { } @event || !subscription.Wanted(@event))
            {
                return false;
            }

            // Subscribers who see the same rows share one check of the event (1,000 staff of a workstation: one read).
            var node = _shareKey is null
                ? await LoadVisibleAsync(@event, cancellationToken)
                : await shared.GetOrRunAsync(row.Seq, "check|" + _shareKey, () => LoadVisibleAsync(@event, CancellationToken.None));
            if (node is null)
            {
                return false;
            }

            observer.OnNext(new LiveDelivery(row.Seq, subscription.Payload(@event, node), _shareKey));
            return subscription.IsLast(@event);
        }

        /// <summary>The node the event is about as this caller may read it (its row rules), or null when they may not.</summary>
        private async Task<object?> LoadVisibleAsync(IntegrationEvent @event, CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            var load = new NodeLoadContext(access, scope.ServiceProvider, cancellationToken);
            if (subscription.LoadVisible is { } loadVisible)
            {
                return await loadVisible(@event, load);
            }

            if (subscription.VisibleThrough?.Invoke(@event) is { } target && schema.AllTypes[target.TypeName] is INodeType nodeType)
            {
                return (await nodeType.LoadAsync([target.Key], load)).GetValueOrDefault(target.Key);
            }

            return null; // no way to tell who may see it: nobody is shown it (fails closed)
        }
    }

    private sealed class Unsubscriber(LiveEventFeed feed, LiveListener listener, CancellationTokenSource stop) : IDisposable
    {
        public void Dispose()
        {
            feed.Forget(listener);
            // Not disposed: the pump may still be reading the token; a source without timers holds nothing to free.
            stop.Cancel();
        }
    }
}
