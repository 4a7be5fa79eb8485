using IpShield.Integration.Tests.Enterprises;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;
using IpShield.SharedKernel.GraphQL.Relay;

namespace IpShield.Integration.Tests.Webhooks;

/// <summary>Deliveries are stored and claimed: two hosts on one database never send the same attempt, and a stopped host's work is carried on by the next.</summary>
public sealed class WebhookAcrossHostsTests
{
    private const string Log = "{ webhooks { deliveries(first: 5) { nodes { status attemptCount attempts { number statusCode } } } } }";

    [Fact]
    public async Task Two_hosts_on_one_database_send_each_attempt_once()
    {
        var database = await TestDatabases.CreateMariaDbAsync("webhooks");
        try
        {
            await using var one = new SharedMariaDbHost(database, Settings(firstRetry: "00:00:00.300"));
            await one.InitializeAsync();
            await using var two = new SharedMariaDbHost(database, Settings(firstRetry: "00:00:00.300"));
            await two.InitializeAsync();
            await using var receiver = await WebhookReceiver.StartAsync(failFirst: 3);
            var (enterprise, importer) = await EnterpriseWithWebhookAsync(one, receiver.Url);

            await CertifyAsync(two, enterprise);
            var delivery = await Eventually.MatchAsync(
                async () => (await importer.DataAsync(Log)).At("webhooks.0.deliveries.nodes").Clone(),
                nodes => nodes.GetArrayLength() == 1 && nodes[0].Str("status") == "SUCCEEDED",
                "the delivery to succeed with both hosts sending");

            Assert.Equal(["1", "2", "3", "4"], receiver.Received.Select(r => r.Headers["IpShield-Delivery-Attempt"]));
            Assert.Single(receiver.Received.Select(r => r.EventId).Distinct());
            Assert.Equal([1, 2, 3, 4], delivery[0].At("attempts").EnumerateArray().Select(a => a.At("number").GetInt32()));
        }
        finally
        {
            await TestDatabases.DropMariaDbAsync(database);
        }
    }

    [Fact]
    public async Task A_delivery_left_waiting_for_its_retry_by_a_stopped_host_is_sent_by_the_host_that_starts_next()
    {
        var database = await TestDatabases.CreateMariaDbAsync("webhooks");
        try
        {
            await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1);
            // A retry an hour away: the first host cannot send it before it stops.
            await using (var first = new SharedMariaDbHost(database, Settings(firstRetry: "01:00:00")))
            {
                await first.InitializeAsync();
                var (enterprise, importer) = await EnterpriseWithWebhookAsync(first, receiver.Url);
                await CertifyAsync(first, enterprise);
                await Eventually.MatchAsync(
                    async () => (await importer.DataAsync(Log)).At("webhooks.0.deliveries.nodes").Clone(),
                    nodes => nodes.GetArrayLength() == 1 && nodes[0].At("attemptCount").GetInt32() == 1,
                    "the first attempt to have failed and been stored");
            }

            Assert.Single(receiver.Received);
            await using var next = new SharedMariaDbHost(database, Settings(firstRetry: "01:00:00"));
            await next.InitializeAsync();
            next.Clock.Advance(TimeSpan.FromHours(2)); // on the next host's clock the retry is due
            await Eventually.MatchAsync(() => Task.FromResult(receiver.Received.Count(r => r.Succeeded)), n => n == 1, "the next host to send the stored retry");

            Assert.Equal(["1", "2"], receiver.Received.Select(r => r.Headers["IpShield-Delivery-Attempt"]));
            Assert.Equal([500, 204], receiver.Received.Select(r => r.Answered));
            Assert.Single(receiver.Received.Select(r => r.EventId).Distinct());
        }
        finally
        {
            await TestDatabases.DropMariaDbAsync(database);
        }
    }

    private static Dictionary<string, string?> Settings(string firstRetry) =>
        new(WebhookHost.Settings) { ["Webhooks:FirstRetryDelay"] = firstRetry, ["Webhooks:MaxRetryDelay"] = firstRetry };

    /// <summary>An enterprise settled in a new workstation, and that workstation's import client with a webhook for certification changes.</summary>
    private static async Task<(string Enterprise, GraphQLClient Importer)> EnterpriseWithWebhookAsync(PlatformHost host, string url)
    {
        var tag = WorkstationScenario.Tag();
        var admin = host.CreateClient();
        var park = await new WorkstationScenario(admin).RegisterParkAsync($"Two-host webhook park {tag}");
        var workstation = (await new WorkstationScenario(admin).OpenAsync(park, $"Two-host webhook WS {tag}")).Str("id");
        var enterprises = new EnterpriseScenario(admin);
        var enterprise = (await enterprises.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"两台主机回调企业 {tag}")).Str("id");
        await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterprise, parkId = park, workstationId = workstation, settledOn = "2025-01-06" });
        var (clientId, secret) = await host.Identity.CreateImporterAsync(Key(workstation));
        var importer = host.CreateClient(await host.Identity.ClientTokenAsync(clientId, secret, "enterprises:import enterprises:read"));
        var registered = await importer.DataAsync(
            "mutation($input: RegisterWebhookInput!) { registerWebhook(input: $input) { webhook { id } errors { code } } }",
            new { input = new { url, eventTypes = new[] { "CERTIFICATION_STATUS_CHANGED" } } });
        Assert.Equal(0, registered.At("registerWebhook.errors").GetArrayLength());
        return (enterprise, importer);
    }

    private static Task CertifyAsync(PlatformHost host, string enterprise) =>
        new EnterpriseScenario(host.CreateClient()).MutateAsync("changeCertificationStatus", "ChangeCertificationStatusInput",
            new { id = enterprise, platform = "NOON", status = "CERTIFIED", on = "2025-03-01", expiresOn = "2099-03-01", certificateNumber = "NOON-TWO-HOSTS" });

    private static Guid Key(string globalId) => GlobalId.TryDecode(globalId, out _, out var key) ? key : throw new ArgumentException(globalId);
}
