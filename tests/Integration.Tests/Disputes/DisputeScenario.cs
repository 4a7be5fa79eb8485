using System.Globalization;
using System.Text.Json;
using IpShield.Integration.Tests.Enterprises;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;
using IpShield.SharedKernel.GraphQL.Relay;

namespace IpShield.Integration.Tests.Disputes;

/// <summary>A park with two workstations, enterprises registered and settled through the API, and the disputes mutations.</summary>
internal sealed class DisputeScenario(GraphQLClient admin)
{
    public const string CaseFields =
        "id version title kind platform market flow { key } stage { key isFinal } stageEnteredOn stageDueOn stageDeadlineMissed outcome closedOn " +
        "enterprise { id } timeline { kind fromStage toStage on note } amounts { kind amount currency }";

    public string Tag { get; } = WorkstationScenario.Tag();

    /// <summary>Today in the parks' calendar (Asia/Shanghai), which the host checks dates against: after 16:00 UTC it is already tomorrow there.</summary>
    public static DateOnly Today => IpShield.SharedKernel.Time.ParkCalendar.Today(TimeProvider.System);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string DaysAgo(int days) => Iso(Today.AddDays(-days));

    public static Guid Key(string globalId) => GlobalId.TryDecode(globalId, out _, out var key) ? key : throw new ArgumentException(globalId);

    public async Task<(string Park, string Own, string Other)> WorkstationsAsync()
    {
        var workstations = new WorkstationScenario(admin);
        var park = await workstations.RegisterParkAsync($"Dispute park {Tag}");
        var own = (await workstations.OpenAsync(park, $"Dispute WS {Tag}")).Str("id");
        var other = (await workstations.OpenAsync(park, $"Other dispute WS {Tag}")).Str("id");
        return (park, own, other);
    }

    public async Task<string> EnterpriseAsync(string name, string[] markets, string[] platforms, string[] categories, string? park = null, string? workstation = null)
    {
        var data = await admin.DataAsync(
            "mutation($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { enterprise { id } errors { code message } } }",
            new { input = new { creditCode = EnterpriseScenario.NewCreditCode(), nameZh = $"{name} {Tag}", targetMarkets = markets, salesPlatforms = platforms, productCategories = categories } });
        Assert.True(data.At("registerEnterprise.errors").GetArrayLength() == 0, data.ToString());
        var id = data.Str("registerEnterprise.enterprise.id");
        if (park is not null)
        {
            await SettleAsync(id, park, workstation!);
        }

        return id;
    }

    public async Task SettleAsync(string enterprise, string park, string workstation)
    {
        var settled = await new EnterpriseScenario(admin).MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterprise, parkId = park, workstationId = workstation, settledOn = "2025-01-06" });
        Assert.Empty(EnterpriseScenario.Codes(settled));
    }

    /// <summary>Waits until the Disputes module has heard where the enterprise is settled (through the outbox, ADR 0013).</summary>
    public async Task KnownToStaffAsync(GraphQLClient staff, string caseId)
    {
        try
        {
            await Eventually.MatchAsync(() => staff.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id = caseId }), d => d.At("node").ValueKind != JsonValueKind.Null, "staff see the case");
        }
        catch (Exception e)
        {
            throw new InvalidOperationException((await admin.DataAsync("{ deadLetters { type error } }")).ToString(), e);
        }
    }

    public Task<JsonElement> OpenAsync(object input) => MutateAsync(admin, "openDisputeCase", "OpenDisputeCaseInput", input);

    public Task<JsonElement> MoveAsync(string caseId, string stage, DateOnly on, GraphQLClient? client = null) =>
        MutateAsync(client ?? admin, "moveDisputeCase", "MoveDisputeCaseInput", new { caseId, stage, on = Iso(on), note = $"moved to {stage}" });

    public Task<JsonElement> CloseAsync(string caseId, string? outcome, DateOnly on, object[]? amounts = null) =>
        MutateAsync(admin, "closeDisputeCase", "CloseDisputeCaseInput", new { caseId, outcome, on = Iso(on), amounts });

    public static async Task<JsonElement> MutateAsync(GraphQLClient client, string field, string inputType, object input)
    {
        var data = await client.DataAsync($"mutation($input: {inputType}!) {{ {field}(input: $input) {{ disputeCase {{ {CaseFields} }} errors {{ code message field }} }} }}", new { input });
        return data.At(field);
    }

    public static IReadOnlyList<string?> Codes(JsonElement payload) => EnterpriseScenario.Codes(payload);
}
