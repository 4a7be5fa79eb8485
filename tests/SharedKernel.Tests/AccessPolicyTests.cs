using System.Security.Claims;
using IpShield.SharedKernel.Access;

namespace IpShield.SharedKernel.Tests;

public sealed class AccessPolicyTests
{
    private static AccessContext Person(params string[] roles) => new() { Kind = CallerKind.Person, Roles = roles.ToHashSet() };

    private static AccessContext Client(params string[] scopes) => new() { Kind = CallerKind.Client, Scopes = scopes.ToHashSet() };

    [Fact]
    public void People_policy_admits_people_and_the_centre_but_no_machine_client()
    {
        Assert.True(Person(PlatformRoles.WorkstationStaff).Allows(AccessPolicies.People));
        Assert.True(Person(PlatformRoles.EnterpriseMember).Allows(AccessPolicies.People));
        Assert.True(new AccessContext { Kind = CallerKind.Client, Roles = new HashSet<string> { PlatformRoles.Admin } }.Allows(AccessPolicies.People));
        Assert.False(Client("stats:read").Allows(AccessPolicies.People));
        Assert.False(AccessContext.Anonymous.Allows(AccessPolicies.People));
    }

    [Fact]
    public void A_scope_policy_needs_that_scope_unless_the_caller_is_the_centre()
    {
        Assert.True(Client("stats:read").Allows(AccessPolicies.Scope("stats:read")));
        Assert.False(Client("enterprises:read").Allows(AccessPolicies.Scope("stats:read")));
        Assert.False(Person(PlatformRoles.WorkstationStaff).Allows(AccessPolicies.Scope("stats:read")));
        Assert.True(Person(PlatformRoles.Admin).Allows(AccessPolicies.Scope("stats:read")));
    }

    [Fact]
    public void A_park_manager_passes_the_statistics_scope_by_role_and_nothing_open_to_people()
    {
        var manager = Person(PlatformRoles.ParkManager) with { Scopes = new HashSet<string> { PlatformScopes.Api } };

        Assert.True(manager.IsParkManager);
        Assert.False(manager.IsNetworkPerson);
        Assert.True(manager.Allows(AccessPolicies.Scope(PlatformScopes.StatsRead)));
        Assert.True(manager.Allows(AccessPolicies.SignedIn));
        Assert.False(manager.Allows(AccessPolicies.People));
        Assert.False(manager.Allows(AccessPolicies.PeopleOrScope(PlatformScopes.EnterprisesRead)));
        Assert.False(manager.Allows(AccessPolicies.Scope(PlatformScopes.EnterprisesImport)));
        Assert.False(manager.Allows(AccessPolicies.Admin));
    }

    [Fact]
    public void The_park_manager_role_on_a_machine_client_gives_it_nothing_more()
    {
        var client = Client(PlatformScopes.EnterprisesRead) with { Roles = new HashSet<string> { PlatformRoles.ParkManager } };

        Assert.False(client.IsParkManager);
        Assert.False(client.Allows(AccessPolicies.Scope(PlatformScopes.StatsRead)));
    }

    [Fact]
    public void The_clients_policy_admits_machine_clients_only_not_even_a_person_of_the_centre()
    {
        Assert.True(Client("stats:read").Allows(AccessPolicies.Clients));
        Assert.True(new AccessContext { Kind = CallerKind.Client, Roles = new HashSet<string> { PlatformRoles.Admin } }.Allows(AccessPolicies.Clients));
        Assert.False(Person(PlatformRoles.Admin).Allows(AccessPolicies.Clients));
        Assert.False(Person(PlatformRoles.WorkstationStaff).Allows(AccessPolicies.Clients));
        Assert.False(AccessContext.Anonymous.Allows(AccessPolicies.Clients));
    }

    [Fact]
    public void An_unknown_policy_name_admits_nobody_not_even_the_centre()
    {
        Assert.False(Person(PlatformRoles.WorkstationStaff).Allows("no-such-policy"));
        Assert.False(Person(PlatformRoles.Admin).Allows("no-such-policy"));
    }

    [Fact]
    public void Claims_of_a_validated_token_become_the_access_context()
    {
        var workstation = Guid.CreateVersion7();
        var park = Guid.CreateVersion7();
        var identity = new ClaimsIdentity(
            [
                new Claim("sub", "dashboard-1"), new Claim("client_kind", "dashboard"), new Claim("park", park.ToString()),
                new Claim("oi_scp", "stats:read"), new Claim("scope", "enterprises:read extra"), new Claim("workstation", workstation.ToString()),
            ],
            "Bearer");

        var access = AccessContext.FromPrincipal(new ClaimsPrincipal(identity));

        Assert.Equal(CallerKind.Client, access.Kind);
        Assert.Equal("dashboard-1", access.SubjectId);
        Assert.Equal(park, access.ParkId);
        Assert.Equal([workstation], access.WorkstationIds);
        Assert.Equal(new HashSet<string> { "stats:read", "enterprises:read", "extra" }, access.Scopes);
        Assert.False(access.IsAdmin);
    }

    [Fact]
    public void A_caller_without_a_token_is_never_the_centre()
    {
        var access = AccessContext.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity()));

        Assert.Equal(CallerKind.Anonymous, access.Kind);
        Assert.False(access.IsAdmin);
        Assert.False(access.Allows(AccessPolicies.Admin));
        Assert.False(access.Allows(AccessPolicies.People));
    }
}
