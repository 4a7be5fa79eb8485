using System.Net;
using System.Text.Json;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.Auditing;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Integration.Tests.Identity;

/// <summary>The audit log as the city centre reads it: every change made in these tests, with the right actor, on MariaDB.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class AuditLogTests(MariaDbHost host)
{
    private const string Log = """
        query($where: AuditLogFilter, $first: Int, $after: String) {
          auditLog(where: $where, first: $first, after: $after) {
            totalCount pageInfo { hasNextPage endCursor }
            nodes { occurredAt actorKind actorId entityType entityId action changes }
          }
        }
        """;

    private readonly GraphQLClient _admin = host.CreateClient();

    [Fact]
    public async Task A_mutation_by_the_centre_is_logged_with_its_client_what_changed_and_when()
    {
        var before = DateTime.UtcNow.AddMinutes(-1);
        var name = $"Audited park {WorkstationScenario.Tag()}";
        var parkId = await new WorkstationScenario(_admin).RegisterParkAsync(name);

        var entries = await EntriesAsync(new { entity = new { eq = "Park" }, entityKey = new { eq = Key(parkId) } });

        var entry = Assert.Single(entries);
        Assert.Equal("client", entry.GetProperty("actorKind").GetString());
        Assert.Equal(PlatformHost.OperatorClientId, entry.GetProperty("actorId").GetString());
        Assert.Equal("created", entry.GetProperty("action").GetString());
        Assert.True(entry.GetProperty("occurredAt").GetDateTime().ToUniversalTime() >= before);
        using var changes = JsonDocument.Parse(entry.GetProperty("changes").GetString()!);
        Assert.Equal(name, changes.RootElement.GetProperty("Name")[1].GetString());
    }

    [Fact]
    public async Task A_change_by_workstation_staff_is_logged_under_that_person_with_old_and_new_values()
    {
        var scenario = new WorkstationScenario(_admin);
        var workstation = await scenario.OpenAsync(await scenario.RegisterParkAsync($"Park {WorkstationScenario.Tag()}"), $"WS {WorkstationScenario.Tag()}");
        var userName = await host.Identity.CreatePersonAsync("workstation_staff", [Guid.Parse(Key(workstation.Str("id")))]);
        var token = await OpenIdConnect.SignInAsync(host.Factory, userName, IdentityScenario.Password);
        var staff = host.CreateClient(token.AccessToken);

        var recorded = await staff.DataAsync(
            "mutation($input: RecordServiceInput!) { recordService(input: $input) { serviceRecord { id } errors { code } } }",
            new { input = new { workstationId = workstation.Str("id"), kind = "CONSULTATION", occurredOn = "2024-11-02", topic = "Amazon brand registry" } });
        await _admin.DataAsync(
            "mutation($input: UpdateWorkstationInput!) { updateWorkstation(input: $input) { errors { code } } }",
            new { input = new { id = workstation.Str("id"), expectedVersion = workstation.At("version").GetInt32(), head = "New head" } });

        var record = Assert.Single(await EntriesAsync(new { entity = new { eq = "ServiceRecord" }, entityKey = new { eq = Key(recorded.Str("recordService.serviceRecord.id")) } }));
        Assert.Equal("person", record.GetProperty("actorKind").GetString());
        Assert.Equal(await host.Identity.UserIdAsync(userName), record.GetProperty("actorId").GetString());
        var update = Assert.Single(await EntriesAsync(new { entity = new { eq = "Workstation" }, entityKey = new { eq = Key(workstation.Str("id")) }, change = new { eq = "updated" } }));
        using var changes = JsonDocument.Parse(update.GetProperty("changes").GetString()!);
        Assert.Equal(workstation.Str("head"), changes.RootElement.GetProperty("Head")[0].GetString());
        Assert.Equal("New head", changes.RootElement.GetProperty("Head")[1].GetString());
    }

    [Fact]
    public async Task A_refused_mutation_leaves_no_trace()
    {
        var scenario = new WorkstationScenario(_admin);
        var workstation = await scenario.OpenAsync(await scenario.RegisterParkAsync($"Park {WorkstationScenario.Tag()}"), $"WS {WorkstationScenario.Tag()}");

        var stale = await _admin.DataAsync(
            "mutation($input: UpdateWorkstationInput!) { updateWorkstation(input: $input) { errors { code } } }",
            new { input = new { id = workstation.Str("id"), expectedVersion = 99, head = "Never" } });

        Assert.Equal("CONFLICT", stale.Str("updateWorkstation.errors.0.code"));
        Assert.Empty(await EntriesAsync(new { entity = new { eq = "Workstation" }, entityKey = new { eq = Key(workstation.Str("id")) }, change = new { eq = "updated" } }));
    }

    [Fact]
    public async Task The_log_pages_newest_first_and_filters_by_actor()
    {
        var scenario = new WorkstationScenario(_admin);
        for (var i = 0; i < 3; i++)
        {
            await scenario.RegisterParkAsync($"Paged audit park {WorkstationScenario.Tag()}");
        }

        var first = await _admin.DataAsync(Log, new { where = new { actor = new { eq = PlatformHost.OperatorClientId }, entity = new { eq = "Park" } }, first = 2 });
        var second = await _admin.DataAsync(Log, new { where = new { actor = new { eq = PlatformHost.OperatorClientId }, entity = new { eq = "Park" } }, first = 2, after = first.Str("auditLog.pageInfo.endCursor") });

        var times = first.At("auditLog.nodes").EnumerateArray().Concat(second.At("auditLog.nodes").EnumerateArray())
            .Select(n => n.GetProperty("occurredAt").GetDateTime()).ToList();
        Assert.True(first.At("auditLog.pageInfo.hasNextPage").GetBoolean());
        Assert.Equal(4, times.Count);
        Assert.Equal(times.OrderDescending(), times);
        Assert.True(first.At("auditLog.totalCount").GetInt32() >= 3);
    }

    [Fact]
    public async Task The_old_flat_filter_spellings_still_answer_like_the_shared_dialect_for_one_release()
    {
        var scenario = new WorkstationScenario(_admin);
        var park = await scenario.RegisterParkAsync($"Deprecated audit park {WorkstationScenario.Tag()}");
        var from = DateTime.UtcNow.AddHours(-1);

        var shared = await EntriesAsync(new { entity = new { eq = "Park" }, entityKey = new { eq = Key(park) }, occurredAt = new { gte = from } });
        var old = await EntriesAsync(new { entityType = "Park", entityId = Key(park), from });

        Assert.Single(shared);
        Assert.Equal(shared.Select(e => e.ToString()), old.Select(e => e.ToString()));
    }

    [Fact]
    public async Task Only_the_centre_reads_the_log()
    {
        var staff = host.CreateClient(await host.Identity.PersonTokenAsync("workstation_staff"));

        var refused = await staff.PostAsync(Log, new { first = 1 });
        var anonymous = await host.CreateAnonymousClient().PostAsync(Log, new { first = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(["FORBIDDEN"], refused.ErrorCodes);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
    }

    private async Task<List<JsonElement>> EntriesAsync(object where)
    {
        var data = await _admin.DataAsync(Log, new { where, first = 50 });
        return [.. data.At("auditLog.nodes").EnumerateArray()];
    }

    private static string Key(string globalId) =>
        GlobalId.TryDecode(globalId, out _, out var key) ? key.ToString() : throw new ArgumentException(globalId);
}

/// <summary>The record and the change share one transaction: when the database refuses the change, no record remains.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class AuditAtomicityTests(MariaDbHost host)
{
    [Fact]
    public async Task A_change_the_database_refuses_leaves_no_audit_record()
    {
        var orphan = new Workstation { Name = $"Orphan {WorkstationScenario.Tag()}", ParkId = Guid.CreateVersion7(), OpenedOn = new DateOnly(2024, 10, 15) };
        using (var scope = host.Services.CreateScope())
        using (AuditActor.Begin(new AccessContext { Kind = CallerKind.Client, SubjectId = PlatformHost.OperatorClientId, Roles = new HashSet<string> { "admin" } }))
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkstationsDbContext>();
            db.Workstations.Add(orphan); // its park does not exist: the foreign key refuses it
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        }

        var log = await host.CreateClient().DataAsync(
            "query($where: AuditLogFilter) { auditLog(where: $where, first: 5) { nodes { action } } }",
            new { where = new { entity = new { eq = "Workstation" }, entityKey = new { eq = orphan.Id.ToString() } } });

        Assert.Equal(0, log.At("auditLog.nodes").GetArrayLength());
    }

    [Fact]
    public async Task A_change_the_database_accepts_is_recorded_in_the_same_save()
    {
        var park = new Park { Name = $"Direct park {WorkstationScenario.Tag()}", City = "Wuhan", CreatedAt = DateTime.UtcNow };
        using (var scope = host.Services.CreateScope())
        using (AuditActor.Begin(new AccessContext { Kind = CallerKind.Client, SubjectId = PlatformHost.OperatorClientId, Roles = new HashSet<string> { "admin" } }))
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkstationsDbContext>();
            db.Parks.Add(park);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var log = await host.CreateClient().DataAsync(
            "query($where: AuditLogFilter) { auditLog(where: $where, first: 5) { nodes { action actorId } } }",
            new { where = new { entity = new { eq = "Park" }, entityKey = new { eq = park.Id.ToString() } } });

        Assert.Equal("created", log.Str("auditLog.nodes.0.action"));
        Assert.Equal(PlatformHost.OperatorClientId, log.Str("auditLog.nodes.0.actorId"));
    }
}
