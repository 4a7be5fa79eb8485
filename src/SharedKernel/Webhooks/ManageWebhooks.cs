using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Live;
using IpShield.SharedKernel.Messaging;
using Microsoft.EntityFrameworkCore;

namespace IpShield.SharedKernel.Webhooks;

internal static class WebhookErrorCodes
{
    public const string InsecureUrl = "INSECURE_URL";
    public const string TooManyWebhooks = "TOO_MANY_WEBHOOKS";
}

internal sealed class RegisterWebhookInput
{
    public string? Url { get; set; }
    public List<string>? EventTypes { get; set; }
    public string? Description { get; set; }
}

internal sealed class RegisterWebhookInputType : InputObjectGraphType<RegisterWebhookInput>
{
    public RegisterWebhookInputType()
    {
        Name = "RegisterWebhookInput";
        Field<NonNullGraphType<StringGraphType>>("url").Description("https (INSECURE_URL otherwise); the platform POSTs each event here.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookEventTypeType>>>>("eventTypes").Description("At least one.");
        Field<StringGraphType>("description");
    }
}

internal sealed class UpdateWebhookInput
{
    public string? Id { get; set; }
    public string? Url { get; set; }
    public List<string>? EventTypes { get; set; }
    public string? Description { get; set; }
}

internal sealed class UpdateWebhookInputType : InputObjectGraphType<UpdateWebhookInput>
{
    public UpdateWebhookInputType()
    {
        Name = "UpdateWebhookInput";
        Description = "What is omitted stays as it is.";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<StringGraphType>("url");
        Field<ListGraphType<NonNullGraphType<WebhookEventTypeType>>>("eventTypes");
        Field<StringGraphType>("description").Description("An empty string clears it.");
    }
}

internal sealed class WebhookIdInput
{
    public string? Id { get; set; }
}

internal sealed class WebhookIdInputType : InputObjectGraphType<WebhookIdInput>
{
    public WebhookIdInputType()
    {
        Name = "WebhookIdInput";
        Field<NonNullGraphType<IdGraphType>>("id").Description("A Webhook's id.");
    }
}

internal sealed class WebhookDeliveryIdInputType : InputObjectGraphType<WebhookIdInput>
{
    public WebhookDeliveryIdInputType()
    {
        Name = "ReplayWebhookDeliveryInput";
        Field<NonNullGraphType<IdGraphType>>("id").Description("A WebhookDelivery's id.");
    }
}

/// <summary>
/// A machine client's endpoints: registered, changed, turned off and on, given a new secret, deleted; and a dead-lettered
/// delivery sent again. Another client's endpoint answers NOT_FOUND, like one that does not exist.
/// </summary>
internal static class WebhookHandlers
{
    public static async Task<Payload<WebhookView>> RegisterAsync(
        RegisterWebhookInput input, AccessContext access, WebhookDbContext db, LiveDbContext live, WebhookOptions options, WebhookCatalogue catalogue, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var url = CheckUrl(check, input.Url, options, "input", "url");
        var types = CheckTypes(check, input.EventTypes, catalogue, "input", "eventTypes");
        var description = check.Text(input.Description, WebhookEndpoint.DescriptionMax, false, "input", "description");
        if (check.Failed)
        {
            return Payload<WebhookView>.Failure(check.Errors);
        }

        var client = access.SubjectId!;
        var own = await db.Endpoints.Where(e => e.ClientId == client).Select(e => e.Url).ToListAsync(cancellationToken);
        if (own.Contains(url!, StringComparer.Ordinal))
        {
            return Payload<WebhookView>.Failure(new UserError(ErrorCodes.Duplicate, "This client already has a webhook with this url.", ["input", "url"]));
        }

        if (own.Count >= options.MaxEndpointsPerClient)
        {
            return Payload<WebhookView>.Failure(new UserError(WebhookErrorCodes.TooManyWebhooks, $"A client may have {options.MaxEndpointsPerClient} webhooks; delete one first.", ["input"]));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var secret = WebhookSignature.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            ClientId = client, Url = url!, EventTypes = string.Join(' ', types!), Description = description, Secret = secret, CreatedAt = now, UpdatedAt = now,
            // What happens from now on: events already numbered are history.
            StartsAfter = await live.Sequence.AsNoTracking().Where(s => s.Id == 1).Select(s => s.Last).SingleAsync(cancellationToken),
        };
        db.Endpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return Payload<WebhookView>.Success(new WebhookView(endpoint, secret));
    }

