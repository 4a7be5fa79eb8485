using IpShield.SharedKernel.Persistence;

namespace IpShield.Disputes.Domain;

/// <summary>
/// A risk warning drawn from overseas IP news, issued by the city centre (<see cref="IssuingWorkstationId"/> null: all
/// settled enterprises may match) or a workstation (only its enterprises). Empty markets, platforms or categories match any.
/// </summary>
internal sealed class RiskWarning : IEntity
{
    public const int NumberMax = 50;
    public const int TitleMax = 200;
    public const int BodyMax = 8000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string Number { get; init; } = "";
    public string Title { get; init; } = "";
    public string Body { get; init; } = "";
    public RiskType RiskType { get; init; }
    public Severity Severity { get; init; }
    public List<string> Markets { get; init; } = [];
    public List<string> Platforms { get; init; } = [];
    public List<string> ProductCategories { get; init; } = [];
    public List<string> Brands { get; init; } = [];
    public string? RecommendedActions { get; init; }
    public List<string> Sources { get; init; } = [];
    public DateOnly IssuedOn { get; init; }
    public DateOnly ValidUntil { get; init; }
    public Guid? IssuingWorkstationId { get; init; }
    public DateTimeOffset IssuedAt { get; init; }

    public WarningTarget Target => new(IssuingWorkstationId, Markets, Platforms, ProductCategories);
}

/// <summary>A warning delivered to one enterprise, seen by its members and its workstation's staff.</summary>
internal sealed class WarningNotification : IEntity
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid WarningId { get; init; }
    public Guid EnterpriseId { get; init; }
    public Guid? WorkstationId { get; set; }
    public DateTimeOffset DeliveredAt { get; init; }
    public DateTimeOffset? ReadAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
}
