using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Auditing;

/// <summary>
/// Records every change a caller saves through any module's DbContext: before EF writes, it opens a transaction if none is
/// open, writes the audit records in it, and commits it with the change (or rolls both back). Module code stays unchanged.
/// </summary>
public sealed class AuditInterceptor(IAuditLog log, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly ConditionalWeakTable<DbContext, IDbContextTransaction> _owned = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Collect(context) is { Count: > 0 } records)
        {
            if (context.Database.CurrentTransaction is null)
            {
                _owned.AddOrUpdate(context, await context.Database.BeginTransactionAsync(cancellationToken));
            }

            await log.AppendAsync(context, records, cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && Collect(context) is { Count: > 0 } records)
        {
            if (context.Database.CurrentTransaction is null)
            {
                _owned.AddOrUpdate(context, context.Database.BeginTransaction());
            }

            log.Append(context, records);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _owned.TryGetValue(context, out var transaction))
        {
            _owned.Remove(context);
            await transaction.CommitAsync(cancellationToken);
            await transaction.DisposeAsync();
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && _owned.TryGetValue(context, out var transaction))
        {
            _owned.Remove(context);
            transaction.Commit();
            transaction.Dispose();
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _owned.TryGetValue(context, out var transaction))
        {
            _owned.Remove(context);
            await transaction.RollbackAsync(cancellationToken);
            await transaction.DisposeAsync();
        }
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context && _owned.TryGetValue(context, out var transaction))
        {
            _owned.Remove(context);
            transaction.Rollback();
            transaction.Dispose();
        }
    }

    private List<AuditRecord> Collect(DbContext context)
    {
        if (AuditActor.Current is not { } actor)
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var records = new List<AuditRecord>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is INotAudited || entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var changes = Changes(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }

            records.Add(new AuditRecord(
                Guid.CreateVersion7(),
                now,
                actor.Kind.ToString().ToLowerInvariant(),
                actor.SubjectId,
                TypeName(entry.Metadata.ClrType),
                Key(entry),
                entry.State switch { EntityState.Added => "created", EntityState.Deleted => "deleted", _ => "updated" },
                JsonSerializer.Serialize(changes, Json)));
        }

        return records;
    }

    private static Dictionary<string, object?[]> Changes(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (entry.State == EntityState.Modified && !property.IsModified)
            {
                continue;
            }

            var before = entry.State == EntityState.Added ? null : property.OriginalValue;
            var after = entry.State == EntityState.Deleted ? null : property.CurrentValue;
            if (entry.State == EntityState.Modified && Equals(before, after))
            {
                continue;
            }

            changes[name] = IsSecret(name) ? ["***", "***"] : [before, after];
        }

        return changes;
    }

    // Hashes, stamps and secrets are never copied into the log; that they changed is enough.
    private static bool IsSecret(string property) =>
        property.Contains("Password", StringComparison.OrdinalIgnoreCase)
        || property.Contains("Secret", StringComparison.OrdinalIgnoreCase)
        || property.Contains("Stamp", StringComparison.OrdinalIgnoreCase)
        || property.Contains("Payload", StringComparison.OrdinalIgnoreCase);

    private static string Key(EntityEntry entry) =>
        string.Join(',', entry.Metadata.FindPrimaryKey()?.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)) ?? []);

    private static string TypeName(Type type) => type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name;
}

public static class AuditingRegistration
{
    /// <summary>Audits every module DbContext (they take all registered interceptors); the log itself comes from Identity.</summary>
    public static IServiceCollection AddPlatformAuditing(this IServiceCollection services) =>
        services.AddSingleton<IInterceptor, AuditInterceptor>();
}
