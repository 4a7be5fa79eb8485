using System.Net;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;
using IpShield.SharedKernel.GraphQL.Relay;

namespace IpShield.Integration.Tests.Identity;

/// <summary>The city centre manages people and machine clients through GraphQL, on MariaDB; everything it does is audited.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class ManagementTests(MariaDbHost host)
{
    private const string CreatePerson = "mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id userName roles workstationIds disabled } errors { code field } } }";
    private const string RegisterClient = "mutation($input: RegisterClientInput!) { registerClient(input: $input) { client { clientId kind secret } errors { code field } } }";
    private const string Stats = "query($id: ID!) { parkStatistics(parkId: $id) { workstationCount } }";

    private readonly GraphQLClient _admin = host.CreateClient();
    private readonly HttpClient _http = host.Factory.CreateClient();

    [Fact]
    public async Task A_member_is_shown_with_their_enterprise_and_not_with_a_bare_id()
    {
        var enterprise = await new Enterprises.EnterpriseScenario(_admin).RegisterAsync(Enterprises.EnterpriseScenario.NewCreditCode(), "荆州贸易测试");
        var created = await _admin.DataAsync(
            "mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { roles enterprise { id nameZh } } errors { code } } }",
            new { input = new { userName = $"member-{WorkstationScenario.Tag()}", displayName = "李娜", password = "a long enough password", role = "enterprise_member", enterpriseId = enterprise.Str("id") } });

        Assert.Empty(created.At("createPerson.errors").EnumerateArray());
        Assert.Equal(enterprise.Str("id"), created.Str("createPerson.person.enterprise.id"));
        Assert.Equal("荆州贸易测试", created.Str("createPerson.person.enterprise.nameZh"));
    }

    [Fact]
    public async Task A_person_created_by_the_centre_signs_in_and_works_for_their_workstation_until_disabled()
    {
        var scenario = new WorkstationScenario(_admin);
        var workstation = (await scenario.OpenAsync(await scenario.RegisterParkAsync($"Park {WorkstationScenario.Tag()}"), $"WS {WorkstationScenario.Tag()}")).Str("id");
        var userName = $"staff-{WorkstationScenario.Tag()}";

        var created = await _admin.DataAsync(CreatePerson, new { input = new { userName, displayName = "王芳", password = "a long enough password", role = "workstation_staff", workstationIds = new[] { workstation } } });
        Assert.Empty(created.At("createPerson.errors").EnumerateArray());
        Assert.Equal(["workstation_staff"], created.At("createPerson.person.roles").EnumerateArray().Select(r => r.GetString()));

        var token = await OpenIdConnect.SignInAsync(host.Factory, userName, "a long enough password");
        var staff = host.CreateClient(token.AccessToken);
        var recorded = await staff.DataAsync(
            "mutation($input: RecordServiceInput!) { recordService(input: $input) { errors { code } } }",
            new { input = new { workstationId = workstation, kind = "GUIDANCE_VISIT", occurredOn = "2024-12-01", topic = "Trademark filing plan for the UAE" } });
        Assert.Empty(recorded.At("recordService.errors").EnumerateArray());

        var disabled = await _admin.DataAsync(
            "mutation($input: DisablePersonInput!) { disablePerson(input: $input) { person { disabled } errors { code } } }",
            new { input = new { personId = created.Str("createPerson.person.id") } });

        Assert.True(disabled.At("disablePerson.person.disabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await staff.PostAsync("{ parks(first: 1) { totalCount } }")).Status);
        Assert.Equal("invalid_grant", (await OpenIdConnect.RefreshAsync(_http, token.RefreshToken!)).Error);
        Assert.Equal("sign_in_failed", (await OpenIdConnect.SignInAsync(host.Factory, userName, "a long enough password")).Error);
    }

    [Fact]
    public async Task Changing_a_persons_access_applies_at_their_next_refresh()
    {
        var scenario = new WorkstationScenario(_admin);
        var first = (await scenario.OpenAsync(await scenario.RegisterParkAsync($"Park {WorkstationScenario.Tag()}"), $"WS {WorkstationScenario.Tag()}")).Str("id");
        var second = (await scenario.OpenAsync(await scenario.RegisterParkAsync($"Park {WorkstationScenario.Tag()}"), $"WS {WorkstationScenario.Tag()}")).Str("id");
        var userName = $"moving-{WorkstationScenario.Tag()}";
        var created = await _admin.DataAsync(CreatePerson, new { input = new { userName, displayName = "Li Wei", password = "a long enough password", role = "workstation_staff", workstationIds = new[] { first } } });
        var token = await OpenIdConnect.SignInAsync(host.Factory, userName, "a long enough password");

        await _admin.DataAsync(
            "mutation($input: ChangePersonAccessInput!) { changePersonAccess(input: $input) { errors { code } } }",
            new { input = new { personId = created.Str("createPerson.person.id"), role = "workstation_staff", workstationIds = new[] { second } } });
        var refreshed = await OpenIdConnect.RefreshAsync(_http, token.RefreshToken!);
        const string staffOf = "query($id: ID!) { node(id: $id) { ... on Workstation { staff { personName } latestServiceRecords(count: 1) { topic } } } }";
        await _admin.DataAsync(
            "mutation($input: AssignStaffInput!) { assignStaff(input: $input) { errors { code } } }",
            new { input = new { workstationId = second, personName = "Li Wei", assignedOn = "2025-01-01" } });

        var data = await host.CreateClient(refreshed.AccessToken).DataAsync(staffOf, new { id = second });
        Assert.Equal("Li Wei", data.Str("node.staff.0.personName"));
        var old = await host.CreateClient(refreshed.AccessToken).DataAsync(staffOf, new { id = first });
        Assert.Equal(0, old.At("node.staff").GetArrayLength());
    }

    [Fact]
    public async Task A_registered_dashboard_shows_its_secret_once_and_rotation_and_revocation_take_effect()
    {
        var park = await new WorkstationScenario(_admin).RegisterParkAsync($"Park {WorkstationScenario.Tag()}");
        var registered = await _admin.DataAsync(RegisterClient, new { input = new { kind = "DASHBOARD", displayName = "Optics Valley dashboard", parkId = park } });
        var clientId = registered.Str("registerClient.client.clientId");
        var secret = registered.Str("registerClient.client.secret");
        var token = await host.Identity.ClientTokenAsync(clientId, secret, "stats:read");
        Assert.Equal(0, (await host.CreateClient(token).DataAsync(Stats, new { id = park })).At("parkStatistics.workstationCount").GetInt32());

        var rotated = await _admin.DataAsync(
            "mutation($input: RotateClientSecretInput!) { rotateClientSecret(input: $input) { client { secret } errors { code } } }", new { input = new { clientId } });
        var newSecret = rotated.Str("rotateClientSecret.client.secret");
        Assert.NotEqual(secret, newSecret);
        Assert.Equal("invalid_client", (await OpenIdConnect.ClientCredentialsAsync(_http, clientId, secret, "stats:read")).Error);
        var newToken = await host.Identity.ClientTokenAsync(clientId, newSecret, "stats:read");
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient(newToken).PostAsync(Stats, new { id = park })).Status); // its check is now remembered

        await _admin.DataAsync("mutation($input: RevokeClientInput!) { revokeClient(input: $input) { errors { code } } }", new { input = new { clientId } });

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient(newToken).PostAsync(Stats, new { id = park })).Status);
        Assert.Equal("invalid_client", (await OpenIdConnect.ClientCredentialsAsync(_http, clientId, newSecret, "stats:read")).Error);
    }

    [Fact]
    public async Task Management_is_audited_under_the_centre_and_never_stores_a_secret_in_the_log()
    {
        var park = await new WorkstationScenario(_admin).RegisterParkAsync($"Park {WorkstationScenario.Tag()}");
        var registered = await _admin.DataAsync(RegisterClient, new { input = new { kind = "DASHBOARD", displayName = "Audited dashboard", parkId = park } });
        var secret = registered.Str("registerClient.client.secret");
        var userName = $"audited-{WorkstationScenario.Tag()}";
        var person = await _admin.DataAsync(CreatePerson, new { input = new { userName, displayName = "Audited", password = "a long enough password", role = "admin" } });
        GlobalId.TryDecode(person.Str("createPerson.person.id"), out _, out var personId);

        var log = await _admin.DataAsync(
            "query($where: AuditLogFilter) { auditLog(where: $where, first: 50) { nodes { actorId entityType action changes } } }",
            new { where = new { actor = new { eq = PlatformHost.OperatorClientId } } });

        var entries = log.At("auditLog.nodes").EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("entityType").GetString() == "PlatformUser" && e.GetProperty("changes").GetString()!.Contains(userName, StringComparison.Ordinal));
        Assert.Contains(entries, e => e.GetProperty("entityType").GetString() == "OpenIddictEntityFrameworkCoreApplication" && e.GetProperty("changes").GetString()!.Contains("Audited dashboard", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.GetProperty("changes").GetString()!.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.GetProperty("changes").GetString()!.Contains("a long enough password", StringComparison.Ordinal));
        Assert.NotEqual(Guid.Empty, personId);
    }

    [Fact]
    public async Task Nobody_but_the_centre_may_manage_people_or_clients()
    {
        var staff = host.CreateClient(await host.Identity.PersonTokenAsync("workstation_staff"));
        var dashboard = host.CreateClient(await host.Identity.DashboardTokenAsync(Guid.NewGuid()));
        var input = new { userName = "intruder", displayName = "x", password = "a long enough password", role = "admin" };

        foreach (var caller in new[] { staff, dashboard })
        {
            var refused = await caller.PostAsync(CreatePerson, new { input });
            Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
            Assert.Contains("FORBIDDEN", refused.ErrorCodes);
        }

        var anonymous = await host.CreateAnonymousClient().PostAsync(RegisterClient, new { input = new { kind = "DASHBOARD", displayName = "x", parkId = "x" } });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
    }
}
