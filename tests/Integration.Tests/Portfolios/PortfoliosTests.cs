using System.Text.Json;
using IpShield.Integration.Tests.Enterprises;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Jobs;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.Time;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Integration.Tests.Portfolios;

/// <summary>Rights and their deadlines as a workstation keeps them for its enterprises, on each database.</summary>
public abstract class PortfoliosTests(PlatformHost host)
{
    private const string RightFields = "id status version kind jurisdiction nameZh nameEn nameAr markForm niceClasses registeredOn enterprise { id }";
    private const string DeadlinesOf =
        "query($id: ID!, $state: DeadlineState) { node(id: $id) { ... on Enterprise { deadlines(where: { task: { eq: RENEWAL }, state: { eq: $state } }) { totalCount nodes { id task ruleKey cycle dueOn windowOpensOn graceEndsOn state closedOn right { id } } } } } }";

    private readonly GraphQLClient _admin = host.CreateClient();

    /// <summary>Today in the park's time zone is never before today in UTC, so a UTC date is never "in the future".</summary>
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_CN_mark_shows_its_renewal_under_the_enterprise_and_after_renewal_the_next_terms()
    {
        var (enterprise, _, _) = await SettledEnterpriseAsync();
        var registeredOn = new DateOnly(Today.Year - 10, Today.Month, 15).AddMonths(3);
        var dueOn = registeredOn.AddYears(10).AddDays(-1); // CN Trademark Law art. 39: ten years from registration

        var recorded = await RecordCnMarkAsync(enterprise, registeredOn);
        var before = await _admin.DataAsync(DeadlinesOf, new { id = enterprise, state = (string?)null });
        var renewed = await MutateAsync("recordIpRightEvent", "RecordIpRightEventInput", new { rightId = recorded.Str("ipRight.id"), kind = "RENEWED", occurredOn = Iso(Today) });
        var open = await _admin.DataAsync(DeadlinesOf, new { id = enterprise, state = "OPEN" });
        var done = await _admin.DataAsync(DeadlinesOf, new { id = enterprise, state = "DONE" });

        Assert.Empty(Codes(recorded));
        Assert.Equal("REGISTERED", recorded.Str("ipRight.status"));
        Assert.Equal("商标 盾牌", recorded.Str("ipRight.nameZh"));
        Assert.Equal("درع", recorded.Str("ipRight.nameAr"));
        Assert.Equal([9, 35], recorded.At("ipRight.niceClasses").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal(enterprise, recorded.Str("ipRight.enterprise.id"));
        Assert.Equal(1, before.At("node.deadlines.totalCount").GetInt32());
        Assert.Equal(Iso(dueOn), before.Str("node.deadlines.nodes.0.dueOn"));
        Assert.Equal(Iso(dueOn.AddMonths(-12)), before.Str("node.deadlines.nodes.0.windowOpensOn"));
        Assert.Equal("OPEN", before.Str("node.deadlines.nodes.0.state"));
        Assert.Equal("tm.renewal.cn", before.Str("node.deadlines.nodes.0.ruleKey"));
        Assert.Empty(Codes(renewed));
        Assert.Equal(2, renewed.At("ipRight.version").GetInt32());
        Assert.Equal(Iso(dueOn.AddDays(1).AddYears(10).AddDays(-1)), open.Str("node.deadlines.nodes.0.dueOn"));
        Assert.Equal(2, open.At("node.deadlines.nodes.0.cycle").GetInt32());
        Assert.Equal(Iso(Today), done.Str("node.deadlines.nodes.0.closedOn"));
    }

    [Fact]
    public async Task An_event_the_rights_status_does_not_admit_is_an_invalid_state_and_changes_nothing()
    {
        var (enterprise, _, _) = await SettledEnterpriseAsync();
        var filed = await MutateAsync("recordIpRight", "RecordIpRightInput", new
        {
            enterpriseId = enterprise, kind = "TRADEMARK", jurisdiction = "cn", nameZh = "未注册商标", filedOn = Iso(Today.AddMonths(-2)),
        });

        var renewed = await MutateAsync("recordIpRightEvent", "RecordIpRightEventInput", new { rightId = filed.Str("ipRight.id"), kind = "RENEWED", occurredOn = Iso(Today) });
        var now = await _admin.DataAsync("query($id: ID!) { node(id: $id) { ... on IpRight { status version jurisdiction } } }", new { id = filed.Str("ipRight.id") });

        Assert.Equal(["INVALID_STATE"], Codes(renewed));
        Assert.Equal(JsonValueKind.Null, renewed.At("ipRight").ValueKind);
        Assert.Equal("FILED", now.Str("node.status"));
        Assert.Equal("CN", now.Str("node.jurisdiction"));
        Assert.Equal(1, now.At("node.version").GetInt32());
    }

    [Fact]
    public async Task Input_a_user_can_fix_comes_back_as_typed_errors_field_by_field()
    {
        var (enterprise, _, _) = await SettledEnterpriseAsync();

        var wrong = await MutateAsync("recordIpRight", "RecordIpRightInput", new
        {
            enterpriseId = enterprise, kind = "INVENTION_PATENT", jurisdiction = "XX", nameZh = "专利", niceClasses = new[] { 46 }, filedOn = Iso(Today.AddDays(2)),
        });

        Assert.Equal(["INVALID", "INVALID", "INVALID", "INVALID"], Codes(wrong));
        Assert.Equal(["jurisdiction", "kind", "niceClasses", "filedOn"], wrong.At("errors").EnumerateArray().Select(e => e.At("field").EnumerateArray().Last().GetString()));
    }

    [Fact]
    public async Task Staff_of_another_workstation_see_nothing_and_can_change_nothing_as_for_a_right_that_does_not_exist()
    {
        var (enterprise, own, other) = await SettledEnterpriseAsync();
        var right = (await RecordCnMarkAsync(enterprise, Today.AddYears(-3))).Str("ipRight.id");
        var ownStaff = host.CreateClient(await host.Identity.PersonTokenAsync("workstation_staff", [Key(own)]));
        var otherStaff = host.CreateClient(await host.Identity.PersonTokenAsync("workstation_staff", [Key(other)]));
        const string Read = "query($id: ID!, $e: ID!) { node(id: $id) { id } ipRights(where: { enterprise: { eq: $e } }) { nodes { id } } deadlines(where: { enterprise: { eq: $e } }) { nodes { id } } }";

        // The placement follows the settlement through the outbox.
        var seen = await Eventually.MatchAsync(() => ownStaff.DataAsync(Read, new { id = right, e = enterprise }), d => d.At("node").ValueKind != JsonValueKind.Null, "own staff see the right");
        var hidden = await otherStaff.DataAsync(Read, new { id = right, e = enterprise });
        var byWorkstation = await _admin.DataAsync(
            "query($own: ID!, $other: ID!) { own: ipRights(where: { workstation: { eq: $own } }) { nodes { id } } other: deadlines(where: { workstation: { eq: $other } }) { nodes { id } } }",
            new { own, other });
        var missing = await otherStaff.DataAsync(Read, new { id = GlobalId.Encode("IpRight", Guid.CreateVersion7()), e = enterprise });
        var otherEvent = await MutateAsync(otherStaff, "recordIpRightEvent", "RecordIpRightEventInput", new { rightId = right, kind = "RENEWED", occurredOn = Iso(Today) });
        var otherRight = await MutateAsync(otherStaff, "recordIpRight", "RecordIpRightInput", new { enterpriseId = enterprise, kind = "TRADEMARK", jurisdiction = "AE", nameZh = "越权", filedOn = Iso(Today) });

        Assert.Equal(right, seen.Str("ipRights.nodes.0.id"));
        Assert.NotEqual(0, seen.At("deadlines.nodes").GetArrayLength());
        Assert.Equal([right], byWorkstation.At("own.nodes").EnumerateArray().Select(n => n.Str("id")));
        Assert.Equal(0, byWorkstation.At("other.nodes").GetArrayLength());
        Assert.Equal(missing.ToString(), hidden.ToString());
        Assert.Equal(JsonValueKind.Null, hidden.At("node").ValueKind);
        Assert.Equal(0, hidden.At("ipRights.nodes").GetArrayLength());
        Assert.Equal(0, hidden.At("deadlines.nodes").GetArrayLength());
        Assert.Equal(["NOT_FOUND"], Codes(otherEvent));
        Assert.Equal(["NOT_FOUND"], Codes(otherRight));
    }

    [Fact]
    public async Task A_waived_deadline_stays_waived_when_a_later_event_computes_the_deadlines_again()
    {
        var (enterprise, _, _) = await SettledEnterpriseAsync();
        var right = (await RecordCnMarkAsync(enterprise, new DateOnly(Today.Year - 10, Today.Month, 15).AddMonths(3))).Str("ipRight.id");
        var renewal = (await _admin.DataAsync(DeadlinesOf, new { id = enterprise, state = "OPEN" })).Str("node.deadlines.nodes.0.id");

        var waived = await _admin.DataAsync("mutation($id: ID!) { waiveDeadline(input: { id: $id }) { deadline { state } errors { code } } }", new { id = renewal });
        var again = await _admin.DataAsync("mutation($id: ID!) { completeDeadline(input: { id: $id }) { deadline { state } errors { code } } }", new { id = renewal });
        await MutateAsync("recordIpRightEvent", "RecordIpRightEventInput", new { rightId = right, kind = "USE_DECLARED", occurredOn = Iso(Today) });
        var after = await _admin.DataAsync(DeadlinesOf, new { id = enterprise, state = "WAIVED" });

        Assert.Equal("WAIVED", waived.Str("waiveDeadline.deadline.state"));
        Assert.Equal(["INVALID_STATE"], Codes(again.At("completeDeadline")));
        Assert.Equal(renewal, after.Str("node.deadlines.nodes.0.id"));
    }

    [Fact]
    public async Task A_Madrid_registration_keeps_a_status_per_designated_country_and_its_history_says_who_recorded_each_change()
    {
        var (enterprise, own, _) = await SettledEnterpriseAsync();
        var staff = host.CreateClient(await host.Identity.PersonTokenAsync("workstation_staff", [Key(own)]));
        var recorded = await MutateAsync("recordIpRight", "RecordIpRightInput", new
        {
            enterpriseId = enterprise, kind = "TRADEMARK", jurisdiction = "WO", nameZh = "声盾", nameEn = "SoundShield", markForm = "WORD",
            goods = new object[] { new { niceClass = 9, terms = "蓝牙耳机; Bluetooth headsets" }, new { niceClass = 35, terms = "online retail of audio goods" } },
            designations = new[] { "sa", "AE", "US" },
            filedOn = Iso(Today.AddMonths(-8)), registeredOn = Iso(Today.AddMonths(-6)),
        });
        var right = recorded.Str("ipRight.id");
        await Eventually.MatchAsync(() => staff.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id = right }), d => d.At("node").ValueKind != JsonValueKind.Null, "staff see the right");

