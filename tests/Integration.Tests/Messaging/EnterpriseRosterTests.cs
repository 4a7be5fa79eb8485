using IpShield.Integration.Tests.Enterprises;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;

namespace IpShield.Integration.Tests.Messaging;

/// <summary>The first flow across modules: Enterprises' settlements become the Workstations roster, through the outbox.</summary>
[Collection(MessagingCollection.Name)]
public sealed class EnterpriseRosterTests(MessagingHost host)
{
    private readonly GraphQLClient _client = host.CreateClient();

    [Fact]
    public async Task An_enterprise_that_settles_and_then_moves_appears_on_the_roster_of_its_current_workstation_only()
    {
        var workstations = new WorkstationScenario(_client);
        var tag = WorkstationScenario.Tag();
        var firstPark = await workstations.RegisterParkAsync($"Roster park A {tag}");
        var secondPark = await workstations.RegisterParkAsync($"Roster park B {tag}");
        var first = (await workstations.OpenAsync(firstPark, $"Roster A {tag}", openedOn: "2024-01-01")).Str("id");
        var second = (await workstations.OpenAsync(secondPark, $"Roster B {tag}", openedOn: "2024-01-01")).Str("id");
        var enterprises = new EnterpriseScenario(_client);
        var enterprise = (await enterprises.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"武汉荆州贸易有限公司 {tag}")).Str("id");

        var settled = await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterprise, parkId = firstPark, workstationId = first, settledOn = "2025-03-01" });
        Assert.Empty(EnterpriseScenario.Codes(settled));
        await Eventually.MatchAsync(() => RosterAsync(first), roster => roster.Contains((enterprise, "2025-03-01")), "the first workstation's roster to list the enterprise");

        var moved = await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterprise, parkId = secondPark, workstationId = second, settledOn = "2025-09-01" });
        Assert.Empty(EnterpriseScenario.Codes(moved));
        await Eventually.MatchAsync(() => RosterAsync(second), roster => roster.Contains((enterprise, "2025-09-01")), "the second workstation's roster to list the enterprise");

        Assert.DoesNotContain(await RosterAsync(first), entry => entry.Enterprise == enterprise);
    }

    private async Task<List<(string Enterprise, string SettledOn)>> RosterAsync(string workstation) =>
        [.. (await _client.DataAsync("query($id: ID!) { node(id: $id) { ... on Workstation { servedEnterprises { enterpriseId settledOn } } } }", new { id = workstation }))
            .At("node.servedEnterprises").EnumerateArray().Select(s => (s.Str("enterpriseId"), s.Str("settledOn")))];
}
