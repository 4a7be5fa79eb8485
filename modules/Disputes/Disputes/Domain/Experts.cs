using IpShield.SharedKernel.Persistence;

namespace IpShield.Disputes.Domain;

/// <summary>A lawyer, agent or mediator the centre and workstations call on; <see cref="SubjectId"/> is their sign-in account, if any.</summary>
internal sealed class Expert : IEntity
{
    public const int NameMax = 200;
    public const int ListMax = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public string? Organisation { get; set; }
    public ExpertKind Kind { get; set; }
    public List<string> Specialties { get; set; } = [];

    /// <summary>ISO 3166-1 alpha-2 codes (or EU) where they may act.</summary>
    public List<string> Jurisdictions { get; set; } = [];
    public string? SubjectId { get; set; }
}

/// <summary>An expert assigned to a case.</summary>
internal sealed class CaseExpert
{
    public Guid CaseId { get; init; }
    public Guid ExpertId { get; init; }
    public DateOnly AssignedOn { get; init; }
}

/// <summary>One squatting wave or one suit naming many enterprises: groups their cases, each keeping its own timeline.</summary>
internal sealed class Campaign : IEntity
{
    public const int NameMax = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public CaseKind Kind { get; init; }
    public string? Description { get; set; }
    public DateOnly OpenedOn { get; init; }
}
