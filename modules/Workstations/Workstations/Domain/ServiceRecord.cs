using IpShield.SharedKernel.Persistence;

namespace IpShield.Workstations.Domain;

internal enum ServiceKind
{
    Consultation,
    GuidanceVisit,
}

/// <summary>A consultation or guidance visit a workstation gave an enterprise.</summary>
internal sealed class ServiceRecord : IEntity
{
    public const int TopicMax = 300;
    public const int OutcomeMax = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid WorkstationId { get; init; }
    public DateOnly OccurredOn { get; init; }
    public ServiceKind Kind { get; init; }
    public required string Topic { get; init; }
    public string? Outcome { get; init; }

    /// <summary>The enterprise served; an id owned by the Enterprises module, never a foreign key.</summary>
    public Guid? EnterpriseId { get; init; }

    public required DateTime RecordedAt { get; init; }
}