        var granted = await MutateAsync(staff, "recordIpRightEvent", "RecordIpRightEventInput", new { rightId = right, kind = "REGISTERED", designation = "SA", occurredOn = Iso(Today.AddMonths(-2)) });
        var refused = await MutateAsync("recordIpRightEvent", "RecordIpRightEventInput", new { rightId = right, kind = "REFUSED", designation = "ae", occurredOn = Iso(Today.AddMonths(-1)) });
        var refusedAgain = await MutateAsync("recordIpRightEvent", "RecordIpRightEventInput", new { rightId = right, kind = "REGISTERED", designation = "AE", occurredOn = Iso(Today) });
        var notDesignated = await MutateAsync("recordIpRightEvent", "RecordIpRightEventInput", new { rightId = right, kind = "REGISTERED", designation = "CN", occurredOn = Iso(Today) });
        var read = await _admin.DataAsync(
            "query($id: ID!) { node(id: $id) { ... on IpRight { status niceClasses goods { niceClass terms } designations { country status changedOn } history { kind occurredOn designation statusAfter recordedBy } } } }",
            new { id = right });

        Assert.Empty(Codes(recorded));
        Assert.Empty(Codes(granted));
        Assert.Empty(Codes(refused));
        Assert.Equal(["INVALID_STATE"], Codes(refusedAgain));
        Assert.Equal(["NOT_FOUND"], Codes(notDesignated));
        Assert.Equal("REGISTERED", read.Str("node.status"));
        Assert.Equal([9, 35], read.At("node.niceClasses").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal("蓝牙耳机; Bluetooth headsets", read.Str("node.goods.0.terms"));
        Assert.Equal(
            ["AE:REFUSED", "SA:REGISTERED", "US:FILED"],
            read.At("node.designations").EnumerateArray().Select(d => $"{d.Str("country")}:{d.Str("status")}"));
        Assert.Equal(Iso(Today.AddMonths(-2)), read.Str("node.designations.1.changedOn"));
        var history = read.At("node.history").EnumerateArray().ToList();
        Assert.Equal(
            ["FILED::FILED", "REGISTERED::REGISTERED", "REGISTERED:SA:REGISTERED", "REFUSED:AE:REFUSED"],
            history.Select(h => $"{h.Str("kind")}:{h.Str("designation")}:{h.Str("statusAfter")}"));
        Assert.All(history, h => Assert.False(string.IsNullOrEmpty(h.Str("recordedBy"))));
        Assert.NotEqual(history[1].Str("recordedBy"), history[2].Str("recordedBy"));
        Assert.Equal(history[1].Str("recordedBy"), history[3].Str("recordedBy"));
    }

