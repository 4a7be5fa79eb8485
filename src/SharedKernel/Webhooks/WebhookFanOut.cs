using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Webhooks;

/// <summary>
/// Turns new live events into deliveries, in number order: for each endpoint that wants the event's type, registered
/// before it, whose client may read what the event is about. The deliveries of a batch and the cursor move commit
/// together, and only from the cursor the pass read: when two hosts fan out the same batch, one writes it.
/// </summary>
internal sealed class WebhookFanOut(IServiceScopeFactory scopes, WebhookCatalogue catalogue, WebhookOptions options, TimeProvider time, ISchema schema)
{
    /// <summary>One batch; the number of live events it moved past (0: nothing new, or another host took this batch).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebhookDbContext>();
        var cursor = await db.Cursor.AsNoTracking().Where(c => c.Id == 1).Select(c => c.Last).SingleAsync(cancellationToken);
        var live = scope.ServiceProvider.GetRequiredService<LiveDbContext>();
        var events = await live.Events.AsNoTracking().Where(e => e.Seq > cursor).OrderBy(e => e.Seq).Take(options.BatchSize).ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        // Read after the events: an endpoint whose registration committed before an event did is always in this list.
        var endpoints = await db.Endpoints.AsNoTracking().Where(e => e.Enabled).ToListAsync(cancellationToken);
        var deliveries = new List<WebhookDelivery>();
        var audience = new Audience(scope.ServiceProvider, schema, cancellationToken);
        foreach (var row in events)
        {
            var types = catalogue.For(row.Type);
            if (types.Count == 0 || LiveEvents.Read(row) is not { } @event)
            {
                continue;
            }

            foreach (var endpoint in endpoints.Where(e => e.StartsAfter < row.Seq))
            {
                // The narrowest wanted type names the delivery: an import's last step is IMPORT_FINISHED to whoever wants it.
                if (types.FirstOrDefault(t => endpoint.Wants(t.Name) && t.Wanted(@event)) is not { } type
                    || await audience.VisibleAsync(endpoint.ClientId, type.About(@event, schema)) is not { } about)
                {
                    continue;
                }

                deliveries.Add(new WebhookDelivery
                {
                    EndpointId = endpoint.Id,
                    EventId = row.EventId,
                    Seq = row.Seq,
                    EventType = type.Name,
                    Body = Body(row, type.Name, about),
                    Status = WebhookDeliveryStatus.Pending,
                    NextAttemptAt = time.GetUtcNow().UtcDateTime,
                    CreatedAt = time.GetUtcNow().UtcDateTime,
                });
            }
        }

        var last = events[^1].Seq;
        var moveCursor = db.Cursor.Where(c => c.Id == 1 && c.Last == cursor);
        if (deliveries.Count == 0)
        {
            return await moveCursor.ExecuteUpdateAsync(set => set.SetProperty(c => c.Last, last), cancellationToken) == 0 ? 0 : events.Count;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await moveCursor.ExecuteUpdateAsync(set => set.SetProperty(c => c.Last, last), cancellationToken) == 0)
        {
            return 0; // another host moved past this batch first and wrote its deliveries; ours roll back
        }

        db.Deliveries.AddRange(deliveries);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }

    /// <summary>
    /// What is POSTed: the event's id, public type, time and subject (a global id the client can pass to <c>node(id:)</c>),
    /// and the event's own fields under <c>data</c>.
    /// </summary>
    private static string Body(LiveEvent row, string type, LiveNodeRef about) =>
        new JsonObject
        {
            ["id"] = row.EventId.ToString(),
            ["type"] = type,
            ["occurredAt"] = DateTime.SpecifyKind(row.OccurredAt, DateTimeKind.Utc).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["subject"] = GlobalId.Encode(about.TypeName, about.Key),
            ["data"] = JsonNode.Parse(row.Payload),
        }.ToJsonString();

    /// <summary>Who may read what, for one pass: each client's access is asked once.</summary>
    private sealed class Audience(IServiceProvider services, ISchema schema, CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, AccessContext?> _clients = new(StringComparer.Ordinal);

        /// <summary>The first of <paramref name="about"/> the client may read, exactly as <c>node(id:)</c> would answer it; null for none.</summary>
        public async Task<LiveNodeRef?> VisibleAsync(string clientId, IReadOnlyList<LiveNodeRef> about)
        {
            if (!_clients.TryGetValue(clientId, out var access))
            {
                var directory = services.GetService<IMachineClientDirectory>();
                access = _clients[clientId] = directory is null ? null : await directory.FindAsync(clientId, cancellationToken);
            }

            if (access is null)
            {
                return null; // revoked: told of nothing
            }

            foreach (var node in about)
            {
                // The type's own policy (a people-only type) and then its row rule, each failing closed.
                if (schema.AllTypes[node.TypeName] is not INodeType type || (type is IMetadataReader metadata && !Allowed(metadata, access)))
                {
                    continue;
                }

                await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
                var found = await type.LoadAsync([node.Key], new NodeLoadContext(access, scope.ServiceProvider, cancellationToken));
                if (found.ContainsKey(node.Key))
                {
                    return node;
                }
            }

            return null;
        }

        /// <summary>The type's own requirements, as <c>AccessValidationRule</c> checks them for a query.</summary>
        private static bool Allowed(IMetadataReader type, AccessContext access) =>
            (type.GetPolicies() is not { } policies || policies.All(access.Allows))
            && (type.GetRoles() is not { Count: > 0 } roles || access.IsAdmin || roles.Any(access.Roles.Contains));
    }
}
