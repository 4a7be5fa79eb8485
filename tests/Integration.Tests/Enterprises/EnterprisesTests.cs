using System.Text.Json;
using IpShield.Enterprises;
using IpShield.Enterprises.Persistence;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;
using IpShield.SharedKernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Integration.Tests.Enterprises;

/// <summary>Enterprise records as workstation staff and the city centre keep them, on each database.</summary>
public abstract class EnterprisesTests(PlatformHost host)
{
    private readonly GraphQLClient _client = host.CreateClient();

    private EnterpriseScenario Scenario => new(_client);

    [Fact]
    public async Task A_registered_enterprise_is_found_by_node_and_by_its_credit_code_with_Chinese_names_intact()
    {
        var code = EnterpriseScenario.NewCreditCode();
        var registered = await Scenario.RegisterAsync(code, "武汉景洲贸易有限公司", "Wuhan Jingzhou Trading", ["ae", "SA", "GCC"], ["NOON"], "2019-03-12",
            [new { name = "王经理", role = "Export manager", email = "wang@example.cn" }]);

        var byNode = await _client.DataAsync(
            $"query($id: ID!) {{ node(id: $id) {{ ... on Enterprise {{ {EnterpriseScenario.EnterpriseFields} }} }} }}", new { id = registered.Str("id") });
        var byCode = await _client.DataAsync("query($c: String!) { enterpriseByCreditCode(creditCode: $c) { id nameZh } }", new { c = code.ToLowerInvariant() });

        Assert.Equal(code, byNode.Str("node.creditCode"));
        Assert.Equal("武汉景洲贸易有限公司", byNode.Str("node.nameZh"));
        Assert.Equal(["AE", "SA", "GCC"], byNode.At("node.targetMarkets").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("王经理", byNode.Str("node.contacts.0.name"));
        Assert.Equal(registered.Str("id"), byCode.Str("enterpriseByCreditCode.id"));
    }

    [Fact]
    public async Task A_credit_code_with_a_wrong_check_character_or_already_registered_is_refused_with_typed_errors()
    {
        var code = EnterpriseScenario.NewCreditCode();
        await Scenario.RegisterAsync(code, "已登记企业");

        var corrupted = await Scenario.MutateAsync("registerEnterprise", "RegisterEnterpriseInput", new { creditCode = EnterpriseScenario.Corrupted(code), nameZh = "校验位错误" });
        var tooShort = await Scenario.MutateAsync("registerEnterprise", "RegisterEnterpriseInput", new { creditCode = "91420100", nameZh = "太短", targetMarkets = new[] { "XX" } });
        var again = await Scenario.MutateAsync("registerEnterprise", "RegisterEnterpriseInput", new { creditCode = code, nameZh = "重复" });

        Assert.Equal(["INVALID_CREDIT_CODE"], EnterpriseScenario.Codes(corrupted));
        Assert.Equal(["INVALID_CREDIT_CODE", "UNKNOWN_MARKET"], EnterpriseScenario.Codes(tooShort));
        Assert.Equal(["ALREADY_EXISTS"], EnterpriseScenario.Codes(again));
        Assert.Equal(JsonValueKind.Null, again.At("enterprise").ValueKind);
    }

    [Fact]
    public async Task An_update_based_on_a_stale_version_is_a_conflict_and_changes_nothing()
    {
        var registered = await Scenario.RegisterAsync(EnterpriseScenario.NewCreditCode(), "并发测试企业");
        var id = registered.Str("id");

        var first = await Scenario.MutateAsync("updateEnterprise", "UpdateEnterpriseInput", new { id, expectedVersion = 1, nameEn = "First writer", salesPlatforms = new[] { "AMAZON", "EBAY" } });
        var second = await Scenario.MutateAsync("updateEnterprise", "UpdateEnterpriseInput", new { id, expectedVersion = 1, nameEn = "Second writer" });

        Assert.Empty(EnterpriseScenario.Codes(first));
        Assert.Equal(2, first.At("enterprise.version").GetInt32());
        Assert.Equal(["CONFLICT"], EnterpriseScenario.Codes(second));
        var now = await _client.DataAsync("query($id: ID!) { node(id: $id) { ... on Enterprise { nameEn salesPlatforms } } }", new { id });
        Assert.Equal("First writer", now.Str("node.nameEn"));
        Assert.Equal(["AMAZON", "EBAY"], now.At("node.salesPlatforms").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task An_enterprise_settles_in_a_park_through_one_of_its_workstations_and_is_then_listed_under_both()
    {
        var tag = WorkstationScenario.Tag();
        var workstations = new WorkstationScenario(_client);
        var parkId = await workstations.RegisterParkAsync($"Settle park {tag}");
        var otherParkId = await workstations.RegisterParkAsync($"Other park {tag}");
        var workstationId = (await workstations.OpenAsync(parkId, $"Settle WS {tag}")).Str("id");
        var enterprise = await Scenario.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"入驻企业 {tag}");

        var wrongPark = await Scenario.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterprise.Str("id"), parkId = otherParkId, workstationId, settledOn = "2025-01-06" });
        var settled = await Scenario.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterprise.Str("id"), parkId, workstationId, settledOn = "2025-01-06" });
        var listed = await _client.DataAsync(
            "query($p: ID!, $w: ID!) { byPark: enterprises(where: { park: { eq: $p } }) { totalCount nodes { id } } byWs: enterprises(where: { workstation: { eq: $w } }) { nodes { id settledOn } } }",
            new { p = parkId, w = workstationId });

        Assert.Equal(["INVALID"], EnterpriseScenario.Codes(wrongPark));
        Assert.Empty(EnterpriseScenario.Codes(settled));
        Assert.Equal(parkId, settled.Str("enterprise.parkId"));
        Assert.Equal(1, listed.At("byPark.totalCount").GetInt32());
        Assert.Equal(enterprise.Str("id"), listed.Str("byWs.nodes.0.id"));
        Assert.Equal("2025-01-06", listed.Str("byWs.nodes.0.settledOn"));
    }

    [Fact]
    public async Task A_certificate_past_its_expiry_date_counts_as_expired_and_is_found_by_that_status()
    {
        var tag = WorkstationScenario.Tag();
        var lapsed = await Scenario.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"过期认证 {tag}");
        var valid = await Scenario.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"有效认证 {tag}");

        var expired = await Scenario.MutateAsync("changeCertificationStatus", "ChangeCertificationStatusInput",
            new { id = lapsed.Str("id"), platform = "NOON", status = "CERTIFIED", on = "2022-03-01", expiresOn = "2024-03-01", certificateNumber = "NOON-1" });
        await Scenario.MutateAsync("changeCertificationStatus", "ChangeCertificationStatusInput",
            new { id = valid.Str("id"), platform = "NOON", status = "CERTIFIED", on = "2025-03-01", expiresOn = "2099-03-01" });
        var revokeUncertified = await Scenario.MutateAsync("changeCertificationStatus", "ChangeCertificationStatusInput",
            new { id = valid.Str("id"), platform = "AMAZON", status = "REVOKED", on = "2025-03-01" });
        var found = await _client.DataAsync(
            "query($n: String!) { expired: enterprises(where: { nameContains: $n, certification: { platform: NOON, status: EXPIRED } }) { nodes { nameZh } } certified: enterprises(where: { nameContains: $n, certification: { status: CERTIFIED } }) { nodes { nameZh } } }",
            new { n = tag });

        Assert.Equal("EXPIRED", expired.Str("enterprise.certifications.0.status"));
        Assert.Equal("CERTIFIED", expired.Str("enterprise.certifications.0.recordedStatus"));
        Assert.Equal(["INVALID_STATE"], EnterpriseScenario.Codes(revokeUncertified));
        Assert.Equal([$"过期认证 {tag}"], found.At("expired.nodes").EnumerateArray().Select(n => n.Str("nameZh")));
        Assert.Equal([$"有效认证 {tag}"], found.At("certified.nodes").EnumerateArray().Select(n => n.Str("nameZh")));
    }

    [Fact]
    public async Task Filters_on_market_platform_established_range_and_either_name_select_exactly_the_matching_enterprises()
    {
        var tag = WorkstationScenario.Tag();
        await Scenario.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"中东耳机 {tag}", $"Gulf HEADSETS {tag}", ["AE", "GCC"], ["NOON"], "2019-03-12");
        await Scenario.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"欧美机器人 {tag}", $"Robot Europe {tag}", ["EU", "US"], ["AMAZON", "OWN_SITE"], "2017-08-30");
        await Scenario.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"东南亚服饰 {tag}", null, ["MY", "ASEAN"], ["SHOPEE", "LAZADA"], "2021-05-01");

        async Task<IEnumerable<string>> Names(string where) =>
            (await _client.DataAsync($"query {{ enterprises(where: {{ {where} }}, orderBy: {{ field: NAME }}) {{ nodes {{ nameZh }} }} }}"))
            .At("enterprises.nodes").EnumerateArray().Select(n => n.Str("nameZh")).Order(StringComparer.Ordinal);

        Assert.Equal([$"中东耳机 {tag}"], await Names($"nameContains: \"{tag}\", market: \"gcc\""));
        Assert.Equal([$"欧美机器人 {tag}"], await Names($"nameContains: \"{tag}\", platform: OWN_SITE"));
        Assert.Equal([$"东南亚服饰 {tag}", $"中东耳机 {tag}"], await Names($"nameContains: \"{tag}\", establishedOn: {{ gte: \"2018-01-01\" }}"));
        Assert.Equal([$"中东耳机 {tag}"], await Names($"nameContains: \"gulf headsets {tag}\""));
        var unknown = await _client.PostAsync("{ enterprises(where: { market: \"ZZ\" }) { nodes { id } } }");
        Assert.Equal(["INVALID_FILTER"], unknown.ErrorCodes);
    }

    [Fact]
    public async Task Monthly_sales_are_listed_newest_first_and_recording_a_month_again_replaces_it()
    {
        var enterprise = await Scenario.RegisterAsync(EnterpriseScenario.NewCreditCode(), "销售记录企业");
        var id = enterprise.Str("id");

        await Scenario.MutateAsync("recordMonthlySales", "RecordMonthlySalesInput", new { id, month = "2025-03", units = 1200, revenue = 99800.50m, currency = "aed" });
        await Scenario.MutateAsync("recordMonthlySales", "RecordMonthlySalesInput", new { id, month = "2025-04", units = 900 });
        var replaced = await Scenario.MutateAsync("recordMonthlySales", "RecordMonthlySalesInput", new { id, month = "2025-03", units = 1300, revenue = 100000m, currency = "AED" });
        var noCurrency = await Scenario.MutateAsync("recordMonthlySales", "RecordMonthlySalesInput", new { id, month = "2025-05", units = 1, revenue = 5m });

        var months = replaced.At("enterprise.monthlySales").EnumerateArray().ToList();
        Assert.Equal(["2025-04", "2025-03"], months.Select(m => m.Str("month")));
        Assert.Equal(1300, months[1].GetProperty("units").GetInt64());
        Assert.Equal("AED", months[1].Str("currency"));
        Assert.Equal(["INVALID"], EnterpriseScenario.Codes(noCurrency));
    }

    [Fact]
    public async Task Staff_of_another_workstation_cannot_see_the_enterprise_and_only_its_own_staff_see_contacts()
    {
        var tag = WorkstationScenario.Tag();
        var workstations = new WorkstationScenario(_client);
        var parkId = await workstations.RegisterParkAsync($"Access park {tag}");
        var ownWs = (await workstations.OpenAsync(parkId, $"Own WS {tag}")).Str("id");
        var enterprise = await Scenario.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"访问规则 {tag}", contacts: [new { name = "联系人" }]);
        await Scenario.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterprise.Str("id"), parkId, workstationId = ownWs, settledOn = "2025-02-01" });
        SharedKernel.GraphQL.Relay.GlobalId.TryDecode(ownWs, out _, out var ownWsKey);
        SharedKernel.GraphQL.Relay.GlobalId.TryDecode(enterprise.Str("id"), out _, out var enterpriseKey);

        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnterprisesDbContext>();
        AccessContext Staff(Guid workstation) => new() { Kind = CallerKind.Person, Roles = new HashSet<string> { PlatformRoles.WorkstationStaff }, WorkstationIds = new HashSet<Guid> { workstation } };
        var own = Staff(ownWsKey);
        var other = Staff(Guid.CreateVersion7());
        var member = new AccessContext { Kind = CallerKind.Person, Roles = new HashSet<string> { PlatformRoles.EnterpriseMember }, EnterpriseId = enterpriseKey };
        var importer = new AccessContext { Kind = CallerKind.Client, WorkstationIds = new HashSet<Guid> { ownWsKey }, Scopes = new HashSet<string> { "enterprises:import", "enterprises:read" } };

        Assert.True(await db.Enterprises.Visible(own).AnyAsync(e => e.Id == enterpriseKey, TestContext.Current.CancellationToken));
        Assert.False(await db.Enterprises.Visible(other).AnyAsync(e => e.Id == enterpriseKey, TestContext.Current.CancellationToken));
        Assert.True(await db.Enterprises.Visible(member).AnyAsync(e => e.Id == enterpriseKey, TestContext.Current.CancellationToken));
        var row = await db.Enterprises.AsNoTracking().SingleAsync(e => e.Id == enterpriseKey, TestContext.Current.CancellationToken);
        Assert.True(own.CanSeeContactsOf(row));
        Assert.True(member.CanSeeContactsOf(row));
        Assert.False(importer.CanSeeContactsOf(row));
        Assert.True(importer.CanChange(row.WorkstationId));
        Assert.False(other.CanChange(row.WorkstationId));
    }
}

[Collection(MariaDbCollection.Name)]
public sealed class EnterprisesOnMariaDbTests(MariaDbHost host) : EnterprisesTests(host);

[Collection(SqliteCollection.Name)]
public sealed class EnterprisesOnSqliteTests(SqliteHost host) : EnterprisesTests(host);
