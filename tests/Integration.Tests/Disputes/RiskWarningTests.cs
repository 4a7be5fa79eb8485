using System.Text.Json;
using IpShield.Disputes.Persistence;
using IpShield.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IpShield.Integration.Tests.Disputes.DisputeScenario;

namespace IpShield.Integration.Tests.Disputes;

/// <summary>Risk warnings reaching exactly the enterprises they concern, now and later, and who read and acknowledged them.</summary>
public abstract class RiskWarningTests(PlatformHost host)
{
    private const string Issue = "mutation($input: IssueRiskWarningInput!) { issueRiskWarning(input: $input) { riskWarning { id number reach } errors { code message field } } }";
    private const string Reached =
        "query($id: ID!) { node(id: $id) { ... on RiskWarning { reach readCount acknowledgedCount notifications(first: 50) { nodes { id enterprise { id } readAt acknowledgedAt } } } } }";

    private readonly GraphQLClient _admin = host.CreateClient();

    [Fact]
    public async Task A_warning_reaches_exactly_the_matching_enterprises_including_those_that_start_to_match_later()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, other) = await scenario.WorkstationsAsync();
        var headsets = $"Bluetooth headsets {scenario.Tag}"; // a category of this test only: no other test's enterprise matches
        var noonSeller = await scenario.EnterpriseAsync("诺恩卖家", ["AE", "SA"], ["NOON"], [headsets], park, own);
        var otherWorkstationSeller = await scenario.EnterpriseAsync("另一站卖家", ["AE"], ["NOON"], [headsets.ToUpperInvariant()], park, other);
        var amazonOnly = await scenario.EnterpriseAsync("亚马逊卖家", ["AE"], ["AMAZON"], [headsets], park, own);
        var usOnly = await scenario.EnterpriseAsync("美国卖家", ["US"], ["NOON"], [headsets], park, own);
        var settlesLater = await scenario.EnterpriseAsync("后入驻卖家", ["AE"], ["NOON"], [headsets]);
        var addsNoonLater = await scenario.EnterpriseAsync("后上架卖家", ["SA"], ["AMAZON"], [headsets], park, own);
        var addsMarketLater = await scenario.EnterpriseAsync("后拓市场卖家", ["US"], ["NOON"], [headsets], park, own);
        await Eventually.MatchAsync(() => host.OutboxesDrainedAsync(), known => known, "the outboxes delivered the settlements");

        var issued = await _admin.DataAsync(Issue, new
        {
            input = new
            {
                number = $"WH-RW-{scenario.Tag}",
                title = "noon listing complaints against Bluetooth headsets",
                body = "A rights holder is filing complaints against headset listings on noon in the UAE and Saudi Arabia.",
                riskType = "PLATFORM_COMPLAINT_WAVE",
                severity = "HIGH",
                markets = new[] { "AE", "SA" },
                platforms = new[] { "NOON" },
                productCategories = new[] { headsets },
                brands = new[] { "SoundMark" },
                recommendedActions = "Check listings for the SoundMark word mark; prepare proof of your own marks.",
                sources = new[] { "https://www.noon.com/ (IP policy)" },
                validUntil = Iso(Today.AddDays(30)),
            },
        });
        var warning = issued.Str("issueRiskWarning.riskWarning.id");
        var atIssue = issued.At("issueRiskWarning.riskWarning.reach").GetInt32();

        await scenario.SettleAsync(settlesLater, park, own);
        var version = (await _admin.DataAsync("query($id: ID!) { node(id: $id) { ... on Enterprise { version } } }", new { id = addsNoonLater })).At("node.version").GetInt32();
        var updated = await _admin.DataAsync(
            "mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { errors { code } } }",
            new { input = new { id = addsNoonLater, expectedVersion = version, salesPlatforms = new[] { "AMAZON", "NOON" } } });
        var marketVersion = (await _admin.DataAsync("query($id: ID!) { node(id: $id) { ... on Enterprise { version } } }", new { id = addsMarketLater })).At("node.version").GetInt32();
        var addedMarket = await _admin.DataAsync(
            "mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { errors { code } } }",
            new { input = new { id = addsMarketLater, expectedVersion = marketVersion, targetMarkets = new[] { "US", "AE" } } });
        var later = await Eventually.MatchAsync(() => _admin.DataAsync(Reached, new { id = warning }), d => d.At("node.reach").GetInt32() >= 5, "the late matches are reached");

        Assert.Empty(issued.At("issueRiskWarning.errors").EnumerateArray());
        Assert.Equal(2, atIssue); // the noon seller and the other workstation's noon seller (the centre's warning reaches every park)
        Assert.Empty(updated.At("updateEnterprise.errors").EnumerateArray());
        Assert.Empty(addedMarket.At("updateEnterprise.errors").EnumerateArray());
        var delivered = later.At("node.notifications.nodes").EnumerateArray().ToList();
        Assert.Equal(
            new[] { noonSeller, otherWorkstationSeller, settlesLater, addsNoonLater, addsMarketLater }.Order(),
            delivered.Select(n => n.Str("enterprise.id")).Order());

        // Newest first by id: the three late deliveries (one row each) come before the two written in bulk when the
        // warning was issued, so the ids made in SQL for the bulk rows are time-ordered with the others (ADR 0030).
        Assert.Equal(new[] { settlesLater, addsNoonLater, addsMarketLater }.Order(), delivered.Take(3).Select(n => n.Str("enterprise.id")).Order());
        Assert.Equal(new[] { noonSeller, otherWorkstationSeller }.Order(), delivered.Skip(3).Select(n => n.Str("enterprise.id")).Order());
        Assert.All(delivered, n => Assert.Equal(7, Key(n.Str("id")!).Version));
        Assert.Equal(5, delivered.Select(n => n.Str("id")).Distinct().Count());
        Assert.DoesNotContain(amazonOnly, later.At("node.notifications.nodes").EnumerateArray().Select(n => n.Str("enterprise.id")));
        Assert.DoesNotContain(usOnly, later.At("node.notifications.nodes").EnumerateArray().Select(n => n.Str("enterprise.id")));
    }

    [Fact]
    public async Task A_parks_warning_figures_count_the_enterprises_settled_in_it_now_and_follow_one_that_moves()
    {
        var first = new DisputeScenario(_admin);
        var second = new DisputeScenario(_admin);
        var (parkA, workstationA, _) = await first.WorkstationsAsync();
        var (parkB, workstationB, _) = await second.WorkstationsAsync();
        var plugs = $"Smart plugs {first.Tag}";
        await first.EnterpriseAsync("留守插座卖家", ["AE"], ["NOON"], [plugs], parkA, workstationA);
        var mover = await first.EnterpriseAsync("迁移插座卖家", ["AE"], ["NOON"], [plugs], parkA, workstationA);
        await Eventually.MatchAsync(() => host.OutboxesDrainedAsync(), known => known, "the outboxes delivered the settlements");
        var issued = await _admin.DataAsync(Issue, new
        {
            input = new
            {
                number = $"WH-RW-P-{first.Tag}", title = "Complaints against smart plug listings", body = "A rights holder is filing complaints on noon in the UAE.",
                riskType = "PLATFORM_COMPLAINT_WAVE", severity = "MEDIUM", markets = new[] { "AE" }, platforms = new[] { "NOON" }, productCategories = new[] { plugs },
                brands = Array.Empty<string>(), recommendedActions = "Check listings.", sources = new[] { "https://www.noon.com/" }, validUntil = Iso(Today.AddDays(30)),
            },
        });
        Assert.Equal(2, issued.At("issueRiskWarning.riskWarning.reach").GetInt32());

        // The mover settles in park B: its notification now counts there (the park it is settled in now), not in A.
        await second.SettleAsync(mover, parkB, workstationB);
        const string Figures = "query($id: ID!) { parkStatistics(parkId: $id) { disputes { warningsReceived reach acknowledged } } }";
        string Shown(JsonElement d) => $"{d.At("parkStatistics.disputes.warningsReceived").GetInt32()}/{d.At("parkStatistics.disputes.reach").GetInt32()}/{d.At("parkStatistics.disputes.acknowledged").GetInt32()}";
        async Task<string> FreshAsync(string park)
        {
            // Counted afresh through the profiles (where each enterprise is settled now), as the figures are defined.
            using var scope = host.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
            var rows = await (from n in db.Notifications.AsNoTracking()
                              join p in db.Profiles.AsNoTracking() on n.EnterpriseId equals p.EnterpriseId
                              where p.ParkId == Key(park)
                              select new { n.WarningId, Acknowledged = n.AcknowledgedAt != null }).ToListAsync(TestContext.Current.CancellationToken);
            return $"{rows.Select(r => r.WarningId).Distinct().Count()}/{rows.Count}/{rows.Count(r => r.Acknowledged)}";
        }

        var inB = await Eventually.MatchAsync(
            async () => (Shown(await _admin.DataAsync(Figures, new { id = parkB })), await FreshAsync(parkB)),
            figures => figures.Item1 == figures.Item2 && figures.Item1 != "0/0/0",
            "park B to count the mover's notification (the settlement reaches Disputes through the outbox)");
        var inA = (Shown(await _admin.DataAsync(Figures, new { id = parkA })), await FreshAsync(parkA));

        Assert.Equal("1/1/0", inB.Item1);
        Assert.Equal(inA.Item2, inA.Item1);
        Assert.Equal("1/1/0", inA.Item1);
    }

    [Fact]
    public async Task Members_and_their_workstations_staff_see_the_notification_and_the_warning_shows_who_read_and_acknowledged_it()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, other) = await scenario.WorkstationsAsync();
        var category = $"Power banks {scenario.Tag}";
        var enterprise = await scenario.EnterpriseAsync("通知企业", ["US"], ["AMAZON"], [category], park, own);
        await scenario.EnterpriseAsync("通知企业二", ["US"], ["AMAZON"], [category], park, own);
        await Eventually.MatchAsync(() => host.OutboxesDrainedAsync(), known => known, "the outboxes delivered the settlements");
        var staff = host.CreateClient(await host.Identity.PersonTokenAsync("workstation_staff", [Key(own)]));
        var issued = await staff.DataAsync(Issue, new
        {
            input = new
            {
                number = $"WS-TRO-{scenario.Tag}", title = "Schedule A wave", body = "TRO wave against power bank sellers.", riskType = "TRO_WAVE", severity = "CRITICAL",
                markets = new[] { "US" }, productCategories = new[] { category }, validUntil = Iso(Today.AddDays(10)), workstationId = own,
            },
        });
        var warning = issued.Str("issueRiskWarning.riskWarning.id");
        var member = host.CreateClient(await host.Identity.PersonTokenAsync("enterprise_member", enterprise: Key(enterprise)));
        var otherStaff = host.CreateClient(await host.Identity.PersonTokenAsync("workstation_staff", [Key(other)]));
        const string Notifications = "query($e: ID!) { node(id: $e) { ... on Enterprise { notifications { nodes { id warning { number severity } readAt acknowledgedAt } } } } }";

        var inbox = await member.DataAsync(Notifications, new { e = enterprise });
        var notification = inbox.Str("node.notifications.nodes.0.id");
        var read = await member.DataAsync("mutation($id: ID!) { markWarningRead(input: { id: $id }) { notification { readAt acknowledgedAt } errors { code } } }", new { id = notification });
        var acknowledged = await member.DataAsync("mutation($id: ID!) { acknowledgeWarning(input: { id: $id }) { notification { readAt acknowledgedAt } errors { code } } }", new { id = notification });
        var byOtherStaff = await otherStaff.DataAsync("mutation($id: ID!) { acknowledgeWarning(input: { id: $id }) { errors { code } } }", new { id = notification });
        var seenByStaff = await staff.DataAsync(Notifications, new { e = enterprise });
        var hiddenFromOtherStaff = await otherStaff.DataAsync(Notifications, new { e = enterprise });
        var reach = await staff.DataAsync(Reached, new { id = warning });
        var warningSeenByOtherStaff = await otherStaff.DataAsync(Reached, new { id = warning });
        var fromOtherWorkstation = await otherStaff.DataAsync(Issue, new
        {
            input = new { number = $"X-{scenario.Tag}", title = "x", body = "x", riskType = "CUSTOMS", severity = "LOW", validUntil = Iso(Today), workstationId = own },
        });

        Assert.Equal(2, issued.At("issueRiskWarning.riskWarning.reach").GetInt32());
        Assert.Equal($"WS-TRO-{scenario.Tag}", inbox.Str("node.notifications.nodes.0.warning.number"));
        Assert.Equal(JsonValueKind.Null, inbox.At("node.notifications.nodes.0.readAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, read.At("markWarningRead.notification.readAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, read.At("markWarningRead.notification.acknowledgedAt").ValueKind);
        Assert.Equal(read.Str("markWarningRead.notification.readAt"), acknowledged.Str("acknowledgeWarning.notification.readAt")); // the first read stands
        Assert.NotEqual(JsonValueKind.Null, acknowledged.At("acknowledgeWarning.notification.acknowledgedAt").ValueKind);
        Assert.Equal(["NOT_FOUND"], Codes(byOtherStaff.At("acknowledgeWarning")));
        Assert.Equal(notification, seenByStaff.Str("node.notifications.nodes.0.id"));
        Assert.Equal(JsonValueKind.Null, hiddenFromOtherStaff.At("node").ValueKind); // nor the enterprise itself
        Assert.Equal(2, reach.At("node.reach").GetInt32());
        Assert.Equal(2, reach.At("node.notifications.nodes").GetArrayLength());
        Assert.NotEqual(JsonValueKind.Null, warningSeenByOtherStaff.At("node").ValueKind); // warnings are for every person
        Assert.Equal(0, warningSeenByOtherStaff.At("node.notifications.nodes").GetArrayLength()); // but not who got them in another workstation
        Assert.Equal(1, reach.At("node.readCount").GetInt32());
        Assert.Equal(1, reach.At("node.acknowledgedCount").GetInt32());
        Assert.Equal(["FORBIDDEN"], Codes(fromOtherWorkstation.At("issueRiskWarning")));
    }

    [Fact]
    public async Task A_page_of_warnings_shows_reach_reads_and_acknowledgements_in_as_many_SQL_statements_for_ten_warnings_as_for_two()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, _) = await scenario.WorkstationsAsync();
        var category = $"Reach category {scenario.Tag}";
        await scenario.EnterpriseAsync("覆盖企业一", ["AE"], ["NOON"], [category], park, own);
        await scenario.EnterpriseAsync("覆盖企业二", ["AE"], ["NOON"], [category], park, own);
        await Eventually.MatchAsync(() => host.OutboxesDrainedAsync(), known => known, "the outboxes delivered the settlements");
        for (var i = 0; i < 10; i++)
        {
            var issued = await _admin.DataAsync(Issue, new
            {
                input = new
                {
                    number = $"WH-RW-REACH-{scenario.Tag}-{i:D2}", title = "reach", body = "reach", riskType = "CUSTOMS", severity = "LOW",
                    productCategories = new[] { category }, validUntil = Iso(Today.AddDays(30)),
                },
            });
            Assert.Equal(2, issued.At("issueRiskWarning.riskWarning.reach").GetInt32());
        }

        async Task<int> StatementsFor(int first)
        {
            host.Statements.Reset();
            var data = await _admin.DataAsync(
                "query($n: String!, $first: Int!) { riskWarnings(where: { number: { contains: $n } }, first: $first) { nodes { reach readCount acknowledgedCount } } }",
                new { n = $"WH-RW-REACH-{scenario.Tag}", first });
            var nodes = data.At("riskWarnings.nodes").EnumerateArray().ToList();
            Assert.Equal(first, nodes.Count);
            Assert.All(nodes, n => Assert.Equal(2, n.GetProperty("reach").GetInt32()));
            return host.Statements.Count;
        }

        var forTwo = await StatementsFor(2);
        var forTen = await StatementsFor(10);

        Assert.Equal(forTwo, forTen);
        Assert.InRange(forTen, 1, 3); // the page, then one grouped count for all its warnings
    }
}

[Collection(MariaDbCollection.Name)]
public sealed class RiskWarningsOnMariaDbTests(MariaDbHost host) : RiskWarningTests(host);

[Collection(SqliteCollection.Name)]
public sealed class RiskWarningsOnSqliteTests(SqliteHost host) : RiskWarningTests(host);
