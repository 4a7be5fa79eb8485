namespace IpShield.SharedKernel.Access;

/// <summary>
/// Named requirements that graph types and fields declare with GraphQL.NET's <c>AuthorizeWithPolicy</c> metadata, and
/// <see cref="GraphQL.Execution.AccessValidationRule"/> checks before anything resolves. Row-level rules stay in each
/// module's access class; these decide only whether a kind of caller may ask at all.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Any signed-in caller, person or machine client; row rules decide what each sees.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>People (any role but park manager) and the city centre; machine clients are refused.</summary>
    public const string People = "people";

    /// <summary>The city IP-protection centre only.</summary>
    public const string Admin = "admin";

    /// <summary>Machine clients only (their own webhooks, ADR 0024): a person, even of the centre, is refused.</summary>
    public const string Clients = "clients";

    private const string ScopePrefix = "scope:";
    private const string PeopleOrScopePrefix = "people-or-scope:";

    /// <summary>
    /// Machine clients holding this scope, and the city centre; for <see cref="PlatformScopes.StatsRead"/> also park
    /// managers, whose web token carries <c>api</c> but whose role is the reading of their park's statistics (ADR 0025).
    /// </summary>
    public static string Scope(string scope) => ScopePrefix + scope;

    /// <summary>People (any role but park manager), machine clients holding this scope, and the city centre.</summary>
    public static string PeopleOrScope(string scope) => PeopleOrScopePrefix + scope;

    public static bool Allows(this AccessContext access, string policy) => policy switch
    {
        SignedIn => access.IsAdmin || access.Kind != CallerKind.Anonymous,
        People => access.IsAdmin || access.IsNetworkPerson,
        Admin => access.IsAdmin,
        Clients => access.Kind == CallerKind.Client,
        _ when policy.StartsWith(ScopePrefix, StringComparison.Ordinal) => access.IsAdmin || access.Scopes.Contains(policy[ScopePrefix.Length..])
            || (access.IsParkManager && policy[ScopePrefix.Length..] == PlatformScopes.StatsRead),
        _ when policy.StartsWith(PeopleOrScopePrefix, StringComparison.Ordinal) =>
            access.IsAdmin || access.IsNetworkPerson || access.Scopes.Contains(policy[PeopleOrScopePrefix.Length..]),
        _ => false, // an unknown policy name is a bug on our side: fail closed
    };
}
