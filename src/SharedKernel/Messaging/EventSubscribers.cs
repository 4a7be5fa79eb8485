using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Hosting;
using Wolverine.Runtime;
using Wolverine.Runtime.Routing;

namespace IpShield.SharedKernel.Messaging;

/// <summary>
/// Whether anything in the process subscribes to an event type. Asked by bulk writes only (imports,
/// <see cref="OutboxBulkAppend"/>): they leave out events nobody subscribes to, which the relay would only mark
/// published, one row update each, after writing ~300 bytes each. A single change's events are always written. ADR 0007.
/// </summary>
public interface IEventSubscribers
{
    bool AnyFor(Type eventType);
}

/// <summary>
/// Answers from Wolverine's routing, which the handlers discovered at startup decide. Before the host has started
/// (demo data is seeded then) Wolverine routes nothing yet: such events are kept and nothing is remembered, or every
/// event of those types would be dropped for the life of the process.
/// </summary>
internal sealed class WolverineEventSubscribers(IWolverineRuntime wolverine, IHostApplicationLifetime lifetime) : IEventSubscribers
{
    private readonly ConcurrentDictionary<Type, bool> _known = new();

    public bool AnyFor(Type eventType) =>
        !lifetime.ApplicationStarted.IsCancellationRequested
        || _known.GetOrAdd(eventType, t => wolverine.RoutingFor(t).Routes.OfType<MessageRoute>().Any());
}

internal static class EventSubscribersExtensions
{
    /// <summary>
    /// The events of <paramref name="events"/> someone subscribes to. Without a registered <see cref="IEventSubscribers"/>
    /// (design-time tools, unit tests) every event is kept.
    /// </summary>
    public static IEnumerable<IntegrationEvent> Subscribed(this DbContext db, IEnumerable<IntegrationEvent> events)
    {
        var subscribers = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()
            ?.ApplicationServiceProvider?.GetService(typeof(IEventSubscribers)) as IEventSubscribers;
        return subscribers is null ? events : events.Where(e => subscribers.AnyFor(e.GetType()));
    }
}
