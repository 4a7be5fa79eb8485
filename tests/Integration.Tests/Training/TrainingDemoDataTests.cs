using IpShield.Integration.Tests.Infrastructure;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.Workstations;
using IpShield.Workstations.Contracts;

namespace IpShield.Integration.Tests.Training;

/// <summary>The seed story's training on the embedded default, as a newcomer sees it in the IDE.</summary>
public sealed class TrainingDemoDataTests
{
    [Fact]
    public async Task Wuchang_shows_its_fourteen_sessions_held_Yangtze_its_salons_and_one_session_is_open_for_registration()
    {
        await using var host = await HostProcess.StartAsync(TestContext.Current.CancellationToken);
        var client = await host.AdminClientAsync();

        var data = await client.DataAsync(
            "query($w: ID!, $y: ID!) { w: node(id: $w) { ... on Workstation { trainingStatistics { sessionsHeld uniqueEnterprises averageSatisfaction sessionsHeldByKind { kind count } } } } " +
            "y: node(id: $y) { ... on Workstation { trainingSessions(where: { kind: { eq: IP_SALON } }) { totalCount } } } open: trainingSessions(where: { status: { eq: OPEN } }) { nodes { title } } }",
            new
            {
                w = GlobalId.Encode(WorkstationsGlobalIds.Workstation, WorkstationsDemoData.WuchangWorkstation),
                y = GlobalId.Encode(WorkstationsGlobalIds.Workstation, WorkstationsDemoData.YangtzeWorkstation),
            });

        Assert.Equal(14, data.At("w.trainingStatistics.sessionsHeld").GetInt32());
        Assert.Equal(2, data.At("w.trainingStatistics.uniqueEnterprises").GetInt32());
        Assert.InRange(data.At("w.trainingStatistics.averageSatisfaction").GetDouble(), 1.0, 5.0); // scores per named attendee
        Assert.Contains(data.At("w.trainingStatistics.sessionsHeldByKind").EnumerateArray(), k => k.Str("kind") == "ONLINE_WEBINAR");
        Assert.Equal(4, data.At("y.trainingSessions.totalCount").GetInt32());
        Assert.Single(data.At("open.nodes").EnumerateArray());
    }
}
