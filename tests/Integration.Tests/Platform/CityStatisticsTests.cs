using System.Net;
using System.Text.Json;
using IpShield.Integration.Tests.Disputes;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.SharedKernel.Access;

namespace IpShield.Integration.Tests.Platform;

/// <summary>The city centre's view: every section over the whole city, and each park's own figures beside it.</summary>
public abstract class CityStatisticsTests(PlatformHost host)
{
    private const string Sections = "workstationCount serviceRecordCount enterprises { settled } portfolios { rights enterprisesWithCoverageGaps rightsByKindJurisdictionStatus { kind status jurisdiction rights } } training { sessionsHeld } disputes { openByStage { count } }";
    private static readonly string City = $"{{ cityStatistics {{ {Sections} parks {{ park {{ id }} {Sections} }} }} }}";

    private readonly GraphQLClient _admin = host.CreateClient();

    [Fact]
    public async Task The_whole_city_adds_up_to_its_parks_and_lists_each_park_with_its_own_figures()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, _) = await scenario.WorkstationsAsync();
        var seller = await scenario.EnterpriseAsync("城市统计企业", ["AE"], ["NOON"], [], park, own);
        Assert.Empty(DisputeScenario.Codes(await scenario.OpenAsync(new { enterpriseId = seller, title = "noon complaint", kind = "PLATFORM_COMPLAINT", platform = "NOON", market = "AE", startedOn = DisputeScenario.DaysAgo(3) })));
        var right = await _admin.DataAsync(
            "mutation($input: RecordIpRightInput!) { recordIpRight(input: $input) { errors { code } } }",
            new { input = new { enterpriseId = seller, kind = "TRADEMARK", jurisdiction = "CN", nameZh = "城市", niceClasses = new[] { 9 }, filedOn = "2024-01-05" } });
        Assert.Equal(0, right.At("recordIpRight.errors").GetArrayLength());

        // Sections follow settlements through the outbox: wait until this park's figures show the seller, its case, its
        // right and its coverage gap (the seller's markets reach Portfolios by a message of their own), and until the city's totals equal the sum of the parks' (read in one request).
        var city = await Eventually.MatchAsync(
            async () => (await _admin.DataAsync(City)).At("cityStatistics"),
            c => Park(c, park) is { } p && p.At("enterprises.settled").GetInt32() == 1 && p.At("portfolios.rights").GetInt32() == 1
                && p.At("portfolios.enterprisesWithCoverageGaps").GetInt32() == 1 && Sum(p.At("disputes.openByStage")) == 1 && Consistent(c),
            "this park's figures, and the city's totals adding up to its parks'");

        var mine = Park(city, park)!.Value;
        Assert.Equal(2, mine.At("workstationCount").GetInt32());
        Assert.Equal(1, mine.At("enterprises.settled").GetInt32());
        Assert.Equal(1, mine.At("portfolios.enterprisesWithCoverageGaps").GetInt32()); // sells to AE on noon with only a CN mark
        Assert.True(city.At("enterprises.settled").GetInt32() >= 1);
        Assert.True(Consistent(city));
    }

    [Fact]
    public async Task Only_the_city_centre_may_read_the_whole_city()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, _) = await scenario.WorkstationsAsync();
        var staff = host.CreateClient(await host.Identity.PersonTokenAsync(PlatformRoles.WorkstationStaff, [DisputeScenario.Key(own)]));
        var dashboard = host.CreateClient(await host.Identity.DashboardTokenAsync(DisputeScenario.Key(park)));

        foreach (var refused in new[] { staff, dashboard })
        {
            var answer = await refused.PostAsync("{ cityStatistics { workstationCount } }");
            Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
            Assert.Equal(["FORBIDDEN"], answer.ErrorCodes);
        }
    }

    private static JsonElement? Park(JsonElement city, string park) =>
        city.At("parks").EnumerateArray().Where(p => p.Str("park.id") == park).Select(p => (JsonElement?)p).FirstOrDefault();

    private static int Sum(JsonElement counts) => counts.EnumerateArray().Sum(c => c.At("count").GetInt32());

    /// <summary>The city's rights by kind, status and jurisdiction: one group per key (parks' groups merged), adding up to the parks'.</summary>
    private static bool RightGroupsAddUp(JsonElement city, IEnumerable<JsonElement> parks)
    {
        static IEnumerable<(string Key, int Rights)> Groups(JsonElement groups) =>
            groups.EnumerateArray().Select(g => ($"{g.Str("kind")}/{g.Str("status")}/{g.Str("jurisdiction")}", g.At("rights").GetInt32()));
        var ofCity = Groups(city).ToList();
        var ofParks = parks.SelectMany(Groups).GroupBy(g => g.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Rights));
        return ofCity.Select(g => g.Key).Distinct().Count() == ofCity.Count
            && ofCity.Count == ofParks.Count
            && ofCity.All(g => ofParks.GetValueOrDefault(g.Key) == g.Rights);
    }

    /// <summary>Counts that add up across parks do (distinct-enterprise figures are not sums, and are left out).</summary>
    private static bool Consistent(JsonElement city)
    {
        var parks = city.At("parks").EnumerateArray().ToList();
        int Total(Func<JsonElement, int> figure) => parks.Sum(figure);
        return city.At("workstationCount").GetInt32() == Total(p => p.At("workstationCount").GetInt32())
            && city.At("serviceRecordCount").GetInt32() == Total(p => p.At("serviceRecordCount").GetInt32())
            && city.At("enterprises.settled").GetInt32() == Total(p => p.At("enterprises.settled").GetInt32())
            && city.At("portfolios.rights").GetInt32() == Total(p => p.At("portfolios.rights").GetInt32())
            && city.At("portfolios.enterprisesWithCoverageGaps").GetInt32() == Total(p => p.At("portfolios.enterprisesWithCoverageGaps").GetInt32())
            && RightGroupsAddUp(city.At("portfolios.rightsByKindJurisdictionStatus"), parks.Select(p => p.At("portfolios.rightsByKindJurisdictionStatus")))
            && city.At("training.sessionsHeld").GetInt32() == Total(p => p.At("training.sessionsHeld").GetInt32())
            && Sum(city.At("disputes.openByStage")) == Total(p => Sum(p.At("disputes.openByStage")));
    }
}

[Collection(MariaDbCollection.Name)]
public sealed class CityStatisticsOnMariaDbTests(MariaDbHost host) : CityStatisticsTests(host);

[Collection(SqliteCollection.Name)]
public sealed class CityStatisticsOnSqliteTests(SqliteHost host) : CityStatisticsTests(host);
