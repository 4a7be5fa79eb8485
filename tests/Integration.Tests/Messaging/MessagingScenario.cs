using System.Text.Json;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;

namespace IpShield.Integration.Tests.Messaging;

/// <summary>Records services through the API and reads the statistics the ServiceRecorded subscriber keeps.</summary>
internal sealed class MessagingScenario(GraphQLClient client)
{
    public async Task<string> OpenWorkstationAsync()
    {
        var scenario = new WorkstationScenario(client);
        var tag = WorkstationScenario.Tag();
        var park = await scenario.RegisterParkAsync($"Messaging park {tag}");
        return (await scenario.OpenAsync(park, $"Messaging workstation {tag}", openedOn: "2024-01-01")).Str("id");
    }

    public async Task RecordConsultationAsync(string workstationId, string occurredOn = "2025-06-10")
    {
        var data = await client.DataAsync(
            "mutation($input: RecordServiceInput!) { recordService(input: $input) { errors { code } } }",
            new { input = new { workstationId, kind = "CONSULTATION", occurredOn, topic = "Trademark squatting" } });
        Assert.Equal(0, data.At("recordService.errors").GetArrayLength());
    }

    /// <summary>Consultations counted for the workstation in all months.</summary>
    public async Task<int> ConsultationsAsync(string workstationId)
    {
        var data = await client.DataAsync("query($id: ID!) { node(id: $id) { ... on Workstation { monthlyServiceStats { consultations } } } }", new { id = workstationId });
        return data.At("node.monthlyServiceStats").EnumerateArray().Sum(s => s.At("consultations").GetInt32());
    }

    public Task<int> ConsultationsEventuallyAsync(string workstationId, int expected) =>
        Eventually.MatchAsync(() => ConsultationsAsync(workstationId), n => n == expected, $"{expected} consultations counted");

    public async Task<List<JsonElement>> DeadLettersAsync(bool includeReplayed = false) =>
        [.. (await client.DataAsync("query($all: Boolean) { deadLetters(includeReplayed: $all) { id module type subscriber error attempts replayedAt payload } }", new { all = includeReplayed }))
            .At("deadLetters").EnumerateArray()];
}
