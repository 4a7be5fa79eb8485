using GraphQL.Types;
using IpShield.SharedKernel.Live;
using IpShield.SharedKernel.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Webhooks;

/// <summary>
/// An event type machine clients may ask to be told of (a value of the <c>WebhookEventType</c> enum), contributed by the
/// module that owns the event. The event must reach the live-event table (an outbox subscriber calling
/// <see cref="LiveEvents.AppendAsync"/>, ADR 0022): deliveries are made from there.
/// </summary>
public sealed record WebhookEvent(string Name, Type EventType, string Description)
{
    /// <summary>The nodes the event is about: a client is told of it only if it may read one of them (as <c>node(id:)</c>).</summary>
    public required Func<IntegrationEvent, ISchema, IReadOnlyList<LiveNodeRef>> About { get; init; }

    /// <summary>Which events of the type count (an import's last step only, say).</summary>
    public Func<IntegrationEvent, bool> Wanted { get; init; } = _ => true;

    /// <summary>True when <see cref="Wanted"/> picks some events of the type only: such a type is matched first.</summary>
    public bool Narrow { get; init; }

    internal string StoredType => EventTypes.NameOf(EventType);
}

public static class WebhookEventRegistration
{
    /// <summary>Offers <typeparamref name="TEvent"/> to webhooks as <paramref name="name"/>, visible through the node <paramref name="about"/> names.</summary>
    public static IServiceCollection AddWebhookEvent<TEvent>(
        this IServiceCollection services, string name, string description, Func<TEvent, LiveNodeRef> about, Func<TEvent, bool>? wanted = null)
        where TEvent : IntegrationEvent =>
        services.AddSingleton(new WebhookEvent(name, typeof(TEvent), description)
        {
            About = (e, _) => [about((TEvent)e)],
            Wanted = wanted is null ? _ => true : e => wanted((TEvent)e),
            Narrow = wanted is not null,
        });
}

/// <summary>The webhook event types contributed by the modules, by public name and by stored event type.</summary>
public sealed class WebhookCatalogue
{
    private readonly Dictionary<string, List<WebhookEvent>> _byStoredType;

    public WebhookCatalogue(IEnumerable<WebhookEvent> events)
    {
        All = [.. events.OrderBy(e => e.Name, StringComparer.Ordinal)];
        var duplicate = All.GroupBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two webhook event types are named {duplicate.Key}.");
        }

        _byStoredType = All.GroupBy(e => e.StoredType, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Narrow).ToList(), StringComparer.Ordinal);
    }

    public IReadOnlyList<WebhookEvent> All { get; }

    public bool Knows(string name) => All.Any(e => e.Name == name);

    /// <summary>The public types a stored event may count as, the narrowest first (IMPORT_FINISHED before IMPORT_PROGRESSED).</summary>
    internal IReadOnlyList<WebhookEvent> For(string storedType) =>
        _byStoredType.TryGetValue(storedType, out var events) ? events : [];
}

/// <summary>The <c>WebhookEventType</c> enum, one value per contributed event type.</summary>
internal sealed class WebhookEventTypeType : EnumerationGraphType
{
    public WebhookEventTypeType(WebhookCatalogue catalogue)
    {
        Name = "WebhookEventType";
        Description = "An event a machine client may be told of by webhook. It is sent only when the client may read what the event is about.";
        foreach (var @event in catalogue.All)
        {
            Add(@event.Name, @event.Name, @event.Description);
        }
    }
}
