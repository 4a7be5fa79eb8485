using System.Text.Json;
using IpShield.Integration.Tests.Infrastructure;
using static IpShield.Integration.Tests.Disputes.DisputeScenario;

namespace IpShield.Integration.Tests.Disputes;

/// <summary>Mediation records on a case (DB4201/T 723-2024's consultation record and mediation flow), on each database.</summary>
public abstract class MediationTests(PlatformHost host)
{
    private const string Fields = "mediation { id consultedOn consultation applicant respondent mediator { name kind } result agreement concludedOn } errors { code message field }";

    private readonly GraphQLClient _admin = host.CreateClient();

    [Fact]
    public async Task A_mediation_keeps_its_consultation_parties_and_mediator_and_ends_once_with_or_without_an_agreement()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, _) = await scenario.WorkstationsAsync();
        var enterprise = await scenario.EnterpriseAsync("调解企业", ["AE"], ["NOON"], [], park, own);
        var caseId = (await scenario.OpenAsync(new { enterpriseId = enterprise, title = "noon complaint to mediate", kind = "PLATFORM_COMPLAINT", platform = "NOON", market = "AE", startedOn = DaysAgo(10) })).Str("disputeCase.id");
        var mediator = await ExpertAsync($"调解员 {scenario.Tag}", "MEDIATOR");
        var lawyer = await ExpertAsync($"律师 {scenario.Tag}", "LAWYER");

        var byLawyer = await RecordAsync(caseId, lawyer);
        var recorded = await RecordAsync(caseId, mediator);
        var mediation = recorded.Str("mediation.id");
        var concluded = await ConcludeAsync(mediation, true, "Listing images replaced; complaint withdrawn.");
        var again = await ConcludeAsync(mediation, false, null);
        var onCase = (await _admin.DataAsync("query($id: ID!) { node(id: $id) { ... on DisputeCase { mediations { id result applicant mediator { name } } timeline { kind note } } } }", new { id = caseId })).At("node");

        Assert.Equal(["NOT_A_MEDIATOR"], Codes(byLawyer));
        Assert.Empty(Codes(recorded));
        Assert.Equal("MEDIATING", recorded.Str("mediation.result"));
        Assert.Equal(DaysAgo(3), recorded.Str("mediation.consultedOn"));
        Assert.Equal("MEDIATOR", recorded.Str("mediation.mediator.kind"));
        Assert.Empty(Codes(concluded));
        Assert.Equal("AGREEMENT_REACHED", concluded.Str("mediation.result"));
        Assert.Equal(Iso(Today), concluded.Str("mediation.concludedOn"));
        Assert.Equal(["MEDIATION_CONCLUDED"], Codes(again));
        var only = Assert.Single(onCase.GetProperty("mediations").EnumerateArray());
        Assert.Equal(mediation, only.Str("id"));
        Assert.Equal("AGREEMENT_REACHED", only.Str("result"));
        Assert.Equal($"调解员 {scenario.Tag}", only.Str("mediator.name"));
        Assert.Contains(onCase.GetProperty("timeline").EnumerateArray(), t => t.Str("note") == "Mediation: agreement reached");
    }

    [Fact]
    public async Task Staff_of_another_workstation_can_neither_record_nor_conclude_a_mediation_on_a_case_they_cannot_see()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, other) = await scenario.WorkstationsAsync();
        var enterprise = await scenario.EnterpriseAsync("调解企业", ["AE"], ["NOON"], [], park, own);
        var caseId = (await scenario.OpenAsync(new { enterpriseId = enterprise, title = "private mediation", kind = "PLATFORM_COMPLAINT", platform = "NOON", market = "AE", startedOn = DaysAgo(5) })).Str("disputeCase.id");
        var mediator = await ExpertAsync($"调解员 {scenario.Tag}", "MEDIATOR");
        var mediation = (await RecordAsync(caseId, mediator)).Str("mediation.id");
        var ownStaff = host.CreateClient(await host.Identity.PersonTokenAsync("workstation_staff", [Key(own)]));
        var stranger = host.CreateClient(await host.Identity.PersonTokenAsync("workstation_staff", [Key(other)]));
        await scenario.KnownToStaffAsync(ownStaff, caseId); // the case is placed at its workstation: the rule, not a late placement, hides it

        var recorded = await RecordAsync(caseId, mediator, stranger);
        var concluded = await ConcludeAsync(mediation, false, "no", stranger);

        Assert.Equal(["NOT_FOUND"], Codes(recorded));
        Assert.Equal(["NOT_FOUND"], Codes(concluded));
    }

    private async Task<string> ExpertAsync(string name, string kind) =>
        (await _admin.DataAsync("mutation($input: RegisterExpertInput!) { registerExpert(input: $input) { expert { id } } }", new { input = new { name, kind, jurisdictions = new[] { "AE" } } }))
            .Str("registerExpert.expert.id");

    private async Task<JsonElement> RecordAsync(string caseId, string mediatorId, GraphQLClient? client = null) =>
        (await (client ?? _admin).DataAsync($"mutation($input: RecordMediationInput!) {{ recordMediation(input: $input) {{ {Fields} }} }}", new
        {
            input = new { caseId, mediatorId, consultedOn = DaysAgo(3), consultation = "咨询记录：noon 投诉下架，企业请求调解。", applicant = "The enterprise", respondent = "A GCC distributor" },
        })).At("recordMediation");

    private async Task<JsonElement> ConcludeAsync(string mediationId, bool agreementReached, string? agreement, GraphQLClient? client = null) =>
        (await (client ?? _admin).DataAsync($"mutation($input: ConcludeMediationInput!) {{ concludeMediation(input: $input) {{ {Fields} }} }}", new
        {
            input = new { mediationId, agreementReached, agreement, on = Iso(Today) },
        })).At("concludeMediation");
}

[Collection(MariaDbCollection.Name)]
public sealed class MediationOnMariaDbTests(MariaDbHost host) : MediationTests(host);

[Collection(SqliteCollection.Name)]
public sealed class MediationOnSqliteTests(SqliteHost host) : MediationTests(host);
