using System.Security.Claims;

namespace IpShield.SharedKernel.Access;

/// <summary>Who is calling: a person through the web front end, a machine client, or nobody yet.</summary>
public enum CallerKind
{
    Anonymous,
    Person,
    Client,
}

/// <summary>
/// The per-request facts that row-level rules are written against. Every resolver sees one; modules apply
/// their rules in one place each, so identity adds rules instead of rewriting queries.
/// </summary>
public sealed record AccessContext
{
    public required CallerKind Kind { get; init; }
    public string? SubjectId { get; init; }
    public IReadOnlySet<string> Roles { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> Scopes { get; init; } = new HashSet<string>();
    public IReadOnlySet<Guid> WorkstationIds { get; init; } = new HashSet<Guid>();
    public Guid? ParkId { get; init; }
    public Guid? EnterpriseId { get; init; }

    /// <summary>Only a signed-in caller holding the admin role acts as the city centre: anonymous never does (ADR 0008).</summary>
    public bool IsAdmin => Roles.Contains(PlatformRoles.Admin);

    /// <summary>
    /// A person of a park's management (ADR 0025): reads the statistics of their own park (<see cref="ParkId"/>) and
    /// nothing else, like a park-confined dashboard client but with exact figures. Without a park they read nothing.
    /// </summary>
    public bool IsParkManager => Kind == CallerKind.Person && Roles.Contains(PlatformRoles.ParkManager);

    /// <summary>
    /// A person who reads the network's shared records (the directory of parks and workstations, the training programme,
    /// risk warnings) and the fields open to people: every person except a park manager, who reads only aggregates.
    /// </summary>
    public bool IsNetworkPerson => Kind == CallerKind.Person && !IsParkManager;

    public static AccessContext Anonymous { get; } = new() { Kind = CallerKind.Anonymous };

    /// <summary>
    /// Roles whose row rules read the caller's own subject even where the rest of a module's rules do not (an expert
    /// sees the cases assigned to them). A rule that starts reading the subject for another role must add that role
    /// here, or callers who differ only by subject could be treated as seeing the same rows.
    /// </summary>
    public static readonly IReadOnlySet<string> SubjectScopedRoles = new HashSet<string>(StringComparer.Ordinal) { PlatformRoles.Expert };

    /// <summary>
    /// Everything row rules may tell callers apart by, as one key: two callers with the same key see the same rows, so a
    /// live event's row check and its result can be computed once for all of them (ADR 0026). The subject is part of it
    /// when <paramref name="rulesReadSubject"/> (import jobs are their starter's), for machine clients, and for people
    /// holding a <see cref="SubjectScopedRoles">subject-scoped role</see>.
    /// </summary>
    public string RowScopeKey(bool rulesReadSubject)
    {
        var subjectMatters = rulesReadSubject || Kind == CallerKind.Client || Roles.Overlaps(SubjectScopedRoles);
        return string.Join(
            '|',
            Kind,
            subjectMatters ? SubjectId : "",
            string.Join(' ', Roles.Order(StringComparer.Ordinal)),
            string.Join(' ', Scopes.Order(StringComparer.Ordinal)),
            string.Join(' ', WorkstationIds.Order()),
            ParkId,
            EnterpriseId);
    }

    public static AccessContext FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        static HashSet<Guid> Guids(IEnumerable<Claim> claims) =>
            [.. claims.Select(c => Guid.TryParse(c.Value, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty)];
        static Guid? OneGuid(Claim? claim) => claim is not null && Guid.TryParse(claim.Value, out var g) ? g : null;

        return new AccessContext
        {
            Kind = principal.HasClaim(c => c.Type == AccessClaims.ClientKind) ? CallerKind.Client : CallerKind.Person,
            SubjectId = principal.FindFirst(AccessClaims.Subject)?.Value,
            Roles = principal.FindAll(AccessClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            Scopes = principal.FindAll(c => c.Type is AccessClaims.Scope or AccessClaims.ValidatedScope)
                .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal),
            WorkstationIds = Guids(principal.FindAll(AccessClaims.Workstation)),
            ParkId = OneGuid(principal.FindFirst(AccessClaims.Park)),
            EnterpriseId = OneGuid(principal.FindFirst(AccessClaims.Enterprise)),
        };
    }
}

public static class PlatformRoles
{
    public const string Admin = "admin";
    public const string WorkstationStaff = "workstation_staff";
    public const string EnterpriseMember = "enterprise_member";

    /// <summary>A lawyer, agent or mediator of the expert registry: sees only the dispute cases assigned to them.</summary>
    public const string Expert = "expert";

    /// <summary>A person of a park's management: the statistics of their one park, nothing else (ADR 0025).</summary>
    public const string ParkManager = "park_manager";
}

public static class AccessClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Scope = "scope";

    /// <summary>How OpenIddict's validation hands over the scopes of a validated token (one claim per scope).</summary>
    public const string ValidatedScope = "oi_scp";
    public const string Workstation = "workstation";
    public const string Park = "park";
    public const string Enterprise = "enterprise";
    public const string ClientKind = "client_kind";

    /// <summary>A machine client's query-cost budget per minute, from its registration.</summary>
    public const string CostBudget = "cost_budget";
}
