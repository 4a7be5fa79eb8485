using IpShield.Integration.Tests.Enterprises;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;

namespace IpShield.Integration.Tests.Platform;

/// <summary>One graph across modules: from a workstation to its enterprises, to each one's park and back, on each database.</summary>
public abstract class OneGraphTests(PlatformHost host)
{
    private readonly GraphQLClient _admin = host.CreateClient();

    private const string RoundTrip = """
        query($park: ID!, $first: Int!) {
          workstations(where: { park: { eq: $park } }, first: $first, orderBy: { field: NAME }) {
            nodes {
              name
              enterprises(first: 5) {
                totalCount
                nodes { nameZh park { name enterprises(first: 1) { totalCount } } workstation { name enterprises { totalCount } } }
              }
            }
          }
        }
        """;

    [Fact]
    public async Task From_a_workstation_through_its_enterprises_to_their_park_and_back_costs_the_same_statements_for_10_as_for_50()
    {
        var tag = WorkstationScenario.Tag();
        var workstations = new WorkstationScenario(_admin);
        var enterprises = new EnterpriseScenario(_admin);
        var park = await workstations.RegisterParkAsync($"One graph park {tag}");
        for (var i = 0; i < 50; i++)
        {
            var workstation = (await workstations.OpenAsync(park, $"One graph {tag} {i:00}")).Str("id");
            var enterprise = (await enterprises.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"一图企业 {tag} {i:00}")).Str("id");
            await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterprise, parkId = park, workstationId = workstation, settledOn = "2025-03-01" });
        }

        async Task<int> StatementsFor(int first)
        {
            host.Statements.Reset();
            var data = await _admin.DataAsync(RoundTrip, new { park, first });
            var nodes = data.At("workstations.nodes");
            Assert.Equal(first, nodes.GetArrayLength());
            var enterprise = nodes.At("0.enterprises.nodes.0");
            Assert.Equal(1, nodes.At("0.enterprises.totalCount").GetInt32());
            Assert.Equal($"One graph park {tag}", enterprise.Str("park.name"));
            Assert.Equal(50, enterprise.At("park.enterprises.totalCount").GetInt32());
            Assert.Equal(nodes.At("0").Str("name"), enterprise.Str("workstation.name"));
            Assert.Equal(1, enterprise.At("workstation.enterprises.totalCount").GetInt32());
            return host.Statements.Count;
        }

        var forTen = await StatementsFor(10);
        var forFifty = await StatementsFor(50);

        Assert.Equal(forTen, forFifty);
    }

    [Fact]
    public async Task Enterprises_under_a_workstation_page_filter_and_order_like_the_root_list()
    {
        var tag = WorkstationScenario.Tag();
        var workstations = new WorkstationScenario(_admin);
        var enterprises = new EnterpriseScenario(_admin);
        var park = await workstations.RegisterParkAsync($"Paging park {tag}");
        var workstation = (await workstations.OpenAsync(park, $"Paging {tag}")).Str("id");
        var names = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var name = $"页企业 {tag} {i:00}";
            var id = (await enterprises.RegisterAsync(EnterpriseScenario.NewCreditCode(), name, markets: [i % 2 == 0 ? "SA" : "DE"])).Str("id");
            await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id, parkId = park, workstationId = workstation, settledOn = "2025-03-01" });
            names.Add(name);
        }

        const string page = """
            query($id: ID!, $after: String) {
              node(id: $id) { ... on Workstation { enterprises(first: 3, after: $after, orderBy: { field: NAME, direction: DESC }) {
                pageInfo { hasNextPage endCursor } nodes { nameZh } } } }
            }
            """;
        var seen = new List<string>();
        string? after = null;
        bool more;
        do
        {
            var data = await _admin.DataAsync(page, new { id = workstation, after });
            seen.AddRange(data.At("node.enterprises.nodes").EnumerateArray().Select(n => n.Str("nameZh")));
            more = data.At("node.enterprises.pageInfo.hasNextPage").GetBoolean();
            after = data.Str("node.enterprises.pageInfo.endCursor");
        }
        while (more);

        Assert.Equal(names.OrderDescending(StringComparer.Ordinal), seen);

        var saudi = await _admin.DataAsync(
            "query($id: ID!) { node(id: $id) { ... on Workstation { enterprises(where: { targetMarket: { eq: \"SA\" } }) { totalCount } } } }",
            new { id = workstation });
        Assert.Equal(4, saudi.At("node.enterprises.totalCount").GetInt32());
    }
}

[Collection(MariaDbCollection.Name)]
public sealed class OneGraphOnMariaDbTests(MariaDbHost host) : OneGraphTests(host);

[Collection(SqliteCollection.Name)]
public sealed class OneGraphOnSqliteTests(SqliteHost host) : OneGraphTests(host);