    public static async Task<Payload<WebhookView>> UpdateAsync(
        UpdateWebhookInput input, AccessContext access, WebhookDbContext db, WebhookOptions options, WebhookCatalogue catalogue, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(input.Id, WebhookFields.WebhookTypeName, true, "input", "id");
        var url = input.Url is null ? null : CheckUrl(check, input.Url, options, "input", "url");
        var types = input.EventTypes is null ? null : CheckTypes(check, input.EventTypes, catalogue, "input", "eventTypes");
        var description = check.Text(input.Description, WebhookEndpoint.DescriptionMax, false, "input", "description");
        if (check.Failed)
        {
            return Payload<WebhookView>.Failure(check.Errors);
        }

        if (await OwnAsync(db, access, id!.Value, cancellationToken) is not { } endpoint)
        {
            return NotFound();
        }

        if (url is not null && url != endpoint.Url && await db.Endpoints.AnyAsync(e => e.ClientId == endpoint.ClientId && e.Url == url, cancellationToken))
        {
            return Payload<WebhookView>.Failure(new UserError(ErrorCodes.Duplicate, "This client already has a webhook with this url.", ["input", "url"]));
        }

        endpoint.Url = url ?? endpoint.Url;
        endpoint.EventTypes = types is null ? endpoint.EventTypes : string.Join(' ', types);
        endpoint.Description = input.Description is null ? endpoint.Description : description;
        endpoint.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return Payload<WebhookView>.Success(new WebhookView(endpoint));
    }

