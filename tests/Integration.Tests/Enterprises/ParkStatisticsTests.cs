using System.Text.Json;
using IpShield.Enterprises.Persistence;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;
using IpShield.SharedKernel.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Integration.Tests.Enterprises;

/// <summary>
/// The Enterprises section of park statistics as a park dashboard and as the city centre read it: the same figures,
/// except that the dashboard cannot single out one enterprise (groups and sums over fewer than 3 are folded or withheld).
/// </summary>
public abstract class ParkStatisticsTests(PlatformHost host)
{
    private const string Section = """
        query($id: ID!) { parkStatistics(parkId: $id) { enterprises(from: "2025-01-01", to: "2025-03-31") {
          settled settledPerMonth { month enterprises }
          byTargetMarket { groups { key enterprises } foldedGroups otherWithheld }
          bySalesPlatform { groups { key enterprises } }
          certifications { platform status enterprises } certificationsExpiringIn30Days certificationsExpiringIn90Days
          sales { month currency enterprises units revenue }
          privacy { exact minimumGroupSize } } } }
        """;

    private readonly GraphQLClient _admin = host.CreateClient();

    [Fact]
    public async Task The_centre_sees_exact_figures_and_a_park_dashboard_the_same_with_small_groups_protected()
    {
        var (park, parkId, _) = await SettledParkAsync();

        var exact = (await _admin.DataAsync(Section, new { id = park })).At("parkStatistics.enterprises");
        var dashboard = host.CreateClient(await host.Identity.DashboardTokenAsync(parkId));
        var protectedFigures = (await dashboard.DataAsync(Section, new { id = park })).At("parkStatistics.enterprises");

        Assert.Equal(5, exact.At("settled").GetInt32());
        Assert.Equal("2025-01-01:3 2025-02-01:2 2025-03-01:0", Months(exact.At("settledPerMonth")));
        Assert.Equal("AE=4 KZ=1", Groups(exact.At("byTargetMarket")));
        Assert.Equal("NOON=4 AMAZON=1", Groups(exact.At("bySalesPlatform")));
        Assert.Equal("2025-01-01 USD 3 350 3500.00|2025-02-01 USD 1 10 99.00", Sales(exact.At("sales")));
        Assert.Equal(1, exact.At("certificationsExpiringIn30Days").GetInt32());
        Assert.Equal("NOON CERTIFIED 1|NOON EXPIRED 1", Certifications(exact.At("certifications")));
        Assert.True(exact.At("privacy.exact").GetBoolean());

        Assert.Equal(5, protectedFigures.At("settled").GetInt32());
        Assert.Equal("2025-01-01:3 2025-02-01:- 2025-03-01:0", Months(protectedFigures.At("settledPerMonth")));
        // KZ alone (1) would single its seller out, and AE minus OTHER would give it back: both fold into OTHER.
        Assert.Equal("OTHER=5", Groups(protectedFigures.At("byTargetMarket")));
        Assert.Equal(2, protectedFigures.At("byTargetMarket.foldedGroups").GetInt32());
        Assert.Equal("2025-01-01 USD 3 350 3500.00|2025-02-01 USD - - -", Sales(protectedFigures.At("sales")));
        Assert.Equal(JsonValueKind.Null, protectedFigures.At("certificationsExpiringIn30Days").ValueKind);
        Assert.Equal("NOON CERTIFIED -|NOON EXPIRED -", Certifications(protectedFigures.At("certifications")));
        Assert.False(protectedFigures.At("privacy.exact").GetBoolean());
        Assert.Equal(3, protectedFigures.At("privacy.minimumGroupSize").GetInt32());
    }

    [Fact]
    public async Task A_dashboard_gets_nothing_for_another_park_exactly_as_for_a_park_that_does_not_exist()
    {
        var (_, parkId, _) = await SettledParkAsync();
        var scenario = new WorkstationScenario(_admin);
        var otherPark = await scenario.RegisterParkAsync($"Other park {WorkstationScenario.Tag()}");
        var dashboard = host.CreateClient(await host.Identity.DashboardTokenAsync(parkId));

        var other = await dashboard.DataAsync(Section, new { id = otherPark });
        var missing = await dashboard.DataAsync(Section, new { id = GlobalId.Encode("Park", Guid.CreateVersion7()) });

        Assert.Equal(JsonValueKind.Null, other.At("parkStatistics").ValueKind);
        Assert.Equal(missing.ToString(), other.ToString());
    }

