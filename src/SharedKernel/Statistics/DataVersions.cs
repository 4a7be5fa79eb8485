using System.Data.Common;
using System.Runtime.CompilerServices;
using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IpShield.SharedKernel.Statistics;

/// <summary>
/// The version of each module's data (ADR 0037): one row per module in <c>live_data_versions</c> whose stamp every
/// committed write of the module replaces with a new random number. A statistics answer computed after reading stamp S
/// stays right for as long as the stamp is still S, on every host, so it can be given again without counting anew.
/// </summary>
public static class DataVersions
{
    public const string Table = "live_data_versions";

    private static readonly AsyncLocal<bool> InBookkeeping = new();

    /// <summary>
    /// Marks the writes made until disposal as the kernel's own bookkeeping (outbox relay, inbox failures, job leases,
    /// retention): they change nothing a statistics section reads, so they leave the module's version alone. Without it
    /// a lease renewed every few seconds would throw every cached answer away.
    /// </summary>
    public static IDisposable Bookkeeping()
    {
        var outer = InBookkeeping.Value;
        InBookkeeping.Value = true;
        return new Restore(outer);
    }

    internal static bool IsBookkeeping => InBookkeeping.Value;

    /// <summary>The module's current stamp (0 before its first write).</summary>
    public static async Task<long> ReadAsync(ModuleDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stamps = await db.Database
            .SqlQueryRaw<long>($"SELECT Stamp AS Value FROM {Table} WHERE Module = {{0}}", TablePrefixAttribute.Of(db.GetType()))
            .ToListAsync(cancellationToken);
        return stamps.Count == 0 ? 0 : stamps[0];
    }

    /// <summary>Gives the module of <paramref name="db"/> a new stamp, outside any transaction.</summary>
    internal static async Task ChangeAsync(ModuleDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await ChangeAsync(db.Database.GetDbConnection(), null, TablePrefixAttribute.Of(db.GetType()), db.Database.IsSqlite(), cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Gives the module a new stamp, on <paramref name="connection"/> (open) and inside <paramref name="transaction"/>
    /// when there is one, so the stamp commits with the data. Raw ADO.NET: it must not pass through the interceptors.
    /// </summary>
    internal static async Task ChangeAsync(DbConnection connection, DbTransaction? transaction, string module, bool sqlite, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, module, $"UPDATE {Table} SET Stamp = @stamp WHERE Module = @module");
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            command.CommandText = FirstStamp(sqlite);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    internal static void Change(DbConnection connection, DbTransaction? transaction, string module, bool sqlite)
    {
        using var command = Command(connection, transaction, module, $"UPDATE {Table} SET Stamp = @stamp WHERE Module = @module");
        if (command.ExecuteNonQuery() == 0)
        {
            command.CommandText = FirstStamp(sqlite);
            command.ExecuteNonQuery();
        }
    }

    // A random stamp rather than a counter: a database built again from nothing (tests) cannot repeat an old version.
    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string module, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var stamp = command.CreateParameter();
        stamp.ParameterName = "@stamp";
        stamp.Value = Random.Shared.NextInt64(1, long.MaxValue);
        command.Parameters.Add(stamp);
        var name = command.CreateParameter();
        name.ParameterName = "@module";
        name.Value = module;
        command.Parameters.Add(name);
        return command;
    }

    private static string FirstStamp(bool sqlite) => sqlite
        ? $"INSERT INTO {Table} (Module, Stamp) VALUES (@module, @stamp) ON CONFLICT (Module) DO UPDATE SET Stamp = excluded.Stamp"
        : $"INSERT INTO {Table} (Module, Stamp) VALUES (@module, @stamp) ON DUPLICATE KEY UPDATE Stamp = VALUES(Stamp)";

    private sealed class Restore(bool outer) : IDisposable
    {
        public void Dispose() => InBookkeeping.Value = outer;
    }
}

/// <summary>
/// Changes a module's data version with each of its committed writes (ADR 0037): inside every transaction the module
/// commits (explicit ones, EF's own around a save, the audit's), and right after a write made without one (a
/// single-statement save, an <c>ExecuteUpdate</c> or raw statement outside a transaction). Module code stays unchanged;
/// writes that bypass EF altogether run inside an EF transaction here (the import's bulk copy), so its commit counts them.
/// </summary>
internal sealed class DataVersionInterceptor : IDbTransactionInterceptor, IDbCommandInterceptor, ISaveChangesInterceptor
{
    // The hooks implement their interfaces explicitly: the interfaces give every member a default, so a hook whose
    // signature drifted would otherwise compile as a method EF never calls.
    // Contexts whose open save has already changed the version in a transaction it committed.
    private readonly ConditionalWeakTable<DbContext, object> _changedInSave = [];

