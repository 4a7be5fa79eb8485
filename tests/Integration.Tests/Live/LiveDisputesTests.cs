using System.Text.Json;
using IpShield.Integration.Tests.Disputes;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.SharedKernel.Access;
using static IpShield.Integration.Tests.Disputes.DisputeScenario;

namespace IpShield.Integration.Tests.Live;

/// <summary>Risk warnings delivered to my enterprise and dispute cases changing stage, as they happen (ADR 0026).</summary>
public abstract class LiveDisputesTests(PlatformHost host)
{
    private const string Warnings = "subscription { riskWarningReceived { id enterprise { id } warning { id number } } }";
    private const string Stages = "subscription { caseStageChanged { fromStage toStage changedOn case { id enterprise { id } } } }";

    private readonly GraphQLClient _admin = host.CreateClient();

    [Fact]
    public async Task A_member_receives_the_warnings_delivered_to_their_enterprise_and_never_another_enterprise_s()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, _) = await scenario.WorkstationsAsync();
        var category = $"Robot vacuums {scenario.Tag}"; // this test's own category: no other test's enterprise matches
        var noonSeller = await scenario.EnterpriseAsync("扫地机诺恩卖家", ["AE"], ["NOON"], [category], park, own);
        var amazonSeller = await scenario.EnterpriseAsync("扫地机亚马逊卖家", ["US"], ["AMAZON"], [category], park, own);
        await Eventually.MatchAsync(() => host.OutboxesDrainedAsync(), done => done, "the outboxes delivered the settlements");
        var noonMember = host.CreateClient(await host.Identity.PersonTokenAsync(PlatformRoles.EnterpriseMember, enterprise: Key(noonSeller)));
        var amazonMember = host.CreateClient(await host.Identity.PersonTokenAsync(PlatformRoles.EnterpriseMember, enterprise: Key(amazonSeller)));
        await using var noonStream = await EventStream.OpenAsync(noonMember.Http, Warnings);
        await using var amazonStream = await EventStream.OpenAsync(amazonMember.Http, Warnings);

        var toNoon = await IssueAsync(scenario, "NOON", "AE", category);
        var received = await noonStream.UntilAsync(e => WarningOf(e) == toNoon, "the noon warning");
        // Issued after the first reached the live table: once the Amazon seller's member has it, they were offered the first.
        var toAmazon = await IssueAsync(scenario, "AMAZON", "US", category);
        await amazonStream.UntilAsync(e => WarningOf(e) == toAmazon, "the Amazon warning");

        Assert.Equal(noonSeller, received.Json.Str("data.riskWarningReceived.enterprise.id"));
        Assert.Equal($"LIVE-NOON-{scenario.Tag}", received.Json.Str("data.riskWarningReceived.warning.number"));
        Assert.DoesNotContain(amazonStream.Received, e => WarningOf(e) == toNoon);
        Assert.DoesNotContain(noonStream.Received, e => WarningOf(e) == toAmazon);
    }

    [Fact]
    public async Task Someone_who_is_not_a_member_must_name_the_enterprise()
    {
        var scenario = new DisputeScenario(_admin);
        var (_, own, _) = await scenario.WorkstationsAsync();
        var staff = host.CreateClient(await host.Identity.PersonTokenAsync(PlatformRoles.WorkstationStaff, [Key(own)]));

        await using var stream = await EventStream.OpenAsync(staff.Http, Warnings);
        var first = await stream.NextAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("INVALID", first!.Json.At("errors.0.extensions.code").GetString());
        Assert.Equal("complete", (await stream.NextAsync(TimeSpan.FromSeconds(60)))?.Event);
    }

    [Fact]
    public async Task A_member_sees_their_case_change_stage_and_not_another_enterprise_s_case()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, _) = await scenario.WorkstationsAsync();
        var sued = await scenario.EnterpriseAsync("被诉企业", ["US"], ["AMAZON"], [], park, own);
        var other = await scenario.EnterpriseAsync("另一被诉企业", ["US"], ["AMAZON"], [], park, own);
        var suedCase = (await scenario.OpenAsync(new { enterpriseId = sued, title = "Schedule A", kind = "LAWSUIT", platform = "AMAZON", market = "US", startedOn = DaysAgo(10) })).Str("disputeCase.id");
        var otherCase = (await scenario.OpenAsync(new { enterpriseId = other, title = "Schedule A", kind = "LAWSUIT", platform = "AMAZON", market = "US", startedOn = DaysAgo(10) })).Str("disputeCase.id");
        var suedMember = host.CreateClient(await host.Identity.PersonTokenAsync(PlatformRoles.EnterpriseMember, enterprise: Key(sued)));
        var otherMember = host.CreateClient(await host.Identity.PersonTokenAsync(PlatformRoles.EnterpriseMember, enterprise: Key(other)));
        await using var suedStream = await EventStream.OpenAsync(suedMember.Http, Stages);
        await using var otherStream = await EventStream.OpenAsync(otherMember.Http, Stages);

        Assert.Empty(Codes(await scenario.MoveAsync(suedCase, "TRO_EXTENDED", Today.AddDays(-5))));
        var moved = await suedStream.UntilAsync(e => CaseOf(e) == suedCase, "the sued enterprise's stage change");
        Assert.Empty(Codes(await scenario.MoveAsync(otherCase, "TRO_EXTENDED", Today.AddDays(-4))));
        await otherStream.UntilAsync(e => CaseOf(e) == otherCase, "the other enterprise's stage change");

        Assert.Equal(("TRO_GRANTED", "TRO_EXTENDED"), (moved.Json.Str("data.caseStageChanged.fromStage"), moved.Json.Str("data.caseStageChanged.toStage")));
        Assert.Equal(Iso(Today.AddDays(-5)), moved.Json.Str("data.caseStageChanged.changedOn"));
        Assert.Equal(sued, moved.Json.Str("data.caseStageChanged.case.enterprise.id"));
        Assert.DoesNotContain(otherStream.Received, e => CaseOf(e) == suedCase);
    }

    private async Task<string> IssueAsync(DisputeScenario scenario, string platform, string market, string category)
    {
        var issued = await _admin.DataAsync(
            "mutation($input: IssueRiskWarningInput!) { issueRiskWarning(input: $input) { riskWarning { id reach } errors { code message } } }",
            new
            {
                input = new
                {
                    number = $"LIVE-{platform}-{scenario.Tag}",
                    title = $"Complaints against robot vacuums on {platform}",
                    body = "A rights holder is filing complaints against robot vacuum listings.",
                    riskType = "PLATFORM_COMPLAINT_WAVE",
                    severity = "HIGH",
                    markets = new[] { market },
                    platforms = new[] { platform },
                    productCategories = new[] { category },
                    validUntil = Iso(Today.AddDays(30)),
                },
            });
        Assert.Empty(issued.At("issueRiskWarning.errors").EnumerateArray());
        Assert.Equal(1, issued.At("issueRiskWarning.riskWarning.reach").GetInt32());
        return issued.Str("issueRiskWarning.riskWarning.id");
    }

    private static string? WarningOf(ServerSentEvent e) =>
        e.Event == "next" && e.Json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? data.At("riskWarningReceived.warning.id").GetString()
            : null;

    private static string? CaseOf(ServerSentEvent e) =>
        e.Event == "next" && e.Json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? data.At("caseStageChanged.case.id").GetString()
            : null;
}

[Collection(MariaDbCollection.Name)]
public sealed class LiveDisputesOnMariaDbTests(MariaDbHost host) : LiveDisputesTests(host);

[Collection(SqliteCollection.Name)]
public sealed class LiveDisputesOnSqliteTests(SqliteHost host) : LiveDisputesTests(host);
