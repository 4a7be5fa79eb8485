using System.Text.Json;
using IpShield.Integration.Tests.Infrastructure;
using static IpShield.Integration.Tests.Disputes.DisputeScenario;

namespace IpShield.Integration.Tests.Disputes;

/// <summary>The Disputes section of park statistics under the kernel's small-group rule (StatisticsPrivacy).</summary>
public abstract class DisputeStatisticsPrivacyTests(PlatformHost host)
{
    private const string Section =
        "query($id: ID!) { parkStatistics(parkId: $id) { disputes { openByStage { label count } openByPlatform { label count } privacy { exact minimumGroupSize } } } }";

    private readonly GraphQLClient _admin = host.CreateClient();

    [Fact]
    public async Task The_centre_sees_every_stage_and_platform_and_a_park_dashboard_only_groups_of_at_least_three_enterprises()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, _) = await scenario.WorkstationsAsync();
        for (var i = 0; i < 3; i++)
        {
            var seller = await scenario.EnterpriseAsync($"速卖通卖家{i}", ["RU"], ["ALI_EXPRESS"], [], park, own);
            Assert.Empty(Codes(await scenario.OpenAsync(new { enterpriseId = seller, title = "IPP complaint", kind = "PLATFORM_COMPLAINT", platform = "ALI_EXPRESS", market = "RU", startedOn = DaysAgo(1) })));
        }

        var sued = await scenario.EnterpriseAsync("被诉卖家", ["US"], ["AMAZON"], [], park, own);
        Assert.Empty(Codes(await scenario.OpenAsync(new { enterpriseId = sued, title = "Schedule A", kind = "LAWSUIT", platform = "AMAZON", market = "US", startedOn = DaysAgo(2) })));

        // Cases count for the park once the Disputes module has heard where their enterprises are settled (the outbox).
        var exact = await Eventually.MatchAsync(
            async () => (await _admin.DataAsync(Section, new { id = park })).At("parkStatistics.disputes"),
            d => d.GetProperty("openByStage").EnumerateArray().Sum(s => s.GetProperty("count").GetInt32()) == 4,
            "the four cases to count for the park");
        var dashboard = host.CreateClient(await host.Identity.DashboardTokenAsync(Key(park)));
        var protectedFigures = (await dashboard.DataAsync(Section, new { id = park })).At("parkStatistics.disputes");

        Assert.True(exact.At("privacy.exact").GetBoolean());
        Assert.Equal([("COMPLAINT_RECEIVED", 3), ("TRO_GRANTED", 1)], Labels(exact, "openByStage"));
        Assert.Equal([("AliExpress", 3), ("Amazon", 1)], Labels(exact, "openByPlatform"));
        Assert.False(protectedFigures.At("privacy.exact").GetBoolean());
        Assert.Equal(3, protectedFigures.At("privacy.minimumGroupSize").GetInt32());
        // The one sued enterprise's stage is folded into OTHER; alone it would be too small there, and showing the other
        // stage next to the total would give it away, so the next smallest stage joins it (the kernel's rule).
        Assert.Equal([("OTHER", 4)], Labels(protectedFigures, "openByStage"));
        Assert.Equal([("OTHER", 4)], Labels(protectedFigures, "openByPlatform"));
    }

    [Fact]
    public async Task Closed_cases_count_by_the_day_they_closed_within_the_range_and_open_cases_are_always_today_s()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, _) = await scenario.WorkstationsAsync();
        var seller = await scenario.EnterpriseAsync("区间卖家", ["AE"], ["NOON"], [], park, own);
        var old = (await scenario.OpenAsync(new { enterpriseId = seller, title = "old complaint", kind = "PLATFORM_COMPLAINT", platform = "NOON", market = "AE", startedOn = DaysAgo(40) })).Str("disputeCase.id");
        Assert.Empty(Codes(await scenario.CloseAsync(old, "WITHDRAWN", Today.AddDays(-20))));
        var recent = (await scenario.OpenAsync(new { enterpriseId = seller, title = "recent complaint", kind = "PLATFORM_COMPLAINT", platform = "NOON", market = "AE", startedOn = DaysAgo(10) })).Str("disputeCase.id");
        Assert.Empty(Codes(await scenario.CloseAsync(recent, "UPHELD", Today.AddDays(-2))));
        Assert.Empty(Codes(await scenario.OpenAsync(new { enterpriseId = seller, title = "open complaint", kind = "PLATFORM_COMPLAINT", platform = "NOON", market = "AE", startedOn = DaysAgo(1) })));
        const string Ranged = "query($id: ID!, $from: DateOnly) { parkStatistics(parkId: $id) { disputes(from: $from) { openByStage { count } closedByOutcome { label count } } } }";

        var all = await Eventually.MatchAsync(
            async () => (await _admin.DataAsync(Ranged, new { id = park, from = (string?)null })).At("parkStatistics.disputes"),
            d => d.GetProperty("closedByOutcome").EnumerateArray().Sum(c => c.GetProperty("count").GetInt32()) == 2,
            "both closed cases to count for the park");
        var lastWeek = (await _admin.DataAsync(Ranged, new { id = park, from = DaysAgo(7) })).At("parkStatistics.disputes");
        var reversed = await _admin.PostAsync("query($id: ID!) { parkStatistics(parkId: $id) { disputes(from: \"2026-06-01\", to: \"2026-05-01\") { openByStage { count } } } }", new { id = park });

        Assert.Equal([("Upheld", 1), ("Withdrawn", 1)], Labels(all, "closedByOutcome"));
        Assert.Equal([("Upheld", 1)], Labels(lastWeek, "closedByOutcome"));
        Assert.Equal(1, lastWeek.GetProperty("openByStage").EnumerateArray().Sum(c => c.GetProperty("count").GetInt32()));
        Assert.Equal("INVALID", reversed.Body.Str("errors.0.extensions.code"));
    }

    [Fact]
    public async Task The_median_days_to_close_and_the_losses_recovered_per_currency_come_from_the_closed_cases_and_a_dashboard_sees_them_from_three_enterprises()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, _) = await scenario.WorkstationsAsync();
        // Four closed cases of three enterprises: 6, 10, 10 and 30 days to close (median 10); losses recovered in USD by all
        // three (100 + 250.50 + 49.50), in AED by one only. Each way a case records a recovered loss counts: when it is
        // closed (the first), recorded on the open case (the second), when it is opened (the fourth).
        var closings = new (int OpenedDaysAgo, int Days, object[] AtOpening, object[] OnTheCase, object[] AtClosing)[]
        {
            (40, 6, [], [], [new { kind = "LOSSES_RECOVERED", amount = 100m, currency = "USD" }, new { kind = "LOSSES_RECOVERED", amount = 900m, currency = "AED" }]),
            (35, 10, [], [new { kind = "LOSSES_RECOVERED", amount = 250.50m, currency = "USD" }], [new { kind = "SETTLEMENT", amount = 5000m, currency = "USD" }]),
            (30, 10, [], [], []),
            (50, 30, [new { kind = "LOSSES_RECOVERED", amount = 49.50m, currency = "USD" }], [], []),
        };
        var sellers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            sellers.Add(await scenario.EnterpriseAsync($"结案卖家{i}", ["AE"], ["NOON"], [], park, own));
        }

        for (var i = 0; i < closings.Length; i++)
        {
            var (openedDaysAgo, days, atOpening, onTheCase, atClosing) = closings[i];
            var opened = (await scenario.OpenAsync(new { enterpriseId = sellers[Math.Min(i, 2)], title = $"complaint {i}", kind = "PLATFORM_COMPLAINT", platform = "NOON", market = "AE", startedOn = DaysAgo(openedDaysAgo), amounts = atOpening })).Str("disputeCase.id");
            if (onTheCase.Length > 0)
            {
                Assert.Empty(Codes(await DisputeScenario.MutateAsync(_admin, "recordOnDisputeCase", "RecordOnDisputeCaseInput", new { caseId = opened, on = DaysAgo(openedDaysAgo - 1), amounts = onTheCase })));
            }

            // Two outcomes of fewer than three enterprises each: that three enterprises closed cases is counted across them.
            Assert.Empty(Codes(await scenario.CloseAsync(opened, i < 2 ? "WITHDRAWN" : "SETTLED", Today.AddDays(days - openedDaysAgo), atClosing)));
        }

        const string Closed = "query($id: ID!) { parkStatistics(parkId: $id) { disputes { closedByOutcome { count } medianDaysToClose lossesRecovered { currency amount } } } }";
        var exact = await Eventually.MatchAsync(
            async () => (await _admin.DataAsync(Closed, new { id = park })).At("parkStatistics.disputes"),
            d => d.GetProperty("closedByOutcome").EnumerateArray().Sum(c => c.GetProperty("count").GetInt32()) == 4,
            "the four closed cases to count for the park");
        var dashboard = host.CreateClient(await host.Identity.DashboardTokenAsync(Key(park)));
        var protectedFigures = (await dashboard.DataAsync(Closed, new { id = park })).At("parkStatistics.disputes");

        static List<(string, decimal)> Losses(JsonElement section) =>
            [.. section.GetProperty("lossesRecovered").EnumerateArray().Select(l => (l.Str("currency"), l.GetProperty("amount").GetDecimal()))];
        Assert.Equal(10.0, exact.GetProperty("medianDaysToClose").GetDouble());
        Assert.Equal([("AED", 900m), ("USD", 400m)], Losses(exact));
        // Three enterprises closed cases, so the median shows; only one recovered AED, so that sum is left out.
        Assert.Equal(10.0, protectedFigures.GetProperty("medianDaysToClose").GetDouble());
        Assert.Equal([("USD", 400m)], Losses(protectedFigures));
    }

    private static List<(string, int)> Labels(JsonElement section, string field) =>
        [.. section.GetProperty(field).EnumerateArray().Select(l => (l.Str("label"), l.GetProperty("count").GetInt32()))];
}

[Collection(MariaDbCollection.Name)]
public sealed class DisputeStatisticsPrivacyOnMariaDbTests(MariaDbHost host) : DisputeStatisticsPrivacyTests(host);

[Collection(SqliteCollection.Name)]
public sealed class DisputeStatisticsPrivacyOnSqliteTests(SqliteHost host) : DisputeStatisticsPrivacyTests(host);
