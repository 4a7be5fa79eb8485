using System.Reflection;
using IpShield.SharedKernel.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace IpShield.SharedKernel.Persistence;

/// <summary>
/// The base of a module's DbContext (design rule 2): every table carries the module's prefix, the migration history
/// is <c>{prefix}_migrations</c>, text is utf8mb4 on MySQL, and the module has its own outbox, inbox and dead letters
/// (ADR 0007). The prefix is declared once, with <see cref="TablePrefixAttribute"/> on the derived class.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Derived contexts call this first, then map their own entities.</summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.UseModuleCollation(Database);
        modelBuilder.AddMessagingTables(TablePrefixAttribute.Of(GetType()));
    }

    /// <summary>
    /// The parks a saved row without a <c>ParkId</c> of its own belongs to (ADR 0041), from what this context tracks (the
    /// row's parent, say: its park before and after the save), or null when it cannot say: then the save changes the
    /// data version of every park. Rows with a <c>ParkId</c> name their own; a module places its other rows here.
    /// </summary>
    protected internal virtual IEnumerable<Guid?>? ParksOf(EntityEntry entry) => null;

    /// <summary>The park of a tracked row with a <c>ParkId</c>, before and after the save; null when the row is not tracked.</summary>
    protected IEnumerable<Guid?>? ParksOfTracked<TEntity>(Guid key)
        where TEntity : class =>
        Set<TEntity>().Local.FindEntry(key) is { } entry && entry.Metadata.FindProperty(ParkIdProperty) is not null
            ? [entry.Property(ParkIdProperty).CurrentValue as Guid?, entry.Property(ParkIdProperty).OriginalValue as Guid?]
            : null;

    private const string ParkIdProperty = "ParkId";

    /// <summary>
    /// Saves and keeps a summary table current in the same transaction (ADRs 0031, 0032): the share of the summary that
    /// the <paramref name="concerned"/> rows (enterprises, say) make up is read before the save and after it, and
    /// <paramref name="apply"/> adds the difference. The caller's transaction is used when there is one; otherwise the
    /// save gets its own. A derived context calls this from its <c>SaveChangesAsync</c> override instead of the base.
    /// </summary>
    protected async Task<int> SaveKeepingSummaryAsync<TKey, TShare>(
        IReadOnlyList<TKey> concerned,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<TShare>> readShare,
        Func<TShare, TShare, CancellationToken, Task> apply,
        bool acceptAllChangesOnSuccess,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readShare);
        ArgumentNullException.ThrowIfNull(apply);
        if (concerned.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var before = await readShare(concerned, cancellationToken);
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await apply(before, await readShare(concerned, cancellationToken), cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return saved;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }
}

/// <summary>A module's table prefix (<c>ws</c>, <c>ent</c>, <c>idn</c> …), without the underscore.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TablePrefixAttribute(string prefix) : Attribute
{
    public string Prefix { get; } = prefix;

    public static string Of(Type context) =>
        context.GetCustomAttribute<TablePrefixAttribute>()?.Prefix
        ?? throw new InvalidOperationException($"{context.Name} declares no [TablePrefix(\"…\")]: a module's DbContext says which prefix its tables carry.");

    /// <summary>Where EF records the module's applied migrations: its own table, so modules migrate independently.</summary>
    public static string MigrationsHistoryTableOf(Type context) => $"{Of(context)}_migrations";
}

public static class ModuleModelBuilderExtensions
{
    /// <summary>
    /// utf8mb4 with a Unicode collation on MySQL-family servers. Set in the model because Pomelo otherwise resets the
    /// database to <c>utf8mb4_general_ci</c>; for a context that cannot derive from <see cref="ModuleDbContext"/>.
    /// </summary>
    public static ModelBuilder UseModuleCollation(this ModelBuilder modelBuilder, DatabaseFacade database)
    {
        if (database.IsMySql())
        {
            modelBuilder.HasCharSet("utf8mb4").UseCollation("utf8mb4_unicode_ci");
        }

        return modelBuilder;
    }
}
