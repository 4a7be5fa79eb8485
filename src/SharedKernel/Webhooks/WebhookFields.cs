using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Lists;
using IpShield.SharedKernel.GraphQL.Paging;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Webhooks;

/// <summary>An endpoint as a client sees it; the secret only in the answer that made it (registration, rotation).</summary>
internal sealed record WebhookView(WebhookEndpoint Endpoint, string? SigningSecret = null);

/// <summary><c>webhooks</c>: the calling client's endpoints, each with its delivery log.</summary>
internal sealed class WebhookFields : IQueryFieldContribution
{
    public const string WebhookTypeName = "Webhook";
    public const string DeliveryTypeName = "WebhookDelivery";

    public static readonly WebhookDeliveryList Deliveries = ListDeclarations.Of<WebhookDeliveryList, WebhookDelivery>();

    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookType>>>>("webhooks")
            .AuthorizeWithPolicy(AccessPolicies.Clients)
            .Description("The calling machine client's webhook endpoints, oldest first (machine clients only).")
            .ResolveAsync(async context =>
            {
                var client = context.Access().SubjectId;
                var endpoints = await context.RequestServices!.GetRequiredService<WebhookDbContext>().Endpoints.AsNoTracking()
                    .Where(e => e.ClientId == client).OrderBy(e => e.Id).ToListAsync(context.CancellationToken);
                return endpoints.Select(e => new WebhookView(e)).ToList();
            });
}

/// <summary>The delivery log of one endpoint, declared once: newest first, filtered by status or event type.</summary>
internal sealed class WebhookDeliveryList : EntityList<WebhookDelivery>
{
    public WebhookDeliveryList()
        : base(WebhookFields.DeliveryTypeName)
    {
        Order("CREATED", d => d.Id).NewestFirst().Describe("The order the events were fanned out in (ids are time-ordered).");
        Enum<WebhookDeliveryStatusType, WebhookDeliveryStatus>("status", d => d.Status);
        Text("eventType", d => d.EventType).Describe("A WebhookEventType value, e.g. IMPORT_FINISHED.");
    }
}

internal sealed class WebhookType : ObjectGraphType<WebhookView>
{
    public WebhookType()
    {
        Name = WebhookFields.WebhookTypeName;
        Description = "A URL a machine client registered; each event it wants and may see is POSTed to it, signed (docs/webhooks.md).";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(WebhookFields.WebhookTypeName, c.Source.Endpoint.Id));
        Field<NonNullGraphType<StringGraphType>>("url").Resolve(c => c.Source.Endpoint.Url);
        Field<StringGraphType>("description").Resolve(c => c.Source.Endpoint.Description);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookEventTypeType>>>>("eventTypes").Resolve(c => c.Source.Endpoint.Wanted);
        Field<NonNullGraphType<BooleanGraphType>>("enabled").Description("A disabled endpoint is told of nothing and its pending deliveries wait.").Resolve(c => c.Source.Endpoint.Enabled);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.Endpoint.CreatedAt);
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Resolve(c => c.Source.Endpoint.UpdatedAt);
        Field<StringGraphType>("signingSecret")
            .Description("The secret that signs every delivery (header IpShield-Signature): given only in the answer of registerWebhook and rotateWebhookSecret, null everywhere else. Keep it.")
            .Resolve(c => c.Source.SigningSecret);
        Field<NonNullGraphType<ConnectionType<WebhookDeliveryType, WebhookDelivery>>>("deliveries")
            .Description("The delivery log: each event sent or to send, newest first, with its attempts.")
            .ListArguments(WebhookFields.Deliveries)
            .Resolve(c => WebhookFields.Deliveries.PageOfParent(
                c, c.Source.Endpoint.Id, sp => sp.GetRequiredService<WebhookDbContext>().Deliveries.AsNoTracking(), d => (Guid?)d.EndpointId));
    }
}

internal sealed class WebhookDeliveryStatusType : EnumerationGraphType<WebhookDeliveryStatus>
{
    public WebhookDeliveryStatusType()
    {
        Name = "WebhookDeliveryStatus";
        Description = "PENDING: waiting for its next attempt. SUCCEEDED: the receiver answered 2xx. DEAD_LETTERED: every attempt failed; replayWebhookDelivery sends it again.";
    }
}

internal sealed class WebhookDeliveryType : ObjectGraphType<WebhookDelivery>
{
    public WebhookDeliveryType()
    {
        Name = WebhookFields.DeliveryTypeName;
        Description = "One event for one endpoint, and every attempt to POST it.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(WebhookFields.DeliveryTypeName, c.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("eventId").Description("The event's id: the IpShield-Event-Id header and the body's id, the same in every attempt.").Resolve(c => c.Source.EventId.ToString());
        Field<NonNullGraphType<WebhookEventTypeType>>("eventType").Resolve(c => c.Source.EventType);
        Field<NonNullGraphType<WebhookDeliveryStatusType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<IntGraphType>>("attemptCount").Resolve(c => c.Source.Attempts);
        Field<DateTimeGraphType>("nextAttemptAt").Description("When it is tried next; null unless PENDING.")
            .Resolve(c => c.Source.Status == WebhookDeliveryStatus.Pending ? c.Source.NextAttemptAt : null);
        Field<IntGraphType>("lastStatusCode").Description("The HTTP status of the last answer; null when none came.").Resolve(c => c.Source.LastStatusCode);
        Field<StringGraphType>("lastError").Resolve(c => c.Source.LastError);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<DateTimeGraphType>("succeededAt").Resolve(c => c.Source.SucceededAt);
        Field<DateTimeGraphType>("deadLetteredAt").Description("When its last attempt failed (it is then among the dead letters).").Resolve(c => c.Source.DeadLetteredAt);
        Field<DateTimeGraphType>("replayedAt").Resolve(c => c.Source.ReplayedAt);
        Field<NonNullGraphType<StringGraphType>>("body").Description("The JSON POSTed, byte for byte.").Resolve(c => c.Source.Body);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookAttemptType>>>>("attempts")
            .Description("Every POST, first to last.")
            .Resolve(c => c.RequestServices!.GetRequiredService<RequestDataLoaders>().ForMany<Guid, WebhookAttempt>("wh:attempts", async (keys, ct) =>
                (await c.RequestServices!.GetRequiredService<WebhookDbContext>().Attempts.AsNoTracking().Where(a => keys.Contains(a.DeliveryId)).ToListAsync(ct))
                    .OrderBy(a => a.Number).ToLookup(a => a.DeliveryId)).Load(c.Source.Id));
    }
}

internal sealed class WebhookAttemptType : ObjectGraphType<WebhookAttempt>
{
    public WebhookAttemptType()
    {
        Name = "WebhookAttempt";
        Description = "One POST of a delivery.";
        Field<NonNullGraphType<IntGraphType>>("number").Resolve(c => c.Source.Number);
        Field<NonNullGraphType<DateTimeGraphType>>("attemptedAt").Resolve(c => c.Source.AttemptedAt);
        Field<IntGraphType>("statusCode").Description("Null when no answer came (connection refused, timeout).").Resolve(c => c.Source.StatusCode);
        Field<StringGraphType>("error").Resolve(c => c.Source.Error);
        Field<NonNullGraphType<IntGraphType>>("durationMs").Resolve(c => c.Source.DurationMs);
        Field<NonNullGraphType<BooleanGraphType>>("succeeded").Resolve(c => c.Source.Succeeded);
    }
}
