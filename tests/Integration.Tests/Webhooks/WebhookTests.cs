using System.Net;
using System.Text.Json;
using IpShield.Integration.Tests.Enterprises;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Integration.Tests.Webhooks;

/// <summary>
/// Signed webhooks for machine clients against the real host on MariaDB (ADR 0024): a workstation's import client registers
/// a local receiver, the centre certifies an enterprise of that workstation, and the receiver is POSTed the event, signed,
/// retried on failure, dead-lettered when it keeps failing and replayed from there.
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
        var (enterprise, importer, _) = await EnterpriseWithImporterAsync();
        var webhook = await RegisterAsync(importer, receiver.Url);

        await CertifyAsync(enterprise);
        var delivery = await Eventually.MatchAsync(
            async () => await OnlyDeliveryAsync(importer),
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
        Assert.Equal("CERTIFICATION_STATUS_CHANGED", success.Json.Str("type"));
        Assert.Equal("CERTIFICATION_STATUS_CHANGED", success.Headers["IpShield-Event-Type"]);
        Assert.Equal(enterprise, success.Json.Str("subject"));
        Assert.Equal(Key(enterprise), Guid.Parse(success.Json.Str("data.enterpriseId")));
        Assert.Equal("Certified", success.Json.Str("data.status"));
        Assert.Equal("application/json; charset=utf-8", success.Headers["Content-Type"]);

        // The delivery log says the same.
        Assert.Equal(4, delivery.Value.At("attemptCount").GetInt32());
        Assert.Equal([500, 500, 500, 204], delivery.Value.At("attempts").EnumerateArray().Select(a => a.At("statusCode").GetInt32()));
        Assert.Equal([false, false, false, true], delivery.Value.At("attempts").EnumerateArray().Select(a => a.At("succeeded").GetBoolean()));
        Assert.Equal([1, 2, 3, 4], delivery.Value.At("attempts").EnumerateArray().Select(a => a.At("number").GetInt32()));
        Assert.Equal(success.Body, System.Text.Encoding.UTF8.GetBytes(delivery.Value.Str("body")));
    }

    [Fact]
    public async Task An_import_client_of_another_park_and_the_park_s_own_dashboard_never_receive_this_enterprise_s_event()
    {
        await using var ownReceiver = await WebhookReceiver.StartAsync();
        await using var otherReceiver = await WebhookReceiver.StartAsync();
        await using var dashboardReceiver = await WebhookReceiver.StartAsync();
        var (enterprise, own, park) = await EnterpriseWithImporterAsync();
        var (otherEnterprise, other, _) = await EnterpriseWithImporterAsync();
        // The park's dashboard reads aggregates only, never an enterprise: it is told of no enterprise's event either.
        var (dashboardId, dashboardSecret) = await host.Identity.CreateDashboardAsync(Key(park));
        var dashboard = host.CreateClient(await host.Identity.ClientTokenAsync(dashboardId, dashboardSecret, "stats:read"));
        await RegisterAsync(own, ownReceiver.Url);
        await RegisterAsync(other, otherReceiver.Url);
        await RegisterAsync(dashboard, dashboardReceiver.Url);

        await CertifyAsync(enterprise);
        await Eventually.MatchAsync(() => Task.FromResult(ReceivedAbout(ownReceiver, enterprise).Count), n => n == 1, "this park's client to hear of its enterprise");
        // Certified after the first, so fanned out after it: once the other park's client has heard of its own enterprise,
        // it has been considered for (and refused) the first.
        await CertifyAsync(otherEnterprise);
        await Eventually.MatchAsync(() => Task.FromResult(ReceivedAbout(otherReceiver, otherEnterprise).Count), n => n == 1, "the other park's client to hear of its enterprise");

        Assert.Empty(ReceivedAbout(otherReceiver, enterprise));
        Assert.Empty(ReceivedAbout(ownReceiver, otherEnterprise));
        Assert.Empty(dashboardReceiver.Received);
        Assert.Equal(0, (await dashboard.DataAsync(Log)).At("webhooks.0.deliveries.totalCount").GetInt32());
        var log = await other.DataAsync(Log);
        Assert.Equal(1, log.At("webhooks.0.deliveries.totalCount").GetInt32());
        Assert.Equal(otherEnterprise, JsonSerializer.Deserialize<JsonElement>(log.Str("webhooks.0.deliveries.nodes.0.body")).Str("subject"));
    }

    [Fact]
    public async Task A_revoked_client_hears_of_nothing_more()
    {
        await using var revokedReceiver = await WebhookReceiver.StartAsync();
        await using var witnessReceiver = await WebhookReceiver.StartAsync();
        var (enterprise, revoked, _, revokedId) = await EnterpriseWithImporterAndIdAsync();
        var (witnessEnterprise, witness, _) = await EnterpriseWithImporterAsync();
        await RegisterAsync(revoked, revokedReceiver.Url);
        await RegisterAsync(witness, witnessReceiver.Url);

        var revocation = await _admin.DataAsync("mutation($input: RevokeClientInput!) { revokeClient(input: $input) { errors { code } } }", new { input = new { clientId = revokedId } });
        await CertifyAsync(enterprise);
        await CertifyAsync(witnessEnterprise); // later, so fanned out later: the revoked client was considered for the first
        await Eventually.MatchAsync(() => Task.FromResult(ReceivedAbout(witnessReceiver, witnessEnterprise).Count), n => n == 1, "a client still registered to hear of its enterprise");

        Assert.Equal(0, revocation.At("revokeClient.errors").GetArrayLength());
        Assert.Empty(revokedReceiver.Received);
    }

    [Fact]
    public async Task An_import_client_hears_when_its_own_import_finished_and_not_of_another_client_s()
    {
        await using var ownReceiver = await WebhookReceiver.StartAsync();
        await using var otherReceiver = await WebhookReceiver.StartAsync();
        var (_, own, _) = await EnterpriseWithImporterAsync();
        var (_, other, _) = await EnterpriseWithImporterAsync();
        await RegisterAsync(own, ownReceiver.Url, "IMPORT_FINISHED");
        await RegisterAsync(other, otherReceiver.Url, "IMPORT_FINISHED");

        var ownJob = await ImportAsync(own);
        await Eventually.MatchAsync(() => Task.FromResult(ownReceiver.Received.Count), n => n == 1, "the client to hear its import finished");
        var otherJob = await ImportAsync(other); // later, so fanned out later: the other client was considered for the first
        await Eventually.MatchAsync(() => Task.FromResult(otherReceiver.Received.Count), n => n == 1, "the other client to hear its own import finished");

        var finished = Assert.Single(ownReceiver.Received);
        Assert.Equal("IMPORT_FINISHED", finished.Json.Str("type"));
        Assert.Equal(ownJob, finished.Json.Str("subject"));
        Assert.True(finished.Json.At("data.ended").GetBoolean());
        Assert.Equal(2, finished.Json.At("data.rowsApplied").GetInt64());
        Assert.Equal(otherJob, Assert.Single(otherReceiver.Received).Json.Str("subject"));
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_ends_in_the_dead_letters_and_the_centre_replays_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Failing = true;
        var (enterprise, importer, _) = await EnterpriseWithImporterAsync();
        await RegisterAsync(importer, receiver.Url);

        await CertifyAsync(enterprise);
        var dead = await Eventually.MatchAsync(
            async () => await OnlyDeliveryAsync(importer),
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
        Assert.Equal("CERTIFICATION_STATUS_CHANGED", letter.Str("type"));
        Assert.Equal(attempts, letter.At("attempts").GetInt32());

        // Still failing: the replay says so, and the letter stays.
        var failed = await _admin.DataAsync("mutation($id: ID!) { replayDeadLetter(id: $id) { deadLetter { id } errors { code } } }", new { id = letterId });
        Assert.Equal("INVALID_STATE", failed.Str("replayDeadLetter.errors.0.code"));

        receiver.Failing = false;
        var replayed = await _admin.DataAsync("mutation($id: ID!) { replayDeadLetter(id: $id) { deadLetter { id replayedAt } errors { code } } }", new { id = letterId });

        Assert.Equal(0, replayed.At("replayDeadLetter.errors").GetArrayLength());
        Assert.NotEqual(JsonValueKind.Null, replayed.At("replayDeadLetter.deadLetter.replayedAt").ValueKind);
        var after = (await OnlyDeliveryAsync(importer))!.Value;
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
        var (enterprise, importer, _) = await EnterpriseWithImporterAsync();
        var (_, stranger, _) = await EnterpriseWithImporterAsync();
        await RegisterAsync(importer, receiver.Url);
        await CertifyAsync(enterprise);
        var dead = await Eventually.MatchAsync(async () => await OnlyDeliveryAsync(importer), d => d?.Str("status") == "DEAD_LETTERED", "the delivery to be dead-lettered");
        const string Replay = "mutation($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) { delivery { status attemptCount } errors { code } } }";
        var input = new { input = new { id = dead!.Value.Str("id") } };

        var byStranger = await stranger.DataAsync(Replay, input);
        receiver.Failing = false;
        var byOwner = await importer.DataAsync(Replay, input);
        var again = await importer.DataAsync(Replay, input);

        Assert.Equal("NOT_FOUND", byStranger.Str("replayWebhookDelivery.errors.0.code"));
        Assert.Equal("SUCCEEDED", byOwner.Str("replayWebhookDelivery.delivery.status"));
        Assert.Equal("INVALID_STATE", again.Str("replayWebhookDelivery.errors.0.code"));
        Assert.Single(receiver.Received, r => r.Succeeded);
    }

    [Fact]
    public async Task Registration_refuses_plain_http_to_another_host_an_empty_list_of_events_and_people()
    {
        var (_, client, _) = await EnterpriseWithImporterAsync();
        var staff = host.CreateClient(await host.Identity.PersonTokenAsync("workstation_staff", [Guid.CreateVersion7()]));

        var insecure = await client.DataAsync(Register, new { input = new { url = "http://receiver.example.com/hook", eventTypes = new[] { "CERTIFICATION_STATUS_CHANGED" } } });
        var noEvents = await client.DataAsync(Register, new { input = new { url = "https://receiver.example.com/hook", eventTypes = Array.Empty<string>() } });
        var notAUrl = await client.DataAsync(Register, new { input = new { url = "receiver", eventTypes = new[] { "CERTIFICATION_STATUS_CHANGED" } } });
        var person = await staff.PostAsync(Register, new { input = new { url = "https://receiver.example.com/hook", eventTypes = new[] { "CERTIFICATION_STATUS_CHANGED" } } });

        Assert.Equal("INSECURE_URL", insecure.Str("registerWebhook.errors.0.code"));
        Assert.Equal("REQUIRED", noEvents.Str("registerWebhook.errors.0.code"));
        Assert.Equal("INVALID", notAUrl.Str("registerWebhook.errors.0.code"));
        Assert.Equal(HttpStatusCode.Forbidden, person.Status);
        Assert.Equal(0, (await client.DataAsync("{ webhooks { id } }")).At("webhooks").GetArrayLength());
    }

    [Fact]
    public async Task The_secret_is_shown_at_registration_and_rotation_only_and_another_client_cannot_touch_the_webhook()
    {
        var (_, client, _) = await EnterpriseWithImporterAsync();
        var (_, stranger, _) = await EnterpriseWithImporterAsync();
        var webhook = await RegisterAsync(client, "https://receiver.example.com/hook");
        var id = new { input = new { id = webhook.Str("id") } };
        const string Rotate = "mutation($input: WebhookIdInput!) { rotateWebhookSecret(input: $input) { webhook { signingSecret } errors { code } } }";

        var listed = await client.DataAsync("{ webhooks { id url signingSecret eventTypes } }");
        var strangerRotates = await stranger.DataAsync(Rotate, id);
        var strangerDeletes = await stranger.DataAsync("mutation($input: WebhookIdInput!) { deleteWebhook(input: $input) { errors { code } } }", id);
        var rotated = await client.DataAsync(Rotate, id);
        var updated = await client.DataAsync(
            "mutation($input: UpdateWebhookInput!) { updateWebhook(input: $input) { webhook { url eventTypes signingSecret } errors { code } } }",
            new { input = new { id = webhook.Str("id"), url = "https://receiver.example.com/other" } });
        var disabled = await client.DataAsync("mutation($input: WebhookIdInput!) { disableWebhook(input: $input) { webhook { enabled } errors { code } } }", id);
        var deleted = await client.DataAsync("mutation($input: WebhookIdInput!) { deleteWebhook(input: $input) { webhook { id } errors { code } } }", id);

        Assert.StartsWith("whsec_", webhook.Str("signingSecret"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, listed.At("webhooks.0.signingSecret").ValueKind);
        Assert.Equal(["CERTIFICATION_STATUS_CHANGED"], listed.At("webhooks.0.eventTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("NOT_FOUND", strangerRotates.Str("rotateWebhookSecret.errors.0.code"));
        Assert.Equal("NOT_FOUND", strangerDeletes.Str("deleteWebhook.errors.0.code"));
        Assert.StartsWith("whsec_", rotated.Str("rotateWebhookSecret.webhook.signingSecret"), StringComparison.Ordinal);
        Assert.NotEqual(webhook.Str("signingSecret"), rotated.Str("rotateWebhookSecret.webhook.signingSecret"));
        Assert.Equal("https://receiver.example.com/other", updated.Str("updateWebhook.webhook.url"));
        Assert.Equal(["CERTIFICATION_STATUS_CHANGED"], updated.At("updateWebhook.webhook.eventTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, updated.At("updateWebhook.webhook.signingSecret").ValueKind);
        Assert.False(disabled.At("disableWebhook.webhook.enabled").GetBoolean());
        Assert.Equal(0, deleted.At("deleteWebhook.errors").GetArrayLength());
        Assert.Equal(0, (await client.DataAsync("{ webhooks { id } }")).At("webhooks").GetArrayLength());
    }

    /// <summary>An enterprise settled in a new workstation of a new park, and that workstation's import client.</summary>
    private async Task<(string Enterprise, GraphQLClient Importer, string Park)> EnterpriseWithImporterAsync()
    {
        var (enterprise, importer, park, _) = await EnterpriseWithImporterAndIdAsync();
        return (enterprise, importer, park);
    }

    private async Task<(string Enterprise, GraphQLClient Importer, string Park, string ClientId)> EnterpriseWithImporterAndIdAsync()
    {
        var tag = WorkstationScenario.Tag();
        var workstations = new WorkstationScenario(_admin);
        var park = await workstations.RegisterParkAsync($"Webhook park {tag}");
        var workstation = (await workstations.OpenAsync(park, $"Webhook WS {tag}")).Str("id");
        var enterprises = new EnterpriseScenario(_admin);
        var enterprise = (await enterprises.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"回调企业 {tag}")).Str("id");
        await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterprise, parkId = park, workstationId = workstation, settledOn = "2025-01-06" });
        var (clientId, secret) = await host.Identity.CreateImporterAsync(Key(workstation));
        return (enterprise, host.CreateClient(await host.Identity.ClientTokenAsync(clientId, secret, "enterprises:import enterprises:read")), park, clientId);
    }

    private static async Task<JsonElement> RegisterAsync(GraphQLClient client, string url, string eventType = "CERTIFICATION_STATUS_CHANGED")
    {
        var data = await client.DataAsync(Register, new { input = new { url, eventTypes = new[] { eventType }, description = "the park's own system" } });
        Assert.Equal(0, data.At("registerWebhook.errors").GetArrayLength());
        return data.At("registerWebhook.webhook");
    }

    /// <summary>The client imports two new enterprises into its workstation; the job's global id once it has ended.</summary>
    private static async Task<string> ImportAsync(GraphQLClient importer)
    {
        var file = $"credit_code,name_zh\n{EnterpriseScenario.NewCreditCode()},回调导入甲\n{EnterpriseScenario.NewCreditCode()},回调导入乙\n";
        var job = await new ImportClient(importer).ImportAsync("webhook.csv", System.Text.Encoding.UTF8.GetBytes(file));
        Assert.Equal("SUCCEEDED", job.Str("status"));
        return job.Str("id");
    }

    /// <summary>The centre records the enterprise's noon certification: one CertificationStatusChanged.</summary>
    private Task CertifyAsync(string enterprise) =>
        new EnterpriseScenario(_admin).MutateAsync("changeCertificationStatus", "ChangeCertificationStatusInput",
            new { id = enterprise, platform = "NOON", status = "CERTIFIED", on = "2025-03-01", expiresOn = "2099-03-01", certificateNumber = "NOON-WEBHOOK" });

    /// <summary>The one delivery of the client's one webhook, or null while there is none.</summary>
    private static async Task<JsonElement?> OnlyDeliveryAsync(GraphQLClient client)
    {
        var nodes = (await client.DataAsync(Log)).At("webhooks.0.deliveries.nodes");
        return nodes.GetArrayLength() == 0 ? null : nodes[0].Clone();
    }

    private static List<ReceivedWebhook> ReceivedAbout(WebhookReceiver receiver, string enterprise) =>
        [.. receiver.Received.Where(r => r.Json.At("data").TryGetProperty("enterpriseId", out var id) && Guid.Parse(id.GetString()!) == Key(enterprise))];

    private static Guid Key(string globalId) => GlobalId.TryDecode(globalId, out _, out var key) ? key : throw new ArgumentException(globalId);
}