    [Fact]
    public async Task A_planned_filing_has_no_deadlines_until_it_is_filed_and_a_renewal_leaves_the_mark_renewed()
    {
        var (enterprise, _, _) = await SettledEnterpriseAsync();
        var planned = await _admin.DataAsync(
            "mutation($input: PlanFilingInput!) { planFiling(input: $input) { ipRight { id status plannedFilingOn filedOn } errors { code field } } }",
            new { input = new { enterpriseId = enterprise, kind = "TRADEMARK", jurisdiction = "SA", nameZh = "声盾", nameAr = "درع الصوت", targetFilingOn = Iso(Today.AddMonths(2)) } });
        var right = planned.Str("planFiling.ipRight.id");
        var renewedTooEarly = await MutateAsync("recordIpRightEvent", "RecordIpRightEventInput", new { rightId = right, kind = "RENEWED", occurredOn = Iso(Today) });
        var whilePlanned = await _admin.DataAsync(DeadlinesOf, new { id = enterprise, state = (string?)null });
        var filed = await MutateAsync("recordIpRightEvent", "RecordIpRightEventInput", new { rightId = right, kind = "FILED", occurredOn = Iso(Today.AddYears(-10)) });
        var registered = await MutateAsync("recordIpRightEvent", "RecordIpRightEventInput", new { rightId = right, kind = "REGISTERED", occurredOn = Iso(Today.AddYears(-9)) });
        var renewed = await MutateAsync("recordIpRightEvent", "RecordIpRightEventInput", new { rightId = right, kind = "RENEWED", occurredOn = Iso(Today) });
        var after = await _admin.DataAsync(
            "query($id: ID!) { node(id: $id) { ... on IpRight { status filedOn history { kind statusAfter } } } }", new { id = right });

        Assert.Equal("PLANNED", planned.Str("planFiling.ipRight.status"));
        Assert.Equal(Iso(Today.AddMonths(2)), planned.Str("planFiling.ipRight.plannedFilingOn"));
        Assert.Equal(JsonValueKind.Null, planned.At("planFiling.ipRight.filedOn").ValueKind);
        Assert.Equal(["INVALID_STATE"], Codes(renewedTooEarly));
        Assert.Equal(0, whilePlanned.At("node.deadlines.totalCount").GetInt32());
        Assert.Equal("FILED", filed.Str("ipRight.status"));
        Assert.Equal("REGISTERED", registered.Str("ipRight.status"));
        Assert.Empty(Codes(renewed));
        Assert.Equal("RENEWED", renewed.Str("ipRight.status"));
        Assert.Equal("RENEWED", after.Str("node.status"));
        Assert.Equal(Iso(Today.AddYears(-10)), after.Str("node.filedOn"));
        Assert.Equal(["FILED:FILED", "REGISTERED:REGISTERED", "RENEWED:RENEWED"], after.At("node.history").EnumerateArray().Select(h => $"{h.Str("kind")}:{h.Str("statusAfter")}"));
    }

