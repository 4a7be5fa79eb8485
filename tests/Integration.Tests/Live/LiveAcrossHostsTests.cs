using IpShield.Integration.Tests.Enterprises;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;
using IpShield.Portfolios.Contracts;
using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Integration.Tests.Live;

/// <summary>Two hosts on one MariaDB database: a subscriber on one host receives what the other host committed.</summary>
public sealed class LiveAcrossHostsTests
{
    [Fact]
    public async Task A_subscriber_on_one_host_receives_a_deadline_event_committed_and_relayed_by_another_host()
    {
        var database = await TestDatabases.CreateMariaDbAsync("live");
        try
        {
            await using var writer = new SharedMariaDbHost(database, Relay(true));
            await writer.InitializeAsync();
            // This host relays nothing: what it streams can only come from the table the other host wrote.
            await using var reader = new SharedMariaDbHost(database, Relay(false));
            await reader.InitializeAsync();

            var admin = writer.CreateClient();
            var tag = WorkstationScenario.Tag();
            var workstations = new WorkstationScenario(admin);
            var park = await workstations.RegisterParkAsync($"Two-host live park {tag}");
            var workstation = (await workstations.OpenAsync(park, $"Two-host live WS {tag}")).Str("id");
            var enterprises = new EnterpriseScenario(admin);
            var enterprise = (await enterprises.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"两台主机企业 {tag}")).Str("id");
            await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterprise, parkId = park, workstationId = workstation, settledOn = "2025-01-06" });
            var registeredOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60).AddYears(-10);
            var right = (await admin.DataAsync(
                "mutation($input: RecordIpRightInput!) { recordIpRight(input: $input) { ipRight { id } } }",
                new { input = new { enterpriseId = enterprise, kind = "TRADEMARK", jurisdiction = "CN", nameZh = "两台主机商标", filedOn = $"{registeredOn.Year - 1:D4}-{registeredOn.Month:D2}-{registeredOn.Day:D2}", registeredOn = $"{registeredOn:yyyy-MM-dd}" } })).Str("recordIpRight.ipRight.id");
            var deadline = (await admin.DataAsync(
                "query($id: ID!) { node(id: $id) { ... on Enterprise { deadlines(where: { task: { eq: RENEWAL } }) { nodes { id dueOn } } } } }",
                new { id = enterprise })).At("node.deadlines.nodes.0");

            await using var stream = await EventStream.OpenAsync(reader.CreateClient().Http, "subscription { deadlinesApproaching { daysLeft deadline { id } } }");
            await using (var scope = writer.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>();
                db.Publish(new DeadlineApproaching(Key(deadline.Str("id")), Key(right), Key(enterprise), Key(workstation), "RENEWAL",
                    DateOnly.Parse(deadline.Str("dueOn"), System.Globalization.CultureInfo.InvariantCulture), null, 30));
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            }

            var received = await stream.UntilAsync(e => e.Event == "next", "the reminder committed on the other host");

            Assert.Equal(deadline.Str("id"), received.Json.Str("data.deadlinesApproaching.deadline.id"));
            Assert.Equal(30, received.Json.At("data.deadlinesApproaching.daysLeft").GetInt32());
        }
        finally
        {
            await TestDatabases.DropMariaDbAsync(database);
        }
    }

    private static Dictionary<string, string?> Relay(bool enabled) => new() { ["Messaging:RelayEnabled"] = enabled ? "true" : "false" };

    private static Guid Key(string globalId) => GlobalId.TryDecode(globalId, out _, out var key) ? key : throw new ArgumentException(globalId);
}
