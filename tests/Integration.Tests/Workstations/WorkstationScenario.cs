using System.Text.Json;
using IpShield.Integration.Tests.Infrastructure;

namespace IpShield.Integration.Tests.Workstations;

/// <summary>Sets up parks and workstations through the public API, as the city centre would.</summary>
internal sealed class WorkstationScenario(GraphQLClient client)
{
    public const string WorkstationFields = "id name level status openedOn closedOn head contact version servicesOffered park { id name }";

    public async Task<string> RegisterParkAsync(string name, string city = "Wuhan", string? district = null)
    {
        var data = await client.DataAsync(
            "mutation($input: RegisterParkInput!) { registerPark(input: $input) { park { id } errors { code } } }",
            new { input = new { name, city, district } });
        return data.Str("registerPark.park.id");
    }

    public async Task<JsonElement> OpenAsync(string parkId, string name, string openedOn = "2024-10-15", string level = "DISTRICT")
    {
        var data = await client.DataAsync(
            $"mutation($input: OpenWorkstationInput!) {{ openWorkstation(input: $input) {{ workstation {{ {WorkstationFields} }} errors {{ code message field }} }} }}",
            new { input = new { name, parkId, openedOn, level, servicesOffered = new[] { "TRAINING", "GUIDANCE" } } });
        Assert.Equal(0, data.At("openWorkstation.errors").GetArrayLength());
        return data.At("openWorkstation.workstation");
    }

    /// <summary>A unique tag so tests sharing one database see only their own rows.</summary>
    public static string Tag() => Guid.NewGuid().ToString("N")[..8];
}
