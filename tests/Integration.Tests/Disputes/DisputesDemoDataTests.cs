using IpShield.Disputes;
using IpShield.Disputes.Contracts;
using IpShield.Enterprises.Contracts;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.Workstations;
using IpShield.Workstations.Contracts;

namespace IpShield.Integration.Tests.Disputes;

/// <summary>The seed story's disputes on the embedded default (SQLite, demo data), as a newcomer sees them in the IDE.</summary>
public sealed class DisputesDemoDataTests
{
    [Fact]
    public async Task The_Wuchang_squatting_wave_was_upheld_a_Schedule_A_TRO_runs_a_noon_complaint_is_answered_and_the_noon_warning_reached_the_noon_sellers()
    {
        await using var host = await HostProcess.StartAsync(TestContext.Current.CancellationToken);
        var client = await host.AdminClientAsync();
        var yangtzePark = GlobalId.Encode(WorkstationsGlobalIds.Park, WorkstationsDemoData.YangtzePark);

        // Deliveries count for a park through the profiles kept from the Enterprises module's events, which the outbox
        // relay brings after the host starts: wait until all seven noon sellers are known to be in the Yangtze park.
        await Eventually.MatchAsync(
            async () => (await client.DataAsync("query($p: ID!) { parkStatistics(parkId: $p) { disputes { reach } } }", new { p = yangtzePark })).At("parkStatistics.disputes.reach").GetInt32(),
            reach => reach == 7,
            "the noon warning's deliveries to count for the Yangtze park");

        var data = await client.DataAsync(
            "query($campaign: ID!, $warning: ID!, $jingzhou: ID!, $chuangxian: ID!, $wuchang: ID!) { " +
            "campaign: node(id: $campaign) { ... on DisputeCampaign { kind countsByStage { stage count } cases { totalCount nodes { outcome market flow { key } enterprise { workstation { id } } } } } } " +
            "suit: node(id: $chuangxian) { ... on Enterprise { disputeCases(where: { kind: { eq: LAWSUIT } }) { nodes { flow { key } stage { key } stageDueOn stageDeadlineMissed outcome amounts { kind amount currency } } } } } " +
            "complaint: node(id: $jingzhou) { ... on Enterprise { disputeCases(where: { platform: { eq: NOON } }) { nodes { stage { key } outcome } } " +
            "notifications { nodes { readAt acknowledgedAt warning { id } } } } } " +
            "warning: node(id: $warning) { ... on RiskWarning { riskType platforms reach acknowledgedCount notifications(first: 50) { nodes { enterprise { id } } } } } " +
            "wuchang: parkStatistics(parkId: $wuchang) { disputes { closedByOutcome { label count } } } }",
            new
            {
                campaign = GlobalId.Encode(DisputesGlobalIds.Campaign, DisputesDemoData.SquattingCampaign),
                warning = GlobalId.Encode(DisputesGlobalIds.RiskWarning, DisputesDemoData.NoonWarning),
                jingzhou = Enterprise(DisputesDemoData.JingzhouTrading),
                chuangxian = Enterprise(DisputesDemoData.ChuangxianTechnology),
                wuchang = GlobalId.Encode(WorkstationsGlobalIds.Park, WorkstationsDemoData.WuchangPark),
            });

        var wuchangStation = GlobalId.Encode(WorkstationsGlobalIds.Workstation, WorkstationsDemoData.WuchangWorkstation);
        Assert.Equal("TRADEMARK_SQUATTING", data.Str("campaign.kind"));
        Assert.Equal(DisputesDemoData.SquattedEnterprises.Length, data.At("campaign.cases.totalCount").GetInt32());
        Assert.All(data.At("campaign.cases.nodes").EnumerateArray(), c =>
        {
            Assert.Equal("UPHELD", c.Str("outcome"));
            Assert.Equal("cn-opposition", c.Str("flow.key"));
            Assert.Equal(wuchangStation, c.Str("enterprise.workstation.id"));
        });
        Assert.Contains(data.At("wuchang.disputes.closedByOutcome").EnumerateArray(), o => o.Str("label") == "Upheld" && o.GetProperty("count").GetInt32() == 5);

        var suit = Assert.Single(data.At("suit.disputeCases.nodes").EnumerateArray());
        Assert.Equal("schedule-a", suit.Str("flow.key"));
        Assert.Equal("TRO_GRANTED", suit.Str("stage.key"));
        Assert.False(suit.GetProperty("stageDeadlineMissed").GetBoolean());
        Assert.Contains(suit.GetProperty("amounts").EnumerateArray(), a => a.Str("kind") == "FUNDS_FROZEN" && a.Str("currency") == "USD");

        var complaint = Assert.Single(data.At("complaint.disputeCases.nodes").EnumerateArray());
        Assert.Equal("RESPONDED", complaint.Str("stage.key"));
        var notice = Assert.Single(data.At("complaint.notifications.nodes").EnumerateArray());
        Assert.NotNull(notice.Str("acknowledgedAt"));

        Assert.Equal("PLATFORM_COMPLAINT_WAVE", data.Str("warning.riskType"));
        Assert.Equal(7, data.At("warning.reach").GetInt32());
        Assert.Equal(1, data.At("warning.acknowledgedCount").GetInt32());
        string[] noonSellers = [Enterprise(DisputesDemoData.JingzhouTrading), .. DisputesDemoData.NoonSellers.Select(i => Enterprise(DisputesDemoData.GeneratedEnterprise(i)))];
        Assert.Equal(noonSellers.Order(StringComparer.Ordinal), data.At("warning.notifications.nodes").EnumerateArray().Select(n => n.Str("enterprise.id")).Order(StringComparer.Ordinal));
    }

    private static string Enterprise(Guid id) => GlobalId.Encode(EnterprisesGlobalIds.Enterprise, id);
}
