using IpShield.Enterprises;
using IpShield.Enterprises.Contracts;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.Workstations;
using IpShield.Workstations.Contracts;

namespace IpShield.Integration.Tests.Platform;

/// <summary>What a newcomer sees on the embedded default: the host process on SQLite with its demo data.</summary>
public sealed class DemoDataTests
{
    [Fact]
    public async Task The_seed_story_enterprises_show_their_Yangtze_workstation_and_both_demo_rosters_list_their_settled_enterprises()
    {
        await using var host = await HostProcess.StartAsync(TestContext.Current.CancellationToken);
        var client = await host.AdminClientAsync();
        var jingzhou = GlobalId.Encode(EnterprisesGlobalIds.Enterprise, EnterprisesDemoData.JingzhouTrading);
        var chuangxian = GlobalId.Encode(EnterprisesGlobalIds.Enterprise, EnterprisesDemoData.ChuangxianTechnology);
        var yangtze = GlobalId.Encode(WorkstationsGlobalIds.Workstation, WorkstationsDemoData.YangtzeWorkstation);
        var wuchang = GlobalId.Encode(WorkstationsGlobalIds.Workstation, WorkstationsDemoData.WuchangWorkstation);

        var enterprises = await client.DataAsync(
            "query($j: ID!, $c: ID!) { j: node(id: $j) { ... on Enterprise { settledOn workstation { id } } } c: node(id: $c) { ... on Enterprise { settledOn workstation { id } } } }",
            new { j = jingzhou, c = chuangxian });
        Assert.Equal(yangtze, enterprises.Str("j.workstation.id"));
        Assert.Equal(yangtze, enterprises.Str("c.workstation.id"));

        // The rosters are kept from EnterpriseSettled events, delivered by the outbox relay after the host starts.
        var yangtzeRoster = await Eventually.MatchAsync(
            () => RosterAsync(client, yangtze), roster => roster.Count == 2 + (EnterprisesDemoData.Generated / 3), "the Yangtze workstation's roster to fill");
        Assert.Contains((jingzhou, enterprises.Str("j.settledOn")), yangtzeRoster);
        Assert.Contains((chuangxian, enterprises.Str("c.settledOn")), yangtzeRoster);
        var wuchangRoster = await Eventually.MatchAsync(
            () => RosterAsync(client, wuchang), roster => roster.Count == EnterprisesDemoData.Generated / 3, "the Wuchang workstation's roster to fill");
        Assert.Empty(yangtzeRoster.Select(r => r.Enterprise).Intersect(wuchangRoster.Select(r => r.Enterprise)));
    }

    private static async Task<List<(string Enterprise, string SettledOn)>> RosterAsync(GraphQLClient client, string workstation) =>
        [.. (await client.DataAsync($"query($id: ID!) {{ node(id: $id) {{ ... on Workstation {{ servedEnterprises {{ enterpriseId settledOn }} }} }} }}", new { id = workstation }))
            .At("node.servedEnterprises").EnumerateArray().Select(s => (s.Str("enterpriseId"), s.Str("settledOn")))];
}
