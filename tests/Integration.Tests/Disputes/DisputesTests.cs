using System.Text.Json;
using IpShield.Disputes.Contracts;
using IpShield.Disputes.Persistence;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.Time;
using static IpShield.Integration.Tests.Disputes.DisputeScenario;

namespace IpShield.Integration.Tests.Disputes;

/// <summary>Dispute cases walking each platform's flow, with their clocks, refusals, outcomes and who may see them, on each database.</summary>
public abstract class DisputesTests(PlatformHost host)
{
    private readonly GraphQLClient _admin = host.CreateClient();

    /// <summary>Each platform's flow from its first stage to an outcome: (stage, days ago) steps after opening.</summary>
    public static TheoryData<string, string, string, string, int, string, string> Walks => new()
    {
        // kind, platform, market, expected flow, opened days ago, steps "STAGE@daysAgo;…", outcome
        { "PLATFORM_COMPLAINT", "ALI_EXPRESS", "RU", "aliexpress-ipp", 1, "COUNTER_NOTICE_FILED@0;DECIDED@0", "REINSTATED" },
        { "TAKEDOWN", "EBAY", "DE", "ebay-vero", 30, "RIGHTS_OWNER_CONTACTED@20;ESCALATED@1;DECIDED@0", "UPHELD" },
        { "TAKEDOWN", "AMAZON", "US", "amazon-dmca", 30, "COUNTER_NOTICE_FILED@25;REINSTATED@0", "REINSTATED" },
        { "PLATFORM_COMPLAINT", "AMAZON", "US", "amazon-apex", 40, "OPTED_IN@30;OWNER_BRIEF_FILED@20;SELLER_BRIEF_FILED@10;EVALUATED@0", "UPHELD" },
        { "LAWSUIT", "AMAZON", "US", "schedule-a", 10, "TRO_EXTENDED@5;SERVED@3;ANSWERED@0;SETTLEMENT_TALKS@0", "SETTLED" },
        { "TRADEMARK_SQUATTING", "NONE", "CN", "cn-opposition", 30, "OPPOSITION_FILED@1;DECIDED@0", "UPHELD" },
        { "PLATFORM_COMPLAINT", "NOON", "AE", "general", 3, "RESPONDED@2;DECIDED@0", "WITHDRAWN" },
    };

