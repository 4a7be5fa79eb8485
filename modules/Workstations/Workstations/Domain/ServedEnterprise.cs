namespace IpShield.Workstations.Domain;

/// <summary>
/// An enterprise a workstation serves because it settled in the workstation's park: the roster the
/// workstation's statistics count, kept from the Enterprises module's <c>EnterpriseSettled</c> events.
/// </summary>
internal sealed class ServedEnterprise
{
    public Guid WorkstationId { get; init; }
    public Guid EnterpriseId { get; init; }
    public DateOnly SettledOn { get; set; }

    /// <summary>When it moved to another workstation's park; null while it is served here.</summary>
    public DateOnly? LeftOn { get; set; }
}
