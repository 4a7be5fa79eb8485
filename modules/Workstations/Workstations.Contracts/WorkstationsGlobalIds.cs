namespace IpShield.Workstations.Contracts;

/// <summary>
/// The GraphQL type names behind the Workstations module's global ids, for modules that accept a park or
/// workstation id in their own inputs (an enterprise settling in a park, say).
/// </summary>
public static class WorkstationsGlobalIds
{
    public const string Park = "Park";
    public const string Workstation = "Workstation";
    public const string ServiceRecord = "ServiceRecord";
}
