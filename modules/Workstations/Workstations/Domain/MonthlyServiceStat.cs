namespace IpShield.Workstations.Domain;

/// <summary>
/// Services a workstation gave in one calendar month, kept up to date from <c>ServiceRecorded</c> events
/// (the statistics park dashboards read).
/// </summary>
internal sealed class MonthlyServiceStat
{
    public Guid WorkstationId { get; init; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; init; }

    public int Consultations { get; set; }

    public int GuidanceVisits { get; set; }
}
