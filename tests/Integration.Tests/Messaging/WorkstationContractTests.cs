using IpShield.Integration.Tests.Enterprises;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;

namespace IpShield.Integration.Tests.Messaging;

/// <summary>A read across modules: Enterprises shows its records' workstations as the Workstations module's own nodes, batched.</summary>
[Collection(MessagingCollection.Name)]
public sealed class WorkstationContractTests(MessagingHost host)
{
    private readonly GraphQLClient _client = host.CreateClient();

    [Fact]
    public async Task A_page_of_enterprises_shows_where_each_is_served_for_the_same_statements_as_one_enterprise()
    {
        var workstations = new WorkstationScenario(_client);
        var tag = WorkstationScenario.Tag();
        var park = await workstations.RegisterParkAsync($"Contract park {tag}");
        var workstation = (await workstations.OpenAsync(park, $"Contract WS {tag}", openedOn: "2024-01-01")).Str("id");
        var enterprises = new EnterpriseScenario(_client);
        for (var i = 0; i < 6; i++)
        {
            var id = (await enterprises.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"契约企业 {tag} {i}")).Str("id");
            await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id, parkId = park, workstationId = workstation, settledOn = "2025-01-06" });
        }

        // Let the relay finish the settlements' events, so only the queries below are counted.
        await Eventually.MatchAsync(
            () => MariaDbSql.ScalarAsync(host.ConnectionString, "SELECT (SELECT COUNT(*) FROM ent_outbox WHERE PublishedAt IS NULL) + (SELECT COUNT(*) FROM ws_outbox WHERE PublishedAt IS NULL)"),
            pending => pending == 0,
            "the outboxes to drain");
        const string query = "query($ws: ID!, $first: Int!) { enterprises(first: $first, where: { workstation: { eq: $ws } }) { nodes { nameZh workstation { id name status park { name } } } } }";

        async Task<(int Statements, System.Text.Json.JsonElement Nodes)> PageAsync(int first)
        {
            host.Statements.OnlyRequests = false;
            host.Statements.Reset();
            try
            {
                var data = await _client.DataAsync(query, new { ws = workstation, first });
                return (host.Statements.Count, data.At("enterprises.nodes"));
            }
            finally
            {
                host.Statements.OnlyRequests = true;
            }
        }

        var one = await PageAsync(1);
        var six = await PageAsync(6);

        Assert.Equal(6, six.Nodes.GetArrayLength());
        Assert.All(six.Nodes.EnumerateArray(), n =>
        {
            Assert.Equal(workstation, n.Str("workstation.id"));
            Assert.Equal($"Contract WS {tag}", n.Str("workstation.name"));
            Assert.Equal("OPEN", n.Str("workstation.status"));
            Assert.Equal($"Contract park {tag}", n.Str("workstation.park.name"));
        });
        Assert.Equal(one.Statements, six.Statements);
    }
}