    [Fact]
    public async Task Recording_a_right_for_an_enterprise_that_does_not_exist_is_not_found_even_for_the_centre()
    {
        var unknown = GlobalId.Encode("Enterprise", Guid.CreateVersion7());

        var recorded = await MutateAsync("recordIpRight", "RecordIpRightInput", new { enterpriseId = unknown, kind = "TRADEMARK", jurisdiction = "CN", nameZh = "无主商标", filedOn = Iso(Today) });
        var planned = await _admin.DataAsync(
            "mutation($input: PlanFilingInput!) { planFiling(input: $input) { ipRight { id } errors { code field } } }",
            new { input = new { enterpriseId = unknown, kind = "TRADEMARK", jurisdiction = "SA", nameZh = "无主商标", targetFilingOn = Iso(Today) } });
        var listed = await _admin.DataAsync("query($e: ID!) { ipRights(where: { enterprise: { eq: $e } }) { totalCount } }", new { e = unknown });

        Assert.Equal(["NOT_FOUND"], Codes(recorded));
        Assert.Equal(["NOT_FOUND"], Codes(planned.At("planFiling")));
        Assert.Equal(0, listed.At("ipRights.totalCount").GetInt32());
    }

    [Fact]
    public async Task A_rule_change_that_moves_a_date_updates_the_deadline_in_place_and_one_that_moves_nothing_writes_nothing()
    {
        var (enterprise, _, _) = await SettledEnterpriseAsync();
        var registeredOn = new DateOnly(Today.Year - 4, Today.Month, 10);
        var scopes = host.Services.GetRequiredService<IServiceScopeFactory>();
        await DeadlineRuleSync.SyncAsync(scopes, DeadlineRuleCatalogue.Shipped, Today, CancellationToken.None);
        var right = (await RecordCnMarkAsync(enterprise, registeredOn)).Str("ipRight.id");
        async Task<(string Id, string? Opens, string DueOn, int Version)> RenewalAsync()
        {
            var renewal = (await _admin.DataAsync(DeadlinesOf, new { id = enterprise, state = "OPEN" })).At("node.deadlines.nodes").EnumerateArray()
                .Single(d => d.Str("right.id") == right);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IpShield.Portfolios.Persistence.PortfoliosDbContext>();
            var version = db.Deadlines.Where(d => d.Id == Key(renewal.Str("id"))).Select(d => d.Version).Single();
            return (renewal.Str("id"), renewal.Str("windowOpensOn"), renewal.Str("dueOn"), version);
        }

        // The CN renewal window as the 2001 law had it (six months), then back to twelve with a bound that changes no date
        // of this right, then the shipped rule: three changed fingerprints, two of them moving a date.
        DeadlineRuleCatalogue With(Func<DeadlineRule, DeadlineRule> change) =>
            new(ShippedRules.All.Select(r => r.Id == "tm.renewal.cn" ? change(r) : r));
        var recorded = await RenewalAsync();
        var sixMonths = await DeadlineRuleSync.SyncAsync(scopes, With(r => r with { WindowBefore = Period.OfMonths(6) }), Today, CancellationToken.None);
        var moved = await RenewalAsync();
        await DeadlineRuleSync.SyncAsync(scopes, With(r => r with { FiledBefore = new DateOnly(2100, 1, 1) }), Today, CancellationToken.None);
        var movedBack = await RenewalAsync();
        var shipped = await DeadlineRuleSync.SyncAsync(scopes, DeadlineRuleCatalogue.Shipped, Today, CancellationToken.None);
        var unchanged = await RenewalAsync();

        var dueOn = DateOnly.Parse(recorded.DueOn, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Iso(dueOn.AddMonths(-12)), recorded.Opens);
        Assert.Equal((1, true), (sixMonths.RulesChanged, sixMonths.RightsRecomputed >= 1));
        Assert.Equal((recorded.Id, Iso(dueOn.AddMonths(-6)), recorded.DueOn, recorded.Version + 1), moved);
        Assert.Equal((recorded.Id, Iso(dueOn.AddMonths(-12)), recorded.DueOn, recorded.Version + 2), movedBack);
        Assert.Equal((1, true), (shipped.RulesChanged, shipped.RightsRecomputed >= 1));
        Assert.Equal(movedBack, unchanged);
    }

