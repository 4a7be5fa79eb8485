using IpShield.SharedKernel.Persistence;

namespace IpShield.Workstations.Domain;

internal enum WorkstationLevel
{
    Municipal,
    District,
}

internal enum WorkstationStatus
{
    Open,
    Closed,
}

/// <summary>What a workstation offers the enterprises of its park.</summary>
internal enum WorkstationService
{
    ComplianceCertification,
    TrademarkPlanning,
    PatentPlanning,
    RiskWarning,
    Training,
    Guidance,
    DisputeResponse,
}

/// <summary>An IP-protection workstation, settled in a park, serving the enterprises there.</summary>
internal sealed class Workstation : IEntity
{
    public const int NameMax = 200;
    public const int HeadMax = 100;
    public const int ContactMax = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public WorkstationLevel Level { get; set; }
    public Guid ParkId { get; set; }
    public DateOnly OpenedOn { get; set; }
    public DateOnly? ClosedOn { get; private set; }
    public WorkstationStatus Status { get; private set; } = WorkstationStatus.Open;
    public string? Head { get; set; }
    public string? Contact { get; set; }
    public List<WorkstationService> ServicesOffered { get; set; } = [];

    /// <summary>Optimistic concurrency: every change raises it, and a change based on an older one is refused.</summary>
    public int Version { get; private set; } = 1;

    public void Touch() => Version++;

    public void Close(DateOnly closedOn)
    {
        ClosedOn = closedOn;
        Status = WorkstationStatus.Closed;
        Touch();
    }
}
