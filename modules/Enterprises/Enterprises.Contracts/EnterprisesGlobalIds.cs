namespace IpShield.Enterprises.Contracts;

/// <summary>The GraphQL type names behind the Enterprises module's global ids, for modules that extend or refer to them.</summary>
public static class EnterprisesGlobalIds
{
    public const string Enterprise = "Enterprise";
    public const string EnterpriseImport = "EnterpriseImport";
}