    [Fact]
    public async Task A_new_rule_in_the_catalogue_recomputes_the_deadlines_it_touches_and_keeps_a_waived_one()
    {
        var (enterprise, _, _) = await SettledEnterpriseAsync();
        var registeredOn = new DateOnly(Today.Year - 3, Today.Month, 10);
        async Task<string> RecordMacauMarkAsync(string name) => (await MutateAsync("recordIpRight", "RecordIpRightInput", new
        {
            enterpriseId = enterprise, kind = "TRADEMARK", jurisdiction = "MO", nameZh = name, filedOn = Iso(registeredOn.AddMonths(-5)), registeredOn = Iso(registeredOn),
        })).Str("ipRight.id");
        var waivedRight = await RecordMacauMarkAsync("澳门商标甲");
        var otherRight = await RecordMacauMarkAsync("澳门商标乙");
        const string Read = "query($id: ID!) { node(id: $id) { ... on Enterprise { deadlines(first: 20) { nodes { ruleKey state dueOn right { id } } } } } }";
        var waived = (await _admin.DataAsync(Read, new { id = enterprise })).At("node.deadlines.nodes").EnumerateArray().Single(d => d.Str("right.id") == waivedRight).Str("ruleKey");
        var renewalOfWaived = (await _admin.DataAsync(DeadlinesOf, new { id = enterprise, state = "OPEN" })).At("node.deadlines.nodes").EnumerateArray()
            .Single(d => d.Str("right.id") == waivedRight).Str("id");
        await _admin.DataAsync("mutation($id: ID!) { waiveDeadline(input: { id: $id }) { deadline { state } } }", new { id = renewalOfWaived });

        // A version of the platform that knows Macau's own term: 7 years from registration (Decree-Law 97/99, art. 218).
        var macau = new DeadlineRule("tm.renewal.mo", DeadlineTask.Renewal, LifecycleEventKind.Registered, new HashSet<RightKind> { RightKind.Trademark }, Period.OfYears(7))
        {
            Jurisdiction = Jurisdiction.Parse("MO"), WindowBefore = Period.OfMonths(6), Grace = new GracePeriod(Period.OfMonths(6)),
            Recurrence = new Recurrence(Period.OfYears(7)), ClosedBy = new HashSet<LifecycleEventKind> { LifecycleEventKind.Renewed }, AbortedBy = ShippedRules.EndOfRight,
        };
        var scopes = host.Services.GetRequiredService<IServiceScopeFactory>();
        await DeadlineRuleSync.SyncAsync(scopes, DeadlineRuleCatalogue.Shipped, Today, CancellationToken.None);
        var withMacau = await DeadlineRuleSync.SyncAsync(scopes, new DeadlineRuleCatalogue([.. ShippedRules.All, macau]), Today, CancellationToken.None);
        var changed = (await _admin.DataAsync(Read, new { id = enterprise })).At("node.deadlines.nodes").EnumerateArray().ToList();
        var back = await DeadlineRuleSync.SyncAsync(scopes, DeadlineRuleCatalogue.Shipped, Today, CancellationToken.None);
        var restored = (await _admin.DataAsync(Read, new { id = enterprise })).At("node.deadlines.nodes").EnumerateArray().ToList();

        static IEnumerable<string> Of(List<JsonElement> deadlines, string right) =>
            deadlines.Where(d => d.Str("right.id") == right).Select(d => $"{d.Str("ruleKey")}:{d.Str("state")}:{d.Str("dueOn")}").Order(StringComparer.Ordinal);
        Assert.Equal("tm.renewal.generic", waived);
        Assert.Equal(1, withMacau.RulesChanged);
        Assert.True(withMacau.RightsRecomputed >= 2);
        Assert.Equal([$"tm.renewal.generic:WAIVED:{Iso(registeredOn.AddYears(10))}", $"tm.renewal.mo:OPEN:{Iso(registeredOn.AddYears(7))}"], Of(changed, waivedRight));
        Assert.Equal([$"tm.renewal.mo:OPEN:{Iso(registeredOn.AddYears(7))}"], Of(changed, otherRight));
        Assert.Equal(1, back.RulesChanged);
        Assert.Equal([$"tm.renewal.generic:WAIVED:{Iso(registeredOn.AddYears(10))}"], Of(restored, waivedRight));
        Assert.Equal([$"tm.renewal.generic:OPEN:{Iso(registeredOn.AddYears(10))}"], Of(restored, otherRight));
    }

