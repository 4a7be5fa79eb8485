using System.Text.Json;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.SharedKernel.GraphQL.Relay;

namespace IpShield.Integration.Tests.Identity;

public sealed partial class AccessMatrixTests
{
    [Fact]
    public async Task A_park_manager_sees_exact_figures_of_their_park_where_its_dashboard_sees_protected_ones()
    {
        var world = await Worlds.GetOrAdd(host, h => World.CreateAsync(h));
        const string query = "query($id: ID!) { parkStatistics(parkId: $id) { enterprises { settled byTargetMarket { groups { key enterprises } foldedGroups otherWithheld } privacy { exact } } } }";

        var manager = await world.Client(host, "managerA").DataAsync(query, new { id = world.ParkA });
        var centre = await world.Client(host, "admin").DataAsync(query, new { id = world.ParkA });
        var dashboard = await world.Client(host, "dashboardA").DataAsync(query, new { id = world.ParkA });

        // Park A has one settled enterprise (market AE): one enterprise is below the threshold of 3.
        Assert.True(manager.At("parkStatistics.enterprises.privacy.exact").GetBoolean());
        Assert.Equal(centre.At("parkStatistics.enterprises").GetRawText(), manager.At("parkStatistics.enterprises").GetRawText());
        Assert.Contains(manager.At("parkStatistics.enterprises.byTargetMarket.groups").EnumerateArray(), g => g.GetProperty("key").GetString() == "AE");
        Assert.False(dashboard.At("parkStatistics.enterprises.privacy.exact").GetBoolean());
        Assert.DoesNotContain(dashboard.At("parkStatistics.enterprises.byTargetMarket.groups").EnumerateArray(), g => g.GetProperty("key").GetString() == "AE");
    }

    [Fact]
    public async Task A_park_manager_is_created_with_their_park_and_refused_without_one()
    {
        var world = await Worlds.GetOrAdd(host, h => World.CreateAsync(h));
        const string create = "mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id roles park { id name } } errors { code field } } }";
        var admin = host.CreateClient();

        var withoutPark = await admin.DataAsync(create, new { input = new { userName = $"pm-{Guid.NewGuid():N}"[..20], displayName = "No park", password = "a long enough password", role = "park_manager" } });
        var created = await admin.DataAsync(create, new { input = new { userName = $"pm-{Guid.NewGuid():N}"[..20], displayName = "Manager of A", password = "a long enough password", role = "park_manager", parkId = world.ParkA } });

        Assert.Equal(JsonValueKind.Null, withoutPark.At("createPerson.person").ValueKind);
        var error = Assert.Single(withoutPark.At("createPerson.errors").EnumerateArray());
        Assert.Equal("REQUIRED", error.GetProperty("code").GetString());
        Assert.Equal("parkId", error.GetProperty("field").EnumerateArray().Last().GetString());
        Assert.Equal(world.ParkA, created.Str("createPerson.person.park.id"));
        Assert.Equal(new[] { "park_manager" }, created.At("createPerson.person.roles").EnumerateArray().Select(r => r.GetString()));

        // Moving them to another role takes the park away with the role.
        var changed = await admin.DataAsync(
            "mutation($input: ChangePersonAccessInput!) { changePersonAccess(input: $input) { person { roles park { id } } errors { code } } }",
            new { input = new { personId = created.Str("createPerson.person.id"), role = "workstation_staff", workstationIds = new[] { world.WorkstationA } } });
        Assert.Equal(0, changed.At("changePersonAccess.errors").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, changed.At("changePersonAccess.person.park").ValueKind);
    }

    [Fact]
    public async Task A_park_manager_gets_the_same_answer_for_another_park_as_for_a_park_that_does_not_exist()
    {
        var world = await Worlds.GetOrAdd(host, h => World.CreateAsync(h));
        var manager = world.Client(host, "managerA");
        const string query = "query($id: ID!) { parkStatistics(parkId: $id) { workstationCount } }";

        var otherPark = await manager.PostAsync(query, new { id = world.ParkB });
        var nonexistent = await manager.PostAsync(query, new { id = GlobalId.Encode("Park", Guid.CreateVersion7()) });

        Assert.Equal(nonexistent.Status, otherPark.Status);
        Assert.Equal(nonexistent.Text, otherPark.Text);
    }
}

internal static class ParkManagerMatrixRows
{
    /// <summary>
    /// A park manager reads what the park's own dashboard reads, and nothing else: every row of <c>dashboardA</c> again for
    /// <c>managerA</c> (so a field added later for dashboards is checked for managers too). A park manager without a park
    /// reads no park at all (fail closed).
    /// </summary>
    public static TheoryData<string, string, AccessMatrixTests.Outcome> WithParkManagerRows(this TheoryData<string, string, AccessMatrixTests.Outcome> rows)
    {
        var dashboardRows = rows.Select(row => row.Data).Where(row => row.Item1 == "dashboardA").ToList();
        foreach (var (_, operation, expected) in dashboardRows)
        {
            rows.Add("managerA", operation, expected);
        }

        rows.Add("managerA", "viewerWorkstations", AccessMatrixTests.Outcome.Forbidden);
        rows.Add("managerWithoutPark", "statsA", AccessMatrixTests.Outcome.Null);
        rows.Add("managerWithoutPark", "statsB", AccessMatrixTests.Outcome.Null);
        rows.Add("managerWithoutPark", "viewerPark", AccessMatrixTests.Outcome.Null);
        rows.Add("managerWithoutPark", "parks", AccessMatrixTests.Outcome.Forbidden);
        rows.Add("managerWithoutPark", "enterprises", AccessMatrixTests.Outcome.Forbidden);
        return rows;
    }
}
