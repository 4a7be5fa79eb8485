using System.Net;
using System.Text.Json;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Integration.Tests.Webhooks;

/// <summary>
/// Signed webhooks for machine clients against the real host on MariaDB (ADR 0024): a park's dashboard registers a local
/// receiver, the centre opens a workstation in the park, and the receiver is POSTed the event, signed, retried on failure,
/// dead-lettered when it keeps failing and replayed from there.
/// </summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhookTests(WebhookHost host)
{
    private const string Register = "mutation($input: RegisterWebhookInput!) { registerWebhook(input: $input) { webhook { id url eventTypes enabled signingSecret } errors { code field } } }";
    private const string Log = "{ webhooks { id signingSecret deliveries(first: 10) { totalCount nodes { id eventId eventType status attemptCount lastStatusCode replayedAt deadLetteredAt body attempts { number statusCode succeeded error } } } } }";

    private readonly GraphQLClient _admin = host.CreateClient();

    [Fact]
    public async Task A_receiver_that_fails_three_times_then_succeeds_gets_the_event_once_as_a_success_with_a_valid_signature()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 3);
        var (park, dashboard) = await ParkWithDashboardAsync();
        var webhook = await RegisterAsync(dashboard, receiver.Url);

        var workstation = await OpenWorkstationAsync(park);
        var delivery = await Eventually.MatchAsync(
            async () => await OnlyDeliveryAsync(dashboard),
            d => d?.Str("status") == "SUCCEEDED",
            "the delivery to succeed after three failures");

        var received = receiver.Of(delivery!.Value.Str("eventId"));
        Assert.Equal([500, 500, 500, 204], received.Select(r => r.Answered));
        Assert.Equal(["1", "2", "3", "4"], received.Select(r => r.Headers["IpShield-Delivery-Attempt"]));
        var success = Assert.Single(received, r => r.Succeeded);
        Assert.True(
            WebhookSignature.Verify(success.Headers[WebhookSignature.Header], webhook.Str("signingSecret"), success.Body, DateTimeOffset.UtcNow, WebhookSignature.DefaultTolerance),
            $"the signature {success.Headers[WebhookSignature.Header]} checks out with the secret shown at registration");
        Assert.All(received, r => Assert.Equal(success.Body, r.Body)); // every attempt sends the same bytes
        Assert.Equal(success.EventId, success.Json.Str("id"));
        Assert.Equal("WORKSTATION_OPENED", success.Json.Str("type"));
        Assert.Equal("WORKSTATION_OPENED", success.Headers["IpShield-Event-Type"]);
        Assert.Equal(park, success.Json.Str("subject"));
        Assert.Equal(Key(workstation), Guid.Parse(success.Json.Str("data.workstationId")));
        Assert.Equal("application/json; charset=utf-8", success.Headers["Content-Type"]);

        // The delivery log says the same.
        Assert.Equal(4, delivery.Value.At("attemptCount").GetInt32());
        Assert.Equal([500, 500, 500, 204], delivery.Value.At("attempts").EnumerateArray().Select(a => a.At("statusCode").GetInt32()));
        Assert.Equal([false, false, false, true], delivery.Value.At("attempts").EnumerateArray().Select(a => a.At("succeeded").GetBoolean()));
        Assert.Equal([1, 2, 3, 4], delivery.Value.At("attempts").EnumerateArray().Select(a => a.At("number").GetInt32()));
        Assert.Equal(success.Body, System.Text.Encoding.UTF8.GetBytes(delivery.Value.Str("body")));
    }

    [Fact]
    public async Task A_dashboard_of_another_park_never_receives_this_park_s_event()
    {
        await using var ownReceiver = await WebhookReceiver.StartAsync();
        await using var otherReceiver = await WebhookReceiver.StartAsync();
        var (park, own) = await ParkWithDashboardAsync();
        var (otherPark, other) = await ParkWithDashboardAsync();
        await RegisterAsync(own, ownReceiver.Url);
        await RegisterAsync(other, otherReceiver.Url);

        var opened = await OpenWorkstationAsync(park);
        await Eventually.MatchAsync(() => Task.FromResult(ReceivedAbout(ownReceiver, opened).Count), n => n == 1, "this park's dashboard to hear of its workstation");
        // Opened after the first, so fanned out after it: once the other park's dashboard has heard of its own, it has been
        // considered for (and refused) the first.
        var otherOpened = await OpenWorkstationAsync(otherPark);
        await Eventually.MatchAsync(() => Task.FromResult(ReceivedAbout(otherReceiver, otherOpened).Count), n => n == 1, "the other park's dashboard to hear of its workstation");

        Assert.Empty(ReceivedAbout(otherReceiver, opened));
        Assert.Empty(ReceivedAbout(ownReceiver, otherOpened));
        var log = await other.DataAsync(Log);
        Assert.Equal(1, log.At("webhooks.0.deliveries.totalCount").GetInt32());
        Assert.Equal(otherPark, JsonDocument.Parse(log.Str("webhooks.0.deliveries.nodes.0.body")).RootElement.Str("subject"));
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_ends_in_the_dead_letters_and_the_centre_replays_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Failing = true;
        var (park, dashboard) = await ParkWithDashboardAsync();
        await RegisterAsync(dashboard, receiver.Url);

        await OpenWorkstationAsync(park);
        var dead = await Eventually.MatchAsync(
            async () => await OnlyDeliveryAsync(dashboard),
            d => d?.Str("status") == "DEAD_LETTERED",
            "the delivery to use up its attempts");
        var attempts = host.Services.GetRequiredService<WebhookOptions>().MaxAttempts;
        Assert.Equal(attempts, dead!.Value.At("attemptCount").GetInt32());
        Assert.Equal(attempts, receiver.Received.Count);
        Assert.All(dead.Value.At("attempts").EnumerateArray(), a => Assert.Equal(500, a.At("statusCode").GetInt32()));

        var letterId = GlobalId.Encode("DeadLetter", Key(dead.Value.Str("id")));
        var letters = await _admin.DataAsync("{ deadLetters { id module type attempts error } }");
        var letter = Assert.Single(letters.At("deadLetters").EnumerateArray(), l => l.Str("id") == letterId);
        Assert.Equal("Webhooks", letter.Str("module"));
        Assert.Equal("WORKSTATION_OPENED", letter.Str("type"));
        Assert.Equal(attempts, letter.At("attempts").GetInt32());

        // Still failing: the replay says so, and the letter stays.
        var failed = await _admin.DataAsync("mutation($id: ID!) { replayDeadLetter(id: $id) { deadLetter { id } errors { code } } }", new { id = letterId });
        Assert.Equal("INVALID_STATE", failed.Str("replayDeadLetter.errors.0.code"));

        receiver.Failing = false;
        var replayed = await _admin.DataAsync("mutation($id: ID!) { replayDeadLetter(id: $id) { deadLetter { id replayedAt } errors { code } } }", new { id = letterId });

        Assert.Equal(0, replayed.At("replayDeadLetter.errors").GetArrayLength());
        Assert.NotEqual(JsonValueKind.Null, replayed.At("replayDeadLetter.deadLetter.replayedAt").ValueKind);
        var after = (await OnlyDeliveryAsync(dashboard))!.Value;
        Assert.Equal("SUCCEEDED", after.Str("status"));
        Assert.Equal(attempts + 2, after.At("attemptCount").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, after.At("replayedAt").ValueKind);
        var success = Assert.Single(receiver.Received, r => r.Succeeded);
        Assert.Equal(dead.Value.Str("eventId"), success.EventId); // the same event id: a receiver that had it drops it
        var stillDead = await _admin.DataAsync("{ deadLetters { id } }");
        Assert.DoesNotContain(stillDead.At("deadLetters").EnumerateArray(), l => l.Str("id") == letterId);
    }

    [Fact]
    public async Task The_client_replays_its_own_dead_lettered_delivery_and_only_its_own()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Failing = true;
        var (park, dashboard) = await ParkWithDashboardAsync();
        var (_, stranger) = await ParkWithDashboardAsync();
        await RegisterAsync(dashboard, receiver.Url);
        await OpenWorkstationAsync(park);
        var dead = await Eventually.MatchAsync(async () => await OnlyDeliveryAsync(dashboard), d => d?.Str("status") == "DEAD_LETTERED", "the delivery to be dead-lettered");
        const string Replay = "mutation($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) { delivery { status attemptCount } errors { code } } }";
        var input = new { input = new { id = dead!.Value.Str("id") } };

        var byStranger = await stranger.DataAsync(Replay, input);
        receiver.Failing = false;
        var byOwner = await dashboard.DataAsync(Replay, input);
        var again = await dashboard.DataAsync(Replay, input);

        Assert.Equal("NOT_FOUND", byStranger.Str("replayWebhookDelivery.errors.0.code"));
        Assert.Equal("SUCCEEDED", byOwner.Str("replayWebhookDelivery.delivery.status"));
        Assert.Equal("INVALID_STATE", again.Str("replayWebhookDelivery.errors.0.code"));
        Assert.Single(receiver.Received, r => r.Succeeded);
    }

    [Fact]
    public async Task Registration_refuses_plain_http_to_another_host_an_empty_list_of_events_and_people()
    {
        var (_, dashboard) = await ParkWithDashboardAsync();
        var staff = host.CreateClient(await host.Identity.PersonTokenAsync("workstation_staff", [Guid.CreateVersion7()]));

        var insecure = await dashboard.DataAsync(Register, new { input = new { url = "http://receiver.example.com/hook", eventTypes = new[] { "WORKSTATION_OPENED" } } });
        var noEvents = await dashboard.DataAsync(Register, new { input = new { url = "https://receiver.example.com/hook", eventTypes = Array.Empty<string>() } });
        var notAUrl = await dashboard.DataAsync(Register, new { input = new { url = "receiver", eventTypes = new[] { "WORKSTATION_OPENED" } } });
        var person = await staff.PostAsync(Register, new { input = new { url = "https://receiver.example.com/hook", eventTypes = new[] { "WORKSTATION_OPENED" } } });

        Assert.Equal("INSECURE_URL", insecure.Str("registerWebhook.errors.0.code"));
        Assert.Equal("REQUIRED", noEvents.Str("registerWebhook.errors.0.code"));
        Assert.Equal("INVALID", notAUrl.Str("registerWebhook.errors.0.code"));
        Assert.Equal(HttpStatusCode.Forbidden, person.Status);
        Assert.Equal(0, (await dashboard.DataAsync("{ webhooks { id } }")).At("webhooks").GetArrayLength());
    }

    [Fact]
    public async Task The_secret_is_shown_at_registration_and_rotation_only_and_another_client_cannot_touch_the_webhook()
    {
        var (_, dashboard) = await ParkWithDashboardAsync();
        var (_, stranger) = await ParkWithDashboardAsync();
        var webhook = await RegisterAsync(dashboard, "https://receiver.example.com/hook");
        var id = new { input = new { id = webhook.Str("id") } };
        const string Rotate = "mutation($input: WebhookIdInput!) { rotateWebhookSecret(input: $input) { webhook { signingSecret } errors { code } } }";

        var listed = await dashboard.DataAsync("{ webhooks { id url signingSecret eventTypes } }");
        var strangerRotates = await stranger.DataAsync(Rotate, id);
        var strangerDeletes = await stranger.DataAsync("mutation($input: WebhookIdInput!) { deleteWebhook(input: $input) { errors { code } } }", id);
        var rotated = await dashboard.DataAsync(Rotate, id);
        var updated = await dashboard.DataAsync(
            "mutation($input: UpdateWebhookInput!) { updateWebhook(input: $input) { webhook { url eventTypes signingSecret } errors { code } } }",
            new { input = new { id = webhook.Str("id"), url = "https://receiver.example.com/other" } });
        var disabled = await dashboard.DataAsync("mutation($input: WebhookIdInput!) { disableWebhook(input: $input) { webhook { enabled } errors { code } } }", id);
        var deleted = await dashboard.DataAsync("mutation($input: WebhookIdInput!) { deleteWebhook(input: $input) { webhook { id } errors { code } } }", id);

        Assert.StartsWith("whsec_", webhook.Str("signingSecret"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, listed.At("webhooks.0.signingSecret").ValueKind);
        Assert.Equal(["WORKSTATION_OPENED"], listed.At("webhooks.0.eventTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("NOT_FOUND", strangerRotates.Str("rotateWebhookSecret.errors.0.code"));
        Assert.Equal("NOT_FOUND", strangerDeletes.Str("deleteWebhook.errors.0.code"));
        Assert.StartsWith("whsec_", rotated.Str("rotateWebhookSecret.webhook.signingSecret"), StringComparison.Ordinal);
        Assert.NotEqual(webhook.Str("signingSecret"), rotated.Str("rotateWebhookSecret.webhook.signingSecret"));
        Assert.Equal("https://receiver.example.com/other", updated.Str("updateWebhook.webhook.url"));
        Assert.Equal(["WORKSTATION_OPENED"], updated.At("updateWebhook.webhook.eventTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, updated.At("updateWebhook.webhook.signingSecret").ValueKind);
        Assert.False(disabled.At("disableWebhook.webhook.enabled").GetBoolean());
        Assert.Equal(0, deleted.At("deleteWebhook.errors").GetArrayLength());
        Assert.Equal(0, (await dashboard.DataAsync("{ webhooks { id } }")).At("webhooks").GetArrayLength());
    }

    private async Task<(string Park, GraphQLClient Dashboard)> ParkWithDashboardAsync()
    {
        var park = await new WorkstationScenario(_admin).RegisterParkAsync($"Webhook park {WorkstationScenario.Tag()}");
        var (clientId, secret) = await host.Identity.CreateDashboardAsync(Key(park));
        return (park, host.CreateClient(await host.Identity.ClientTokenAsync(clientId, secret, "stats:read")));
    }

    private static async Task<JsonElement> RegisterAsync(GraphQLClient client, string url)
    {
        var data = await client.DataAsync(Register, new { input = new { url, eventTypes = new[] { "WORKSTATION_OPENED" }, description = "the park's own system" } });
        Assert.Equal(0, data.At("registerWebhook.errors").GetArrayLength());
        return data.At("registerWebhook.webhook");
    }

    private async Task<string> OpenWorkstationAsync(string park) =>
        (await new WorkstationScenario(_admin).OpenAsync(park, $"Webhook WS {WorkstationScenario.Tag()}")).Str("id");

    /// <summary>The one delivery of the client's one webhook, or null while there is none.</summary>
    private static async Task<JsonElement?> OnlyDeliveryAsync(GraphQLClient client)
    {
        var nodes = (await client.DataAsync(Log)).At("webhooks.0.deliveries.nodes");
        return nodes.GetArrayLength() == 0 ? null : nodes[0].Clone();
    }

    private static List<ReceivedWebhook> ReceivedAbout(WebhookReceiver receiver, string workstation) =>
        [.. receiver.Received.Where(r => r.Json.At("data").TryGetProperty("workstationId", out var id) && Guid.Parse(id.GetString()!) == Key(workstation))];

    private static Guid Key(string globalId) => GlobalId.TryDecode(globalId, out _, out var key) ? key : throw new ArgumentException(globalId);
}