    private static readonly object Marker = new();

    async ValueTask<InterceptionResult> IDbTransactionInterceptor.TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken)
    {
        if (Module(eventData.Context) is { } module && transaction.Connection is { } connection)
        {
            await DataVersions.ChangeAsync(connection, transaction, module, eventData.Context!.Database.IsSqlite(), cancellationToken);
            _changedInSave.AddOrUpdate(eventData.Context, Marker);
        }

        return result;
    }

    InterceptionResult IDbTransactionInterceptor.TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (Module(eventData.Context) is { } module && transaction.Connection is { } connection)
        {
            DataVersions.Change(connection, transaction, module, eventData.Context!.Database.IsSqlite());
            _changedInSave.AddOrUpdate(eventData.Context, Marker);
        }

        return result;
    }

    async ValueTask<int> IDbCommandInterceptor.NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken)
    {
        if (command.Transaction is null && result > 0 && Module(eventData.Context) is { } module && command.Connection is { } connection)
        {
            await DataVersions.ChangeAsync(connection, null, module, eventData.Context!.Database.IsSqlite(), cancellationToken);
        }

        return result;
    }

    int IDbCommandInterceptor.NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        if (command.Transaction is null && result > 0 && Module(eventData.Context) is { } module && command.Connection is { } connection)
        {
            DataVersions.Change(connection, null, module, eventData.Context!.Database.IsSqlite());
        }

        return result;
    }

    ValueTask<InterceptionResult<int>> ISaveChangesInterceptor.SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken)
    {
        Forget(eventData.Context);
        return ValueTask.FromResult(result);
    }

    InterceptionResult<int> ISaveChangesInterceptor.SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Forget(eventData.Context);
        return result;
    }

    /// <summary>A save that committed without a transaction of its own (EF sends one statement bare) still changed data.</summary>
    async ValueTask<int> ISaveChangesInterceptor.SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken)
    {
        if (result > 0 && UnversionedSave(eventData.Context) is { } context)
        {
            await DataVersions.ChangeAsync(context, cancellationToken);
        }

        return result;
    }

    int ISaveChangesInterceptor.SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (result > 0 && UnversionedSave(eventData.Context) is { } context)
        {
            context.Database.OpenConnection();
            try
            {
                DataVersions.Change(context.Database.GetDbConnection(), null, TablePrefixAttribute.Of(context.GetType()), context.Database.IsSqlite());
            }
            finally
            {
                context.Database.CloseConnection();
            }
        }

        return result;
    }

    /// <summary>A module's context outside the kernel's bookkeeping, or null.</summary>
    private static string? Module(DbContext? context) =>
        context is ModuleDbContext && !DataVersions.IsBookkeeping ? TablePrefixAttribute.Of(context.GetType()) : null;

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _changedInSave.Remove(context);
        }
    }

    // Inside an open transaction the commit changes the version; after one that committed, it already has.
    private ModuleDbContext? UnversionedSave(DbContext? context) =>
        Module(context) is not null && context!.Database.CurrentTransaction is null && !_changedInSave.TryGetValue(context, out _)
            ? (ModuleDbContext)context
            : null;
}