    [Fact]
    public async Task The_park_sales_summary_equals_a_fresh_count_and_certifications_follow_after_sales_are_corrected_and_an_enterprise_moves_park()
    {
        var (park, _, ids) = await SettledParkAsync();
        var enterprises = new EnterpriseScenario(_admin);
        var workstations = new WorkstationScenario(_admin);
        var otherPark = await workstations.RegisterParkAsync($"Stats park B {WorkstationScenario.Tag()}");
        var otherWorkstation = (await workstations.OpenAsync(otherPark, $"Stats WS B {WorkstationScenario.Tag()}")).Str("id");

        // A correction that changes the currency, a second month for one enterprise, then that enterprise moves park.
        Assert.Empty(EnterpriseScenario.Codes(await enterprises.MutateAsync("recordMonthlySales", "RecordMonthlySalesInput", new { id = ids[0], month = "2025-01", units = 120, revenue = 1234.56m, currency = "EUR" })));
        Assert.Empty(EnterpriseScenario.Codes(await enterprises.MutateAsync("recordMonthlySales", "RecordMonthlySalesInput", new { id = ids[1], month = "2025-02", units = 5, revenue = 50.05m, currency = "USD" })));
        // The mover also holds an Amazon certificate expiring in 60 days: it must count where the enterprise is settled.
        var expires = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Empty(EnterpriseScenario.Codes(await enterprises.MutateAsync("changeCertificationStatus", "ChangeCertificationStatusInput",
            new { id = ids[1], platform = "AMAZON", status = "CERTIFIED", on = "2025-01-10", expiresOn = expires, certificateNumber = "AMZ-IPC-9" })));
        Assert.Empty(EnterpriseScenario.Codes(await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = ids[1], parkId = otherPark, workstationId = otherWorkstation, settledOn = "2025-03-01" })));
        // Revenue withdrawn: the row stays, without a currency, and leaves the summary.
        Assert.Empty(EnterpriseScenario.Codes(await enterprises.MutateAsync("recordMonthlySales", "RecordMonthlySalesInput", new { id = ids[2], month = "2025-01", units = 50 })));

        var query = "query($id: ID!) { parkStatistics(parkId: $id) { enterprises(from: \"2025-01-01\", to: \"2025-03-31\") { sales { month currency enterprises units revenue } } } }";
        Assert.Equal("2025-01-01 EUR 1 120 1234.56|2025-02-01 USD 1 10 99.00", Sales((await _admin.DataAsync(query, new { id = park })).At("parkStatistics.enterprises.sales")));
        Assert.Equal("2025-01-01 USD 1 200 2000.00|2025-02-01 USD 1 5 50.05", Sales((await _admin.DataAsync(query, new { id = otherPark })).At("parkStatistics.enterprises.sales")));

        // Every park's summary, not only these two: equal to counting the sales rows afresh.
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnterprisesDbContext>();
        var cancellation = TestContext.Current.CancellationToken;
        var fresh = (await (from s in db.MonthlySales.AsNoTracking()
                            join e in db.Enterprises.AsNoTracking() on s.EnterpriseId equals e.Id
                            where e.ParkId != null && s.Currency != null
                            select new { Park = e.ParkId!.Value, s.Month, s.Currency, s.Units, s.Revenue }).ToListAsync(cancellation))
            .GroupBy(r => (r.Park, r.Month, r.Currency))
            .Select(g => Row(g.Key.Park, g.Key.Month, g.Key.Currency!, g.Count(), g.Sum(r => r.Units), g.Sum(r => r.Revenue ?? 0m)))
            .Order(StringComparer.Ordinal)
            .ToList();
        var summary = (await db.ParkSalesMonths.AsNoTracking().Where(s => s.Enterprises != 0).ToListAsync(cancellation))
            .Select(s => Row(s.ParkId, s.Month, s.Currency, s.Enterprises, s.Units, s.RevenueCents / 100m))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Contains(fresh, r => r.EndsWith(" 2025-01 USD 1 200 2000.00", StringComparison.Ordinal));
        Assert.Equal(fresh, summary);

        // Certifications are counted by the park they carry, a copy of their enterprise's: every one equals it, and the
        // mover's certificate counts for the park it moved to, not for the one it left.
        var certificationParks = await (from c in db.Certifications.AsNoTracking()
                                        join e in db.Enterprises.AsNoTracking() on c.EnterpriseId equals e.Id
                                        select new { c.Id, Copy = c.ParkId, e.ParkId }).ToListAsync(cancellation);
        Assert.DoesNotContain(certificationParks, c => c.Copy != c.ParkId);
        var certificationsQuery = "query($id: ID!) { parkStatistics(parkId: $id) { enterprises { certifications { platform status enterprises } certificationsExpiringIn90Days } } }";
        var left = (await _admin.DataAsync(certificationsQuery, new { id = park })).At("parkStatistics.enterprises");
        var arrived = (await _admin.DataAsync(certificationsQuery, new { id = otherPark })).At("parkStatistics.enterprises");
        Assert.Equal(("NOON CERTIFIED 1|NOON EXPIRED 1", 1), (Certifications(left.At("certifications")), left.At("certificationsExpiringIn90Days").GetInt32()));
        Assert.Equal(("AMAZON CERTIFIED 1", 1), (Certifications(arrived.At("certifications")), arrived.At("certificationsExpiringIn90Days").GetInt32()));
    }

    [Fact]
    public async Task Sales_recorded_at_once_for_one_park_and_month_all_count()
    {
        var (park, _, ids) = await SettledParkAsync();

        // All five enterprises of the park record March at the same moment: five additions to one summary row.
        var enterprises = new EnterpriseScenario(_admin);
        var answers = await Task.WhenAll(ids.Select((id, i) =>
            enterprises.MutateAsync("recordMonthlySales", "RecordMonthlySalesInput", new { id, month = "2025-03", units = 10 + i, revenue = 100.01m * (i + 1), currency = "CNY" })));

        Assert.All(answers, answer => Assert.Empty(EnterpriseScenario.Codes(answer)));
        var query = "query($id: ID!) { parkStatistics(parkId: $id) { enterprises(from: \"2025-03-01\", to: \"2025-03-31\") { sales { month currency enterprises units revenue } } } }";
        Assert.Equal("2025-03-01 CNY 5 60 1500.15", Sales((await _admin.DataAsync(query, new { id = park })).At("parkStatistics.enterprises.sales")));
    }

    private static string Row(Guid park, DateOnly month, string currency, int enterprises, long units, decimal revenue) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{park} {month:yyyy-MM} {currency} {enterprises} {units} {revenue:0.00}");

    /// <summary>Five enterprises settled in a new park: four sell on noon to the UAE, one on Amazon to Kazakhstan.</summary>
    private async Task<(string Park, Guid ParkId, IReadOnlyList<string> Enterprises)> SettledParkAsync()
    {
        var workstations = new WorkstationScenario(_admin);
        var park = await workstations.RegisterParkAsync($"Stats park {WorkstationScenario.Tag()}");
        var workstation = (await workstations.OpenAsync(park, $"Stats WS {WorkstationScenario.Tag()}")).Str("id");
        var enterprises = new EnterpriseScenario(_admin);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var kazakh = i == 4;
            var registered = await enterprises.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"统计企业{i}", markets: kazakh ? ["KZ"] : ["AE"], platforms: kazakh ? ["AMAZON"] : ["NOON"]);
            ids.Add(registered.Str("id"));
            var settled = await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = registered.Str("id"), parkId = park, workstationId = workstation, settledOn = i < 3 ? "2025-01-06" : "2025-02-03" });
            Assert.Empty(EnterpriseScenario.Codes(settled));
        }

        foreach (var (id, units, revenue) in new[] { (ids[0], 100, 1000m), (ids[1], 200, 2000m), (ids[2], 50, 500m) })
        {
            Assert.Empty(EnterpriseScenario.Codes(await enterprises.MutateAsync("recordMonthlySales", "RecordMonthlySalesInput", new { id, month = "2025-01", units, revenue, currency = "USD" })));
        }

        Assert.Empty(EnterpriseScenario.Codes(await enterprises.MutateAsync("recordMonthlySales", "RecordMonthlySalesInput", new { id = ids[4], month = "2025-02", units = 10, revenue = 99m, currency = "USD" })));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        Assert.Empty(EnterpriseScenario.Codes(await enterprises.MutateAsync("changeCertificationStatus", "ChangeCertificationStatusInput",
            new { id = ids[0], platform = "NOON", status = "CERTIFIED", on = "2025-01-10", expiresOn = today.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), certificateNumber = "NOON-IPC-1" })));
        // Certified once, lapsed since: counted as expired.
        Assert.Empty(EnterpriseScenario.Codes(await enterprises.MutateAsync("changeCertificationStatus", "ChangeCertificationStatusInput",
            new { id = ids[3], platform = "NOON", status = "CERTIFIED", on = "2025-01-10", expiresOn = "2025-06-30", certificateNumber = "NOON-IPC-4" })));

        GlobalId.TryDecode(park, out _, out var parkId);
        return (park, parkId, ids);
    }

    private static string Months(JsonElement months) =>
        string.Join(" ", months.EnumerateArray().Select(m => $"{m.Str("month")}:{Figure(m.At("enterprises"))}"));

    private static string Groups(JsonElement breakdown) =>
        string.Join(" ", breakdown.At("groups").EnumerateArray().Select(g => $"{g.Str("key")}={g.At("enterprises").GetInt32()}"));

    private static string Sales(JsonElement sales) =>
        string.Join("|", sales.EnumerateArray().Select(s => $"{s.Str("month")} {s.Str("currency")} {Figure(s.At("enterprises"))} {Figure(s.At("units"))} {Figure(s.At("revenue"), "0.00")}"));

    private static string Certifications(JsonElement counts) =>
        string.Join("|", counts.EnumerateArray().Select(c => $"{c.Str("platform")} {c.Str("status")} {Figure(c.At("enterprises"))}"));

    private static string Figure(JsonElement value, string? format = null) =>
        value.ValueKind == JsonValueKind.Null ? "-"
        : format is null ? value.GetRawText()
        : value.GetDecimal().ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}

[Collection(MariaDbCollection.Name)]
public sealed class ParkStatisticsOnMariaDbTests(MariaDbHost host) : ParkStatisticsTests(host);

[Collection(SqliteCollection.Name)]
public sealed class ParkStatisticsOnSqliteTests(SqliteHost host) : ParkStatisticsTests(host);
