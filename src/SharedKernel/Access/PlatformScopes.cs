namespace IpShield.SharedKernel.Access;

/// <summary>
/// The OAuth scopes of the GraphQL API, in one place: identity issues them, modules' policies ask for them, and the
/// README lists them for front ends and scripts.
/// </summary>
public static class PlatformScopes
{
    /// <summary>People's front end: everything their roles allow.</summary>
    public const string Api = "api";

    /// <summary>Park dashboards: aggregate statistics of their own park.</summary>
    public const string StatsRead = "stats:read";

    /// <summary>Import scripts: write enterprise records of their workstation.</summary>
    public const string EnterprisesImport = "enterprises:import";

    /// <summary>Import scripts: read enterprise records of their workstation.</summary>
    public const string EnterprisesRead = "enterprises:read";

    /// <summary>The audience every access token for the GraphQL API carries.</summary>
    public const string Resource = "ipshield-api";

    public static readonly string[] ApiScopes = [Api, StatsRead, EnterprisesImport, EnterprisesRead];
}