    [Fact]
    public async Task Selling_on_noon_to_Saudi_Arabia_with_the_SA_filing_only_planned_is_a_gap_of_the_enterprise_its_workstation_and_park_until_filed()
    {
        var tag = WorkstationScenario.Tag();
        var workstations = new WorkstationScenario(_admin);
        var park = await workstations.RegisterParkAsync($"Coverage park {tag}");
        var workstation = (await workstations.OpenAsync(park, $"Coverage WS {tag}")).Str("id");
        var enterprises = new EnterpriseScenario(_admin);
        var enterprise = (await enterprises.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"荆州贸易 {tag}", markets: ["AE", "SA"], platforms: ["NOON"])).Str("id");
        await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterprise, parkId = park, workstationId = workstation, settledOn = "2025-01-06" });
        await MutateAsync("recordIpRight", "RecordIpRightInput", new
        {
            enterpriseId = enterprise, kind = "TRADEMARK", jurisdiction = "AE", nameZh = "声盾", filedOn = Iso(Today.AddYears(-2)), registeredOn = Iso(Today.AddYears(-1)),
        });
        var plan = (await _admin.DataAsync(
            "mutation($input: PlanFilingInput!) { planFiling(input: $input) { ipRight { id } } }",
            new { input = new { enterpriseId = enterprise, kind = "TRADEMARK", jurisdiction = "SA", nameZh = "声盾", targetFilingOn = Iso(Today.AddMonths(1)) } })).Str("planFiling.ipRight.id");
        const string Gaps = "query($e: ID!, $w: ID!, $p: ID!) { e: node(id: $e) { ... on Enterprise { coverageGaps { market platform reason explanation } } } "
            + "w: node(id: $w) { ... on Workstation { enterprisesWithCoverageGaps { enterprise { id } gaps { market } } } } "
            + "p: node(id: $p) { ... on Park { enterprisesWithCoverageGaps { enterprise { id } } } } }";

        // Markets and the placement arrive from the Enterprises module through the outbox.
        var before = await Eventually.MatchAsync(
            () => _admin.DataAsync(Gaps, new { e = enterprise, w = workstation, p = park }),
            d => d.At("e.coverageGaps").GetArrayLength() == 1
                && d.At("w.enterprisesWithCoverageGaps").GetArrayLength() == 1
                && d.At("p.enterprisesWithCoverageGaps").GetArrayLength() == 1,
            "the SA gap shows for the enterprise, its workstation and its park");
        await MutateAsync("recordIpRightEvent", "RecordIpRightEventInput", new { rightId = plan, kind = "FILED", occurredOn = Iso(Today) });
        var after = await _admin.DataAsync(Gaps, new { e = enterprise, w = workstation, p = park });

        Assert.Equal("SA", before.Str("e.coverageGaps.0.market"));
        Assert.Equal("Noon", before.Str("e.coverageGaps.0.platform"));
        Assert.Equal("FILING_ONLY_PLANNED", before.Str("e.coverageGaps.0.reason"));
        Assert.StartsWith("Sells on Noon to SA with no SA mark: a filing is planned for", before.Str("e.coverageGaps.0.explanation"));
        Assert.Equal(enterprise, before.Str("w.enterprisesWithCoverageGaps.0.enterprise.id"));
        Assert.Equal("SA", before.Str("w.enterprisesWithCoverageGaps.0.gaps.0.market"));
        Assert.Equal(enterprise, before.Str("p.enterprisesWithCoverageGaps.0.enterprise.id"));
        Assert.Equal(0, after.At("e.coverageGaps").GetArrayLength());
        Assert.Equal(0, after.At("w.enterprisesWithCoverageGaps").GetArrayLength());
        Assert.Equal(0, after.At("p.enterprisesWithCoverageGaps").GetArrayLength());
    }

    [Fact]
    public async Task A_page_of_enterprises_with_their_rights_deadlines_history_and_gaps_costs_the_same_statements_for_3_as_for_12()
    {
        var tag = WorkstationScenario.Tag();
        var workstations = new WorkstationScenario(_admin);
        var park = await workstations.RegisterParkAsync($"Statement park {tag}");
        var workstation = (await workstations.OpenAsync(park, $"Statement WS {tag}")).Str("id");
        var enterprises = new EnterpriseScenario(_admin);
        for (var i = 0; i < 12; i++)
        {
            var enterprise = (await enterprises.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"批量企业 {tag} {i}", markets: ["AE", "SA"])).Str("id");
            await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterprise, parkId = park, workstationId = workstation, settledOn = "2025-01-06" });
            await RecordCnMarkAsync(enterprise, Today.AddYears(-2).AddDays(-i));
        }

        const string Query = """
            query($ws: ID!, $first: Int!) {
              enterprises(where: { workstation: { eq: $ws } }, first: $first) {
                nodes {
                  ipRights { totalCount nodes { nameZh history { kind recordedBy } designations { country } goods { niceClass } } }
                  deadlines { totalCount nodes { dueOn right { jurisdiction } } }
                  coverageGaps { market reason }
                }
              }
            }
            """;

        async Task<int> StatementsFor(int first)
        {
            host.Statements.Reset();
            var data = await _admin.DataAsync(Query, new { ws = workstation, first });
            Assert.Equal(first, data.At("enterprises.nodes").GetArrayLength());
            Assert.All(data.At("enterprises.nodes").EnumerateArray(), e =>
            {
                Assert.Equal(1, e.At("ipRights.totalCount").GetInt32());
                Assert.Equal(["FILED", "REGISTERED"], e.At("ipRights.nodes.0.history").EnumerateArray().Select(h => h.Str("kind")));
            });
            return host.Statements.Count;
        }

        var forThree = await StatementsFor(3);
        var forTwelve = await StatementsFor(12);

        Assert.Equal(forThree, forTwelve);
        Assert.InRange(forTwelve, 1, 12);
    }

    private async Task<JsonElement> RecordCnMarkAsync(string enterprise, DateOnly registeredOn) =>
        await MutateAsync("recordIpRight", "RecordIpRightInput", new
        {
            enterpriseId = enterprise,
            kind = "TRADEMARK",
            jurisdiction = "CN",
            nameZh = "商标 盾牌",
            nameEn = "Shield",
            nameAr = "درع",
            markForm = "COMBINED",
            niceClasses = new[] { 35, 9 },
            applicationNumber = "20160001",
            registrationNumber = "17000001",
            filedOn = Iso(registeredOn.AddYears(-1)),
            registeredOn = Iso(registeredOn),
            agent = "武汉知识产权代理",
        });

    /// <summary>An enterprise settled in a workstation of a new park, and another workstation of that park.</summary>
    private async Task<(string Enterprise, string Own, string Other)> SettledEnterpriseAsync()
    {
        var tag = WorkstationScenario.Tag();
        var workstations = new WorkstationScenario(_admin);
        var park = await workstations.RegisterParkAsync($"Portfolio park {tag}");
        var own = (await workstations.OpenAsync(park, $"Portfolio WS {tag}")).Str("id");
        var other = (await workstations.OpenAsync(park, $"Other portfolio WS {tag}")).Str("id");
        var enterprises = new EnterpriseScenario(_admin);
        var enterprise = (await enterprises.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"知识产权企业 {tag}")).Str("id");
        await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterprise, parkId = park, workstationId = own, settledOn = "2025-01-06" });
        return (enterprise, own, other);
    }

    private Task<JsonElement> MutateAsync(string field, string inputType, object input) => MutateAsync(_admin, field, inputType, input);

    private static async Task<JsonElement> MutateAsync(GraphQLClient client, string field, string inputType, object input)
    {
        var result = field.StartsWith("record", StringComparison.Ordinal) ? $"ipRight {{ {RightFields} }}" : "deadline { id state }";
        var data = await client.DataAsync($"mutation($input: {inputType}!) {{ {field}(input: $input) {{ {result} errors {{ code message field }} }} }}", new { input });
        return data.At(field);
    }

    private static IReadOnlyList<string?> Codes(JsonElement payload) => EnterpriseScenario.Codes(payload);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static Guid Key(string globalId) => GlobalId.TryDecode(globalId, out _, out var key) ? key : throw new ArgumentException(globalId);
}

[Collection(MariaDbCollection.Name)]
public sealed class PortfoliosOnMariaDbTests(MariaDbHost host) : PortfoliosTests(host);

[Collection(SqliteCollection.Name)]
public sealed class PortfoliosOnSqliteTests(SqliteHost host) : PortfoliosTests(host);
