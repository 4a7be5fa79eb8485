using IpShield.SharedKernel.Auditing;
using IpShield.SharedKernel.Persistence;

namespace IpShield.Identity.Domain;

/// <summary>A row of the audit log (<c>idn_audit_log</c>): one change to one entity by one caller.</summary>
internal sealed class AuditEntry : IEntity, INotAudited
{
    public Guid Id { get; init; }
    public DateTime OccurredAt { get; init; }

    /// <summary><c>person</c>, <c>client</c> or <c>anonymous</c>.</summary>
    public string ActorKind { get; init; } = string.Empty;

    /// <summary>The person's user id or the client's client id.</summary>
    public string? ActorId { get; init; }

    public string EntityType { get; init; } = string.Empty;
    public string EntityId { get; init; } = string.Empty;

    /// <summary><c>created</c>, <c>updated</c> or <c>deleted</c>.</summary>
    public string Action { get; init; } = string.Empty;

    /// <summary>JSON: each changed property with its old and new value.</summary>
    public string Changes { get; init; } = string.Empty;
}
