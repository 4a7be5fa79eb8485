using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.Live;

namespace IpShield.SharedKernel.Tests;

/// <summary>Who may share a live event's row check and result (the row scope), and the shared work itself (ADR 0026).</summary>
public sealed class LiveSharingTests
{
    private static readonly Guid WorkstationA = Guid.NewGuid();
    private static readonly Guid WorkstationB = Guid.NewGuid();

    private static AccessContext Staff(string subject, params Guid[] workstations) => new()
    {
        Kind = CallerKind.Person,
        SubjectId = subject,
        Roles = new HashSet<string> { PlatformRoles.WorkstationStaff },
        Scopes = new HashSet<string> { "api" },
        WorkstationIds = new HashSet<Guid>(workstations),
    };

    [Fact]
    public void Staff_of_the_same_workstations_share_a_scope_whatever_their_subject_unless_the_rules_read_it()
    {
        var first = Staff("alice", WorkstationA, WorkstationB);
        var second = Staff("bob", WorkstationB, WorkstationA);

        Assert.Equal(first.RowScopeKey(rulesReadSubject: false), second.RowScopeKey(rulesReadSubject: false));
        Assert.NotEqual(first.RowScopeKey(rulesReadSubject: true), second.RowScopeKey(rulesReadSubject: true));
        Assert.NotEqual(first.RowScopeKey(false), Staff("carol", WorkstationA).RowScopeKey(false));
    }

    [Fact]
    public void Experts_and_machine_clients_never_share_by_scope_with_anyone_of_another_subject()
    {
        var expert = Staff("lawyer-1", WorkstationA) with { Roles = new HashSet<string> { PlatformRoles.Expert } };
        var otherExpert = expert with { SubjectId = "lawyer-2" };
        var client = new AccessContext { Kind = CallerKind.Client, SubjectId = "dashboard-1", ParkId = Guid.NewGuid() };

        Assert.NotEqual(expert.RowScopeKey(false), otherExpert.RowScopeKey(false));
        Assert.NotEqual(client.RowScopeKey(false), (client with { SubjectId = "dashboard-2" }).RowScopeKey(false));
    }

    [Fact]
    public void Members_of_different_enterprises_never_share()
    {
        var member = new AccessContext { Kind = CallerKind.Person, SubjectId = "m", Roles = new HashSet<string> { PlatformRoles.EnterpriseMember }, EnterpriseId = Guid.NewGuid() };

        Assert.NotEqual(member.RowScopeKey(false), (member with { EnterpriseId = Guid.NewGuid() }).RowScopeKey(false));
    }

    [Fact]
    public async Task Concurrent_subscribers_of_one_event_and_scope_run_the_work_once()
    {
        var work = new LiveSharedWork();
        var runs = 0;
        var gate = new TaskCompletionSource();

        var waiting = Enumerable.Range(0, 50).Select(_ => work.GetOrRunAsync(7, "check|scope", async () =>
        {
            Interlocked.Increment(ref runs);
            await gate.Task;
            return "node";
        })).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(waiting);
        var otherScope = await work.GetOrRunAsync(7, "check|other", () => Task.FromResult<object?>("other"));

        Assert.Equal(1, runs);
        Assert.All(results, r => Assert.Equal("node", r));
        Assert.Equal("other", otherScope);
    }

    [Fact]
    public async Task A_failure_is_not_handed_to_the_next_subscriber()
    {
        var work = new LiveSharedWork();

        await Assert.ThrowsAsync<InvalidOperationException>(() => work.GetOrRunAsync(3, "k", () => throw new InvalidOperationException("database gone")));
        var retried = await work.GetOrRunAsync(3, "k", () => Task.FromResult<object?>("loaded"));

        Assert.Equal("loaded", retried);
    }
}