    public static Task<Payload<WebhookView>> DisableAsync(WebhookIdInput input, AccessContext access, WebhookDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        SetEnabledAsync(input, access, db, time, false, cancellationToken);

    public static Task<Payload<WebhookView>> EnableAsync(WebhookIdInput input, AccessContext access, WebhookDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        SetEnabledAsync(input, access, db, time, true, cancellationToken);

    /// <summary>The old secret stops signing at once: the receiver must take the new one before the next delivery.</summary>
    public static async Task<Payload<WebhookView>> RotateSecretAsync(WebhookIdInput input, AccessContext access, WebhookDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await FindAsync(input, access, db, cancellationToken) is not { } endpoint)
        {
            return NotFound();
        }

        endpoint.Secret = WebhookSignature.NewSecret();
        endpoint.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return Payload<WebhookView>.Success(new WebhookView(endpoint, endpoint.Secret));
    }

    /// <summary>Deletes the endpoint with its delivery log and dead letters.</summary>
    public static async Task<Payload<WebhookView>> DeleteAsync(WebhookIdInput input, AccessContext access, WebhookDbContext db, CancellationToken cancellationToken)
    {
        if (await FindAsync(input, access, db, cancellationToken) is not { } endpoint)
        {
            return NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deliveries = db.Deliveries.Where(d => d.EndpointId == endpoint.Id).Select(d => d.Id);
        await db.Attempts.Where(a => deliveries.Contains(a.DeliveryId)).ExecuteDeleteAsync(cancellationToken);
        await db.Deliveries.Where(d => d.EndpointId == endpoint.Id).ExecuteDeleteAsync(cancellationToken);
        await db.Endpoints.Where(e => e.Id == endpoint.Id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Payload<WebhookView>.Success(new WebhookView(endpoint));
    }

    /// <summary>A dead-lettered delivery of one of the caller's endpoints, POSTed once more now (as the centre's replayDeadLetter does).</summary>
    public static async Task<Payload<WebhookDelivery>> ReplayAsync(
        WebhookIdInput input, AccessContext access, WebhookDbContext db, WebhookSender sender, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(input.Id, WebhookFields.DeliveryTypeName, true, "input", "id");
        if (check.Failed)
        {
            return Payload<WebhookDelivery>.Failure(check.Errors);
        }

        var client = access.SubjectId;
        var delivery = await db.Deliveries.AsNoTracking()
            .SingleOrDefaultAsync(d => d.Id == id && db.Endpoints.Any(e => e.Id == d.EndpointId && e.ClientId == client), cancellationToken);
        if (delivery is null)
        {
            return Payload<WebhookDelivery>.Failure(UserError.NotFound("The delivery", "input", "id"));
        }

        if (delivery.Status != WebhookDeliveryStatus.DeadLettered)
        {
            return Payload<WebhookDelivery>.Failure(new UserError(ErrorCodes.InvalidState, $"The delivery is {delivery.Status}; only a dead-lettered one is replayed.", ["input", "id"]));
        }

        var outcome = await sender.ReplayAsync(delivery.Id, cancellationToken);
        if (outcome is not { Status: DeliveryStatus.Handled })
        {
            return Payload<WebhookDelivery>.Failure(new UserError(ErrorCodes.InvalidState, $"The receiver failed again: {outcome?.Error}", ["input", "id"]));
        }

        return Payload<WebhookDelivery>.Success(await db.Deliveries.AsNoTracking().SingleAsync(d => d.Id == delivery.Id, cancellationToken));
    }

    private static async Task<Payload<WebhookView>> SetEnabledAsync(WebhookIdInput input, AccessContext access, WebhookDbContext db, TimeProvider time, bool enabled, CancellationToken cancellationToken)
    {
        if (await FindAsync(input, access, db, cancellationToken) is not { } endpoint)
        {
            return NotFound();
        }

        endpoint.Enabled = enabled;
        endpoint.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return Payload<WebhookView>.Success(new WebhookView(endpoint));
    }

    private static async Task<WebhookEndpoint?> FindAsync(WebhookIdInput input, AccessContext access, WebhookDbContext db, CancellationToken cancellationToken) =>
        GlobalId.TryDecode(input.Id, WebhookFields.WebhookTypeName, out var id) ? await OwnAsync(db, access, id, cancellationToken) : null;

    private static Task<WebhookEndpoint?> OwnAsync(WebhookDbContext db, AccessContext access, Guid id, CancellationToken cancellationToken)
    {
        var client = access.SubjectId;
        return db.Endpoints.SingleOrDefaultAsync(e => e.Id == id && e.ClientId == client, cancellationToken);
    }

    private static Payload<WebhookView> NotFound() => Payload<WebhookView>.Failure(UserError.NotFound("The webhook", "input", "id"));

    private static string? CheckUrl(InputCheck check, string? value, WebhookOptions options, params string[] field)
    {
        var text = check.Text(value, WebhookEndpoint.UrlMax, true, field);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            check.Add(new UserError(ErrorCodes.Invalid, "url must be an absolute https URL, without a user name or a fragment.", field));
            return null;
        }

        // Plain http only to this machine, and only where a setting allows it (tests, development).
        if (uri.Scheme == "http" && !(options.AllowLocalHttp && uri.Host is "localhost" or "127.0.0.1"))
        {
            check.Add(new UserError(WebhookErrorCodes.InsecureUrl, "url must use https.", field));
            return null;
        }

        return uri.AbsoluteUri;
    }

    private static List<string>? CheckTypes(InputCheck check, List<string>? types, WebhookCatalogue catalogue, params string[] field)
    {
        var wanted = (types ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            check.Add(new UserError(ErrorCodes.Required, "eventTypes needs at least one event type.", field));
            return null;
        }

        // The enum admits only known names; this guards a type withdrawn while a client still sends it.
        if (wanted.FirstOrDefault(t => !catalogue.Knows(t)) is { } unknown)
        {
            check.Add(new UserError(ErrorCodes.Invalid, $"{unknown} is not a webhook event type.", field));
            return null;
        }

        return wanted;
    }
}

internal sealed class WebhookMutations : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Mutation<RegisterWebhookInputType, WebhookType>("registerWebhook", AccessPolicies.Clients, "webhook", WebhookHandlers.RegisterAsync)
            .Description("Registers a URL to be told of events (machine clients only). The signing secret is in this answer and nowhere else. INSECURE_URL, DUPLICATE, TOO_MANY_WEBHOOKS.");
        mutation.Mutation<UpdateWebhookInputType, WebhookType>("updateWebhook", AccessPolicies.Clients, "webhook", WebhookHandlers.UpdateAsync)
            .Description("Changes a webhook's url, event types or description; what is omitted stays.");
        mutation.Mutation<WebhookIdInputType, WebhookType>("disableWebhook", AccessPolicies.Clients, "webhook", WebhookHandlers.DisableAsync)
            .Description("Stops telling the webhook of new events; its pending deliveries wait until it is enabled again.");
        mutation.Mutation<WebhookIdInputType, WebhookType>("enableWebhook", AccessPolicies.Clients, "webhook", WebhookHandlers.EnableAsync)
            .Description("Tells a disabled webhook of events again (not of those that happened while it was disabled).");
        mutation.Mutation<WebhookIdInputType, WebhookType>("rotateWebhookSecret", AccessPolicies.Clients, "webhook", WebhookHandlers.RotateSecretAsync)
            .Description("Gives the webhook a new signing secret, shown in this answer only; the old one stops signing at once.");
        mutation.Mutation<WebhookIdInputType, WebhookType>("deleteWebhook", AccessPolicies.Clients, "webhook", WebhookHandlers.DeleteAsync)
            .Description("Deletes the webhook with its delivery log and dead letters.");
        mutation.Mutation<WebhookDeliveryIdInputType, WebhookDeliveryType>("replayWebhookDelivery", AccessPolicies.Clients, "delivery", WebhookHandlers.ReplayAsync)
            .Description("POSTs a DEAD_LETTERED delivery once more, now; INVALID_STATE when it is not dead-lettered or the receiver fails again.");
    }
}
