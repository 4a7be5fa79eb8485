using IpShield.Identity.Domain;
using IpShield.Identity.Persistence;
using IpShield.SharedKernel.Auditing;
using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IpShield.Identity.Auditing;

/// <summary>
/// Writes audit records into <c>idn_audit_log</c> through Identity's own model, on the connection and inside the
/// transaction of the context whose changes they describe: both commit together or not at all.
/// </summary>
internal sealed class AuditLogWriter(DatabaseOptions database) : IAuditLog
{
    public async Task AppendAsync(DbContext changing, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        await using var log = Open(changing);
        log.AuditLog.AddRange(records.Select(ToEntry));
        await log.SaveChangesAsync(cancellationToken);
    }

    public void Append(DbContext changing, IReadOnlyList<AuditRecord> records)
    {
        using var log = Open(changing);
        log.AuditLog.AddRange(records.Select(ToEntry));
        log.SaveChanges();
    }

    private PlatformIdentityDbContext Open(DbContext changing)
    {
        var connection = changing.Database.GetDbConnection();
        var options = new DbContextOptionsBuilder<PlatformIdentityDbContext>();
        if (database.Provider == DatabaseProvider.MySql)
        {
            options.UseMySql(connection, ServerVersion.Parse(database.ServerVersion));
        }
        else
        {
            options.UseSqlite(connection);
        }

        var log = new PlatformIdentityDbContext(options.Options);
        log.Database.UseTransaction(changing.Database.CurrentTransaction?.GetDbTransaction());
        return log;
    }

    private static AuditEntry ToEntry(AuditRecord record) => new()
    {
        Id = record.Id,
        OccurredAt = record.OccurredAt,
        ActorKind = record.ActorKind,
        ActorId = record.ActorId,
        EntityType = record.EntityType,
        EntityId = record.EntityId,
        Action = record.Action,
        Changes = record.Changes,
    };
}