    [Theory]
    [MemberData(nameof(Walks))]
    public async Task A_case_walks_its_platforms_flow_to_an_outcome_with_every_step_on_its_timeline(
        string kind, string platform, string market, string flow, int openedDaysAgo, string steps, string outcome)
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, _) = await scenario.WorkstationsAsync();
        var enterprise = await scenario.EnterpriseAsync("纠纷企业", ["US"], ["AMAZON"], [], park, own);
        var opened = await scenario.OpenAsync(new { enterpriseId = enterprise, title = $"{flow} case", kind, platform, market, startedOn = DaysAgo(openedDaysAgo) });
        var caseId = opened.Str("disputeCase.id");

        var moves = new List<JsonElement>();
        foreach (var step in steps.Split(';'))
        {
            var (stage, daysAgo) = (step.Split('@')[0], int.Parse(step.Split('@')[1], System.Globalization.CultureInfo.InvariantCulture));
            moves.Add(await scenario.MoveAsync(caseId, stage, Today.AddDays(-daysAgo)));
        }

        var closed = await scenario.CloseAsync(caseId, outcome, Today, [new { kind = "LOSSES_AVOIDED", amount = 12500.50m, currency = "usd" }]);

        Assert.Empty(Codes(opened));
        Assert.Equal(flow, opened.Str("disputeCase.flow.key"));
        Assert.Equal(enterprise, opened.Str("disputeCase.enterprise.id"));
        Assert.All(moves, m => Assert.Empty(Codes(m)));
        Assert.Empty(Codes(closed));
        Assert.Equal(outcome, closed.Str("disputeCase.outcome"));
        Assert.Equal(Iso(Today), closed.Str("disputeCase.closedOn"));
        Assert.False(closed.At("disputeCase.stageDeadlineMissed").GetBoolean());
        var timeline = closed.At("disputeCase.timeline").EnumerateArray().ToList();
        Assert.Equal(["OPENED", .. moves.Select(_ => "STAGE_CHANGED"), "CLOSED"], timeline.Select(t => t.Str("kind")));
        Assert.Equal(steps.Split(';').Select(s => s.Split('@')[0]), timeline.Skip(1).SkipLast(1).Select(t => t.Str("toStage")));
        Assert.Equal("USD", closed.Str("disputeCase.amounts.0.currency"));
        Assert.Equal(12500.50m, closed.At("disputeCase.amounts.0.amount").GetDecimal());
    }

    [Fact]
    public async Task A_squatted_mark_is_invalidated_within_five_years_of_its_registration_or_at_any_time_when_registered_in_bad_faith()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, _) = await scenario.WorkstationsAsync();
        var enterprise = await scenario.EnterpriseAsync("无效宣告企业", ["CN"], ["ALI_EXPRESS"], [], park, own);
        object Squat(string title, DateOnly registeredOn, bool badFaith) => new
        {
            enterpriseId = enterprise, title, kind = "TRADEMARK_SQUATTING", platform = "NONE", market = "CN", flow = "cn-invalidation", startedOn = Iso(registeredOn), badFaith,
        };
        var recent = await scenario.OpenAsync(Squat("Registered last year", Today.AddYears(-1), false));
        var old = await scenario.OpenAsync(Squat("Registered six years ago", Today.AddYears(-6), false));
        var inBadFaith = await scenario.OpenAsync(Squat("Registered six years ago in bad faith", Today.AddYears(-6), true));
        var recentId = recent.Str("disputeCase.id")!;

        var filed = await scenario.MoveAsync(recentId, "INVALIDATION_FILED", Today);
        var decided = await scenario.MoveAsync(recentId, "DECIDED", Today);
        var closed = await scenario.CloseAsync(recentId, "UPHELD", Today);
        var late = await scenario.MoveAsync(old.Str("disputeCase.id")!, "INVALIDATION_FILED", Today);
        var anyTime = await scenario.MoveAsync(inBadFaith.Str("disputeCase.id")!, "INVALIDATION_FILED", Today);

        Assert.All(new[] { recent, old, inBadFaith }, c => Assert.Empty(Codes(c)));
        Assert.All(new[] { recent, old, inBadFaith }, c => Assert.Equal("cn-invalidation", c.Str("disputeCase.flow.key")));
        Assert.Equal(Iso(Today.AddYears(-1).AddYears(5)), recent.Str("disputeCase.stageDueOn"));
        Assert.Empty(Codes(filed));
        Assert.Empty(Codes(decided));
        Assert.Equal("UPHELD", closed.Str("disputeCase.outcome"));
        Assert.Equal(["OPENED", "STAGE_CHANGED", "STAGE_CHANGED", "CLOSED"], closed.At("disputeCase.timeline").EnumerateArray().Select(t => t.Str("kind")));
        Assert.True(old.At("disputeCase.stageDeadlineMissed").GetBoolean());
        Assert.Equal(["STAGE_DEADLINE_MISSED"], Codes(late));
        Assert.Equal(JsonValueKind.Null, inBadFaith.At("disputeCase.stageDueOn").ValueKind); // no limit for bad faith
        Assert.False(inBadFaith.At("disputeCase.stageDeadlineMissed").GetBoolean());
        Assert.Empty(Codes(anyTime));
        Assert.Equal("INVALIDATION_FILED", anyTime.Str("disputeCase.stage.key"));
    }

    [Fact]
    public async Task Each_stage_carries_the_due_day_of_its_own_rule()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, _) = await scenario.WorkstationsAsync();
        var enterprise = await scenario.EnterpriseAsync("时限企业", ["US"], ["AMAZON"], [], park, own);
        var ipp = await scenario.OpenAsync(new { enterpriseId = enterprise, title = "IPP", kind = "PLATFORM_COMPLAINT", platform = "ALI_EXPRESS", market = "ES", startedOn = DaysAgo(1) });
        var tro = await scenario.OpenAsync(new { enterpriseId = enterprise, title = "Schedule A", kind = "LAWSUIT", platform = "AMAZON", market = "US", startedOn = DaysAgo(10) });
        var extended = await scenario.MoveAsync(tro.Str("disputeCase.id"), "TRO_EXTENDED", Today.AddDays(-5));

        Assert.Equal(Iso(BusinessDays.Add(Today.AddDays(-1), 3)), ipp.Str("disputeCase.stageDueOn"));
        Assert.Equal(Iso(Today.AddDays(-10 + 14)), tro.Str("disputeCase.stageDueOn"));
        Assert.Equal(Iso(Today.AddDays(-10 + 28)), extended.Str("disputeCase.stageDueOn")); // 28 days from the grant, not from the extension
    }

    [Fact]
    public async Task A_move_the_flow_does_not_allow_is_a_typed_error_and_changes_nothing()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, _) = await scenario.WorkstationsAsync();
        var enterprise = await scenario.EnterpriseAsync("拒绝企业", ["RU"], ["ALI_EXPRESS"], [], park, own);
        var caseId = (await scenario.OpenAsync(new { enterpriseId = enterprise, title = "IPP", kind = "PLATFORM_COMPLAINT", platform = "ALI_EXPRESS", market = "RU", startedOn = DaysAgo(1) })).Str("disputeCase.id");

        var refused = await scenario.MoveAsync(caseId, "DECIDED", Today);
        var unknown = await scenario.MoveAsync(caseId, "NO_SUCH_STAGE", Today);
        var now = await _admin.DataAsync($"query($id: ID!) {{ node(id: $id) {{ ... on DisputeCase {{ {CaseFields} }} }} }}", new { id = caseId });

        Assert.Equal(["TRANSITION_NOT_ALLOWED"], Codes(refused));
        Assert.Contains("COUNTER_NOTICE_FILED", refused.Str("errors.0.message"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, refused.At("disputeCase").ValueKind);
        Assert.Equal(["TRANSITION_NOT_ALLOWED"], Codes(unknown));
        Assert.Equal("COMPLAINT_RECEIVED", now.Str("node.stage.key"));
        Assert.Equal(1, now.At("node.version").GetInt32());
        Assert.Equal(1, now.At("node.timeline").GetArrayLength());
    }

    [Fact]
    public async Task A_missed_counter_notice_window_shows_on_the_case_and_the_late_counter_notice_is_refused()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, _) = await scenario.WorkstationsAsync();
        var enterprise = await scenario.EnterpriseAsync("逾期企业", ["RU"], ["ALI_EXPRESS"], [], park, own);
        var opened = await scenario.OpenAsync(new { enterpriseId = enterprise, title = "IPP missed", kind = "TAKEDOWN", platform = "ALI_EXPRESS", market = "RU", startedOn = DaysAgo(20) });
        var caseId = opened.Str("disputeCase.id");
        var vero = await scenario.OpenAsync(new { enterpriseId = enterprise, title = "VeRO", kind = "TAKEDOWN", platform = "EBAY", market = "DE", startedOn = DaysAgo(1) });
        var contacted = await scenario.MoveAsync(vero.Str("disputeCase.id"), "RIGHTS_OWNER_CONTACTED", Today);

        var late = await scenario.MoveAsync(caseId, "COUNTER_NOTICE_FILED", Today);
        var onTimeButRecordedLate = await scenario.MoveAsync(caseId, "COUNTER_NOTICE_FILED", Today.AddDays(-19));
        var earlyEscalation = await scenario.MoveAsync(vero.Str("disputeCase.id"), "ESCALATED", Today);

        Assert.True(opened.At("disputeCase.stageDeadlineMissed").GetBoolean());
        Assert.Equal(["STAGE_DEADLINE_MISSED"], Codes(late));
        Assert.Empty(Codes(onTimeButRecordedLate)); // filed within the window, recorded afterwards
        Assert.False(onTimeButRecordedLate.At("disputeCase.stageDeadlineMissed").GetBoolean() && onTimeButRecordedLate.Str("disputeCase.stage.key") == "COMPLAINT_RECEIVED");
        Assert.Empty(Codes(contacted));
        Assert.Equal(["STAGE_DEADLINE_NOT_REACHED"], Codes(earlyEscalation));
    }

    [Fact]
    public async Task Opening_and_closing_a_case_tell_the_other_modules_with_its_flow_and_its_outcome()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, _) = await scenario.WorkstationsAsync();
        var enterprise = await scenario.EnterpriseAsync("事件企业", ["AE"], ["NOON"], [], park, own);
        var caseId = (await scenario.OpenAsync(new { enterpriseId = enterprise, title = "noon", kind = "PLATFORM_COMPLAINT", platform = "NOON", market = "AE", startedOn = DaysAgo(2) })).Str("disputeCase.id");
        await scenario.CloseAsync(caseId, "WITHDRAWN", Today);

        var opened = Assert.Single(await OutboxEvents.OfAsync<DisputesDbContext, CaseOpened>(host.Services, "disputes.case-opened.v1", Key(caseId)));
        var closed = Assert.Single(await OutboxEvents.OfAsync<DisputesDbContext, CaseClosed>(host.Services, "disputes.case-closed.v1", Key(caseId)));
        Assert.Equal((Key(enterprise), "general", "Noon", "AE"), (opened.EnterpriseId, opened.Flow, opened.Platform, opened.Market));
        Assert.Equal(("Withdrawn", Today), (closed.Outcome, closed.ClosedOn));
    }

    [Fact]
    public async Task A_case_cannot_close_without_an_outcome_and_a_closed_case_takes_no_more_moves()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, _) = await scenario.WorkstationsAsync();
        var enterprise = await scenario.EnterpriseAsync("结案企业", ["AE"], ["NOON"], [], park, own);
        var caseId = (await scenario.OpenAsync(new { enterpriseId = enterprise, title = "noon", kind = "PLATFORM_COMPLAINT", platform = "NOON", market = "AE", startedOn = DaysAgo(2) })).Str("disputeCase.id");

        var withoutOutcome = await scenario.CloseAsync(caseId, null, Today);
        var badMoney = await scenario.CloseAsync(caseId, "SETTLED", Today, [new { kind = "SETTLEMENT", amount = 10m, currency = "XYZ" }]);
        var closed = await scenario.CloseAsync(caseId, "SETTLED", Today, [new { kind = "SETTLEMENT", amount = 3000m, currency = "AED" }]);
        var moved = await scenario.MoveAsync(caseId, "RESPONDED", Today);
        var again = await scenario.CloseAsync(caseId, "WITHDRAWN", Today);

        Assert.Equal(["OUTCOME_REQUIRED"], Codes(withoutOutcome));
        Assert.Equal(["UNKNOWN_CURRENCY"], Codes(badMoney));
        Assert.Equal("SETTLED", closed.Str("disputeCase.outcome"));
        Assert.Equal(1, closed.At("disputeCase.amounts").GetArrayLength());
        Assert.Equal(["CASE_CLOSED"], Codes(moved));
        Assert.Equal(["CASE_CLOSED"], Codes(again));
    }

    [Fact]
    public async Task Staff_of_another_workstation_cannot_reach_a_case_through_node_the_enterprise_a_campaign_or_a_move()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, other) = await scenario.WorkstationsAsync();
        var enterprise = await scenario.EnterpriseAsync("保密企业", ["US"], ["AMAZON"], [], park, own);
        var campaign = (await _admin.DataAsync(
            "mutation($input: OpenDisputeCampaignInput!) { openDisputeCampaign(input: $input) { campaign { id } errors { code } } }",
            new { input = new { name = $"Schedule A {scenario.Tag}", kind = "LAWSUIT", openedOn = DaysAgo(5) } })).Str("openDisputeCampaign.campaign.id");
        var caseId = (await scenario.OpenAsync(new { enterpriseId = enterprise, title = "Schedule A", kind = "LAWSUIT", platform = "AMAZON", market = "US", startedOn = DaysAgo(5), campaignId = campaign })).Str("disputeCase.id");
        var ownStaff = host.CreateClient(await host.Identity.PersonTokenAsync("workstation_staff", [Key(own)]));
        var otherStaff = host.CreateClient(await host.Identity.PersonTokenAsync("workstation_staff", [Key(other)]));
        var member = host.CreateClient(await host.Identity.PersonTokenAsync("enterprise_member", enterprise: Key(enterprise)));
        const string Read = "query($id: ID!, $e: ID!, $c: ID!) { node(id: $id) { id } enterprise: node(id: $e) { ... on Enterprise { disputeCases { nodes { id } } } } " +
            "campaign: node(id: $c) { ... on DisputeCampaign { cases { nodes { id } } countsByStage { stage count } } } disputeCases(where: { enterprise: { eq: $e } }) { nodes { id } } }";

        await scenario.KnownToStaffAsync(ownStaff, caseId);
        var seen = await ownStaff.DataAsync(Read, new { id = caseId, e = enterprise, c = campaign });
        var hidden = await otherStaff.DataAsync(Read, new { id = caseId, e = enterprise, c = campaign });
        var missing = await otherStaff.DataAsync(Read, new { id = GlobalId.Encode("DisputeCase", Guid.CreateVersion7()), e = enterprise, c = campaign });
        var byMember = await member.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id = caseId });
        var otherMove = await scenario.MoveAsync(caseId, "SERVED", Today, otherStaff);
        var ownMove = await scenario.MoveAsync(caseId, "SERVED", Today, ownStaff);

        Assert.Equal(caseId, seen.Str("node.id"));
        Assert.Equal(caseId, seen.Str("enterprise.disputeCases.nodes.0.id"));
        Assert.Equal(caseId, seen.Str("campaign.cases.nodes.0.id"));
        Assert.Equal(caseId, seen.Str("disputeCases.nodes.0.id"));
        Assert.Equal(JsonValueKind.Null, hidden.At("node").ValueKind);
        Assert.Equal(0, hidden.At("disputeCases.nodes").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, hidden.At("enterprise").ValueKind); // Enterprise.disputeCases: not even the enterprise
        Assert.Equal(0, hidden.At("campaign.cases.nodes").GetArrayLength());
        Assert.Equal(0, hidden.At("campaign.countsByStage").GetArrayLength());
        Assert.Equal(missing.At("node").ToString(), hidden.At("node").ToString());
        Assert.Equal(caseId, byMember.Str("node.id"));
        Assert.Equal(["NOT_FOUND"], Codes(otherMove));
        Assert.Empty(Codes(ownMove));
    }

    [Fact]
    public async Task An_expert_sees_the_cases_assigned_to_them_and_nothing_else()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, _) = await scenario.WorkstationsAsync();
        var enterprise = await scenario.EnterpriseAsync("专家企业", ["CN"], ["AMAZON"], [], park, own);
        var assigned = (await scenario.OpenAsync(new { enterpriseId = enterprise, title = "Squatted mark", kind = "TRADEMARK_SQUATTING", platform = "NONE", market = "CN", startedOn = DaysAgo(10) })).Str("disputeCase.id");
        var notAssigned = (await scenario.OpenAsync(new { enterpriseId = enterprise, title = "Another squat", kind = "TRADEMARK_SQUATTING", platform = "NONE", market = "CN", startedOn = DaysAgo(10) })).Str("disputeCase.id");
        var userName = await host.Identity.CreatePersonAsync("expert");
        var account = await host.Identity.UserIdAsync(userName);
        var expertToken = await host.Identity.PersonTokenAsync("expert");
        var registered = await _admin.DataAsync(
            "mutation($input: RegisterExpertInput!) { registerExpert(input: $input) { expert { id name jurisdictions } errors { code } } }",
            new { input = new { name = $"律师 {scenario.Tag}", kind = "LAWYER", specialties = new[] { "Trademark oppositions" }, jurisdictions = new[] { "cn", "US" }, accountId = account } });
        var expertId = registered.Str("registerExpert.expert.id");
        var assign = await DisputeScenario.MutateAsync(_admin, "assignExpert", "AssignExpertInput", new { caseId = assigned, expertId });
        var expert = host.CreateClient(await TokenOfAsync(userName));

        var sees = await expert.DataAsync(
            "query($a: ID!, $n: ID!) { a: node(id: $a) { id ... on DisputeCase { experts { name } } } n: node(id: $n) { id } disputeCases { nodes { id } } experts { nodes { id } } }",
            new { a = assigned, n = notAssigned });
        var moved = await scenario.MoveAsync(assigned, "OPPOSITION_FILED", Today, expert);
        var otherExpert = host.CreateClient(expertToken);
        var seesNothing = await otherExpert.DataAsync("query($a: ID!) { a: node(id: $a) { id } disputeCases { nodes { id } } }", new { a = assigned });

        Assert.Equal(["CN", "US"], registered.At("registerExpert.expert.jurisdictions").EnumerateArray().Select(j => j.GetString()));
        Assert.Empty(Codes(assign));
        Assert.Equal(assigned, sees.Str("a.id"));
        Assert.Equal($"律师 {scenario.Tag}", sees.Str("a.experts.0.name"));
        Assert.Equal(JsonValueKind.Null, sees.At("n").ValueKind);
        Assert.Equal([assigned], sees.At("disputeCases.nodes").EnumerateArray().Select(n => n.Str("id")));
        Assert.Equal([expertId], sees.At("experts.nodes").EnumerateArray().Select(n => n.Str("id")));
        Assert.Empty(Codes(moved));
        Assert.Equal(JsonValueKind.Null, seesNothing.At("a").ValueKind);
        Assert.Equal(0, seesNothing.At("disputeCases.nodes").GetArrayLength());
    }

    [Fact]
    public async Task A_campaign_files_an_opposition_for_each_of_its_cases_each_keeping_its_own_timeline()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, other) = await scenario.WorkstationsAsync();
        var first = await scenario.EnterpriseAsync("抢注甲", ["CN"], ["ALI_EXPRESS"], [], park, own);
        var second = await scenario.EnterpriseAsync("抢注乙", ["CN"], ["ALI_EXPRESS"], [], park, own);
        var elsewhere = await scenario.EnterpriseAsync("抢注丙", ["CN"], ["ALI_EXPRESS"], [], park, other);
        var campaign = (await _admin.DataAsync(
            "mutation($input: OpenDisputeCampaignInput!) { openDisputeCampaign(input: $input) { campaign { id } errors { code } } }",
            new { input = new { name = $"Squatting wave {scenario.Tag}", kind = "TRADEMARK_SQUATTING", description = "One squatter, many marks", openedOn = DaysAgo(30) } })).Str("openDisputeCampaign.campaign.id");
        var cases = new List<string>();
        foreach (var enterprise in new[] { first, second, elsewhere })
        {
            cases.Add((await scenario.OpenAsync(new { enterpriseId = enterprise, title = "Squatted mark", kind = "TRADEMARK_SQUATTING", platform = "NONE", market = "CN", startedOn = DaysAgo(30), campaignId = campaign })).Str("disputeCase.id"));
        }

        var staff = host.CreateClient(await host.Identity.PersonTokenAsync("workstation_staff", [Key(own)]));
        await scenario.KnownToStaffAsync(staff, cases[1]);
        var wrong = await staff.DataAsync(BulkMove, new { input = new { campaignId = campaign, fromStage = "MARK_PUBLISHED", stage = "DECIDED", on = Iso(Today) } });
        var filed = await staff.DataAsync(BulkMove, new { input = new { campaignId = campaign, fromStage = "MARK_PUBLISHED", stage = "OPPOSITION_FILED", on = Iso(Today), note = "Opposition filed with CNIPA" } });
        var counts = await _admin.DataAsync("query($c: ID!) { node(id: $c) { ... on DisputeCampaign { countsByStage { stage count } cases { nodes { id stage { key } timeline { toStage note } } } } } }", new { c = campaign });

        Assert.Equal(["TRANSITION_NOT_ALLOWED", "TRANSITION_NOT_ALLOWED"], wrong.At("moveDisputeCampaignCases.errors").EnumerateArray().Select(e => e.Str("code")));
        Assert.Empty(filed.At("moveDisputeCampaignCases.errors").EnumerateArray());
        Assert.Equal([("MARK_PUBLISHED", 1), ("OPPOSITION_FILED", 2)], counts.At("node.countsByStage").EnumerateArray().Select(s => (s.Str("stage")!, s.At("count").GetInt32())));
        var byCase = counts.At("node.cases.nodes").EnumerateArray().ToDictionary(n => n.Str("id")!);
        Assert.Equal("MARK_PUBLISHED", byCase[cases[2]].Str("stage.key")); // another workstation's case: not the staff's to move
        foreach (var moved in cases.Take(2))
        {
            Assert.Equal(["MARK_PUBLISHED", "OPPOSITION_FILED"], byCase[moved].At("timeline").EnumerateArray().Select(t => t.Str("toStage")));
            Assert.Equal("Opposition filed with CNIPA", byCase[moved].Str("timeline.1.note"));
        }
    }

    [Fact]
    public async Task Evidence_is_stored_with_its_SHA_256_and_downloads_only_for_those_who_may_see_the_case()
    {
        var scenario = new DisputeScenario(_admin);
        var (park, own, other) = await scenario.WorkstationsAsync();
        var enterprise = await scenario.EnterpriseAsync("证据企业", ["AE"], ["NOON"], [], park, own);
        var caseId = (await scenario.OpenAsync(new { enterpriseId = enterprise, title = "noon complaint", kind = "PLATFORM_COMPLAINT", platform = "NOON", market = "AE", startedOn = DaysAgo(2) })).Str("disputeCase.id");
        var content = System.Text.Encoding.UTF8.GetBytes($"商标注册证 No. 17000001 — listing screenshot {scenario.Tag}");
        var ownStaff = host.CreateClient(await host.Identity.PersonTokenAsync("workstation_staff", [Key(own)]));
        var otherStaff = host.CreateClient(await host.Identity.PersonTokenAsync("workstation_staff", [Key(other)]));
        await scenario.KnownToStaffAsync(ownStaff, caseId);

        using var upload = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = Enterprises.ImportClient.Multipart(
                "mutation($input: AddCaseEvidenceInput!) { addCaseEvidence(input: $input) { disputeCase { evidence { fileName length sha256 downloadUrl } timeline { kind note } } errors { code } } }",
                new { input = new { caseId, file = (string?)null, note = "Registration certificate" } },
                new Dictionary<string, string[]> { ["0"] = ["variables.input.file"] },
                [("0", "证书.txt", content)]),
        };
        upload.Headers.Add("GraphQL-Preflight", "1");
        upload.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue(GraphQLClient.GraphQLResponseJson));
        var added = await ownStaff.SendAsync(upload);
        var evidence = added.Data.At("addCaseEvidence.disputeCase.evidence.0");
        var url = new Uri(evidence.Str("downloadUrl")!, UriKind.Relative);
        var byOwnStaff = await ownStaff.Http.GetAsync(url, TestContext.Current.CancellationToken);
        var byOtherStaff = await otherStaff.Http.GetAsync(url, TestContext.Current.CancellationToken);
        var byNobody = await host.CreateAnonymousClient().Http.GetAsync(url, TestContext.Current.CancellationToken);
        var nonexistent = await ownStaff.Http.GetAsync(new Uri($"/disputes/evidence/{GlobalId.Encode("EvidenceFile", Guid.CreateVersion7())}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.False(added.HasErrors, added.Text);
        Assert.Equal("证书.txt", evidence.Str("fileName"));
        Assert.Equal(content.Length, evidence.At("length").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), evidence.Str("sha256"));
        Assert.Equal("EVIDENCE_ADDED", added.Data.Str("addCaseEvidence.disputeCase.timeline.1.kind"));
        Assert.Equal(System.Net.HttpStatusCode.OK, byOwnStaff.StatusCode);
        Assert.Equal(content, await byOwnStaff.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, byOtherStaff.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, byNobody.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, nonexistent.StatusCode);
    }

    private const string BulkMove = "mutation($input: MoveDisputeCampaignCasesInput!) { moveDisputeCampaignCases(input: $input) { campaign { id } errors { code message field } } }";

    private async Task<string> TokenOfAsync(string userName) => (await OpenIdConnect.SignInAsync(host.Factory, userName, IdentityScenario.Password)).AccessToken;
}

[Collection(MariaDbCollection.Name)]
public sealed class DisputesOnMariaDbTests(MariaDbHost host) : DisputesTests(host);

[Collection(SqliteCollection.Name)]
public sealed class DisputesOnSqliteTests(SqliteHost host) : DisputesTests(host);
