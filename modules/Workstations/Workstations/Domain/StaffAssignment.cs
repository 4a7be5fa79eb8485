using IpShield.SharedKernel.Persistence;

namespace IpShield.Workstations.Domain;

/// <summary>A person working at a workstation. <see cref="SubjectId"/> links the platform account once there is one.</summary>
internal sealed class StaffAssignment : IEntity
{
    public const int NameMax = 100;
    public const int TitleMax = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid WorkstationId { get; init; }
    public required string PersonName { get; set; }
    public string? Title { get; set; }
    public string? SubjectId { get; set; }
    public DateOnly AssignedOn { get; set; }
}
