using Microsoft.EntityFrameworkCore;

namespace IpShield.SharedKernel.Auditing;

/// <summary>One change to one entity: who made it, when, and each changed property's old and new value (JSON).</summary>
public sealed record AuditRecord(
    Guid Id,
    DateTime OccurredAt,
    string ActorKind,
    string? ActorId,
    string EntityType,
    string EntityId,
    string Action,
    string Changes);

/// <summary>
/// Where audit records go: written on the changing context's own connection and transaction, so the record and the
/// change commit or roll back together (docs/adr/0009). The Identity module owns the table.
/// </summary>
public interface IAuditLog
{
    Task AppendAsync(DbContext changing, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken);

    void Append(DbContext changing, IReadOnlyList<AuditRecord> records);
}

/// <summary>Marks entities that are not audited themselves (the audit records).</summary>
public interface INotAudited;
