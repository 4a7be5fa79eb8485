using IpShield.Integration.Tests.Disputes;
using IpShield.Integration.Tests.Infrastructure;

namespace IpShield.Integration.Tests.Workstations;

/// <summary>Consultations and guidance visits per month on a park's dashboard (<c>ParkStatistics.servicesPerMonth</c>).</summary>
public abstract class ParkServiceStatisticsTests(PlatformHost host)
{
    private const string PerMonth =
        "query($id: ID!) { parkStatistics(parkId: $id) { servicesPerMonth(from: \"2026-02-14\", to: \"2026-05-02\") { month consultations guidanceVisits } } }";

    private readonly GraphQLClient _admin = host.CreateClient();

    [Fact]
    public async Task Every_month_of_the_range_sums_the_parks_workstations_and_nothing_of_another_park()
    {
        var tag = WorkstationScenario.Tag();
        var workstations = new WorkstationScenario(_admin);
        var park = await workstations.RegisterParkAsync($"Services park {tag}");
        var elsewhere = await workstations.RegisterParkAsync($"Other services park {tag}");
        var first = (await workstations.OpenAsync(park, $"Services WS A {tag}")).Str("id");
        var second = (await workstations.OpenAsync(park, $"Services WS B {tag}")).Str("id");
        var foreign = (await workstations.OpenAsync(elsewhere, $"Services WS C {tag}")).Str("id");
        await RecordAsync(first, "CONSULTATION", "2026-03-02");
        await RecordAsync(second, "CONSULTATION", "2026-03-31");
        await RecordAsync(second, "GUIDANCE_VISIT", "2026-05-20"); // May is counted whole though the range ends on the 2nd
        await RecordAsync(foreign, "CONSULTATION", "2026-03-15");
        await RecordAsync(first, "CONSULTATION", "2026-01-31"); // before the range

        // Monthly counts are kept from ServiceRecorded events (the outbox): wait until all three in range are counted.
        var months = await Eventually.MatchAsync(
            async () => Months(await _admin.DataAsync(PerMonth, new { id = park })),
            m => m.Sum(x => x.Consultations + x.GuidanceVisits) == 3,
            "the park's three services in range to be counted");
        var dashboard = host.CreateClient(await host.Identity.DashboardTokenAsync(DisputeScenario.Key(park)));
        var seenByDashboard = Months(await dashboard.DataAsync(PerMonth, new { id = park }));

        Assert.Equal([("2026-02-01", 0, 0), ("2026-03-01", 2, 0), ("2026-04-01", 0, 0), ("2026-05-01", 0, 1)], months);
        Assert.Equal(months, seenByDashboard);
    }

    [Fact]
    public async Task A_range_ending_before_it_starts_is_refused_with_a_typed_error()
    {
        var park = await new WorkstationScenario(_admin).RegisterParkAsync($"Services range park {WorkstationScenario.Tag()}");

        var answer = await _admin.PostAsync(
            "query($id: ID!) { parkStatistics(parkId: $id) { servicesPerMonth(from: \"2026-06-01\", to: \"2026-05-31\") { month } } }", new { id = park });

        Assert.Equal("INVALID", answer.Body.Str("errors.0.extensions.code"));
    }

    private async Task RecordAsync(string workstationId, string kind, string occurredOn)
    {
        var data = await _admin.DataAsync(
            "mutation($input: RecordServiceInput!) { recordService(input: $input) { errors { code } } }",
            new { input = new { workstationId, kind, occurredOn, topic = "Brand registry on noon" } });
        Assert.Equal(0, data.At("recordService.errors").GetArrayLength());
    }

    private static List<(string Month, int Consultations, int GuidanceVisits)> Months(System.Text.Json.JsonElement data) =>
        [.. data.At("parkStatistics.servicesPerMonth").EnumerateArray()
            .Select(m => (m.Str("month"), m.At("consultations").GetInt32(), m.At("guidanceVisits").GetInt32()))];
}

[Collection(MariaDbCollection.Name)]
public sealed class ParkServiceStatisticsOnMariaDbTests(MariaDbHost host) : ParkServiceStatisticsTests(host);

[Collection(SqliteCollection.Name)]
public sealed class ParkServiceStatisticsOnSqliteTests(SqliteHost host) : ParkServiceStatisticsTests(host);
