using System.Data.Common;
using System.Runtime.CompilerServices;
using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IpShield.SharedKernel.Statistics;

/// <summary>
/// The version of a park's data in one module (ADRs 0037, 0041). Every committed write of a module gives new random
/// stamps, in <c>live_data_stamps</c>, to the module as a whole (the city's version), to each park it names, and to
/// "parks not named" when it wrote rows whose park it could not say. A park's version is its own stamp with the
/// "not named" stamp: a statistics answer computed after reading version V stays right for as long as the version is
/// still V, on every host, and a write in another park leaves it alone.
/// </summary>
public static class DataVersions
{
    public const string Table = "live_data_stamps";

    /// <summary>The scope every write of the module changes: the whole city's version.</summary>
    internal const string WholeModule = "city";

    /// <summary>The scope changed by writes whose parks were not named: part of every park's version.</summary>
    internal const string ParksNotNamed = "parks-not-named";

    private static readonly AsyncLocal<bool> InBookkeeping = new();

    private static readonly AsyncLocal<Guid[]?> Named = new();

    /// <summary>What each module context has written since its last commit: the parks named, and whether it wrote rows it could not place.</summary>
    private static readonly ConditionalWeakTable<DbContext, Written> Pending = [];

    /// <summary>
    /// Marks the writes made until disposal as the kernel's own bookkeeping (outbox relay, inbox failures, job leases,
    /// retention): they change nothing a statistics section reads, so they leave the module's version alone. Without it
    /// a lease renewed every few seconds would throw every cached answer away.
    /// </summary>
    public static IDisposable Bookkeeping()
    {
        var outer = InBookkeeping.Value;
        InBookkeeping.Value = true;
        return new Restore(() => InBookkeeping.Value = outer);
    }

    internal static bool IsBookkeeping => InBookkeeping.Value;

    /// <summary>
    /// Names the parks of the writes made until disposal that the kernel cannot place by itself: statements
    /// (<c>ExecuteUpdate</c>, <c>ExecuteSql</c>) and saved rows that carry no <c>ParkId</c> and that their context does
    /// not place (<see cref="ModuleDbContext.ParksOf"/>). A null park (an enterprise not settled) names none. The caller
    /// vouches that those writes concern no other park; saved rows with a <c>ParkId</c> still name their own.
    /// </summary>
    public static IDisposable WritesOf(params IEnumerable<Guid?> parks)
    {
        var outer = Named.Value;
        Named.Value = [.. (outer ?? []).Concat(parks.Where(p => p is not null).Select(p => p!.Value)).Distinct()];
        return new Restore(() => Named.Value = outer);
    }

    /// <summary>
    /// Records a write sent around EF on <paramref name="db"/>'s connection and transaction (a bulk copy), which the kernel
    /// cannot see: its commit then changes the versions of <paramref name="parks"/>, or, when null, of every park.
    /// </summary>
    public static void Wrote(DbContext db, IEnumerable<Guid?>? parks)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db is not ModuleDbContext || IsBookkeeping)
        {
            return;
        }

        var written = PendingOf(db);
        if (parks is null)
        {
            written.NameNone();
        }
        else
        {
            written.Name(parks);
        }
    }

    /// <summary>The module's stamp for the whole city (0 before its first write): it changes with every write of the module.</summary>
    public static async Task<long> ReadAsync(ModuleDbContext db, CancellationToken cancellationToken) =>
        (await ReadAsync(db, [StatisticsScope.WholeCity], cancellationToken))(StatisticsScope.WholeCity).Stamp;

    /// <summary>
    /// The current versions of <paramref name="parks"/> (<see cref="StatisticsScope.WholeCity"/> for the whole city) in
    /// the module of <paramref name="db"/>: one primary-key range read.
    /// </summary>
    public static async Task<Func<Guid, DataVersion>> ReadAsync(ModuleDbContext db, IReadOnlyCollection<Guid> parks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(parks);
        var scopes = parks.Select(ScopeOf).Append(ParksNotNamed).Distinct().ToList();
        var sql = "SELECT Module, Scope, Stamp FROM " + Table + " WHERE Module = {0} AND Scope IN (" + RawSqlLists.Placeholders(scopes.Count, 1) + ")";
        var stamps = (await db.Database
                .SqlQueryRaw<StampRow>(sql, [TablePrefixAttribute.Of(db.GetType()), .. scopes])
                .ToListAsync(cancellationToken))
            .ToDictionary(s => s.Scope, s => s.Stamp, StringComparer.Ordinal);
        var notNamed = stamps.GetValueOrDefault(ParksNotNamed);
        return park => park == StatisticsScope.WholeCity
            ? new DataVersion(stamps.GetValueOrDefault(WholeModule), 0)
            : new DataVersion(stamps.GetValueOrDefault(ScopeOf(park)), notNamed);
    }

    /// <summary>
    /// Every stamp of every module (a few rows per park), for a host to notice the writes of the others (ADR 0043). Any
    /// context on the database will do: the table is the kernel's.
    /// </summary>
    internal static async Task<IReadOnlyList<(string Module, string Scope, long Stamp)>> ReadAllAsync(DbContext db, CancellationToken cancellationToken) =>
        [.. (await db.Database.SqlQueryRaw<StampRow>("SELECT Module, Scope, Stamp FROM " + Table).ToListAsync(cancellationToken))
            .Select(s => (s.Module, s.Scope, s.Stamp))];

    /// <summary>The park a stamp's scope names, or null for the city's and the not-named scopes.</summary>
    internal static Guid? ParkOfScope(string scope) =>
        scope is WholeModule or ParksNotNamed || !Guid.TryParseExact(scope, "D", out var park) ? null : park;

    /// <summary>Gives the whole module new stamps (every park's version changes), outside any transaction: a migration may have filled data.</summary>
    internal static async Task ChangeAsync(ModuleDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await ChangeAsync(db.Database.GetDbConnection(), null, TablePrefixAttribute.Of(db.GetType()), Written.EveryPark(), db.Database.IsSqlite(), cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Gives new stamps to the module and to what <paramref name="written"/> names, on <paramref name="connection"/> (open)
    /// and inside <paramref name="transaction"/> when there is one, so the stamps commit with the data. One upsert, its
    /// rows in one order for every writer (no deadlock between two). Raw ADO.NET: it must not pass through the interceptors.
    /// </summary>
    internal static async Task ChangeAsync(DbConnection connection, DbTransaction? transaction, string module, Written written, bool sqlite, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, module, written, sqlite);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static void Change(DbConnection connection, DbTransaction? transaction, string module, Written written, bool sqlite)
    {
        using var command = Command(connection, transaction, module, written, sqlite);
        command.ExecuteNonQuery();
    }

    internal static Written PendingOf(DbContext db) => Pending.GetOrCreateValue(db);

    internal static Guid[]? NamedParks => Named.Value;

    private static string ScopeOf(Guid park) => park == StatisticsScope.WholeCity ? WholeModule : park.ToString("D");

    // A random stamp rather than a counter: a database built again from nothing (tests) cannot repeat an old version.
    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string module, Written written, bool sqlite)
    {
        var scopes = new List<string> { WholeModule };
        if (written.NotNamed)
        {
            scopes.Add(ParksNotNamed);
        }

        scopes.AddRange(written.Parks.Select(ScopeOf).Order(StringComparer.Ordinal));
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {Table} (Module, Scope, Stamp) VALUES "
            + string.Join(", ", scopes.Select((_, i) => $"(@module, @scope{i}, @stamp)"))
            + (sqlite ? " ON CONFLICT (Module, Scope) DO UPDATE SET Stamp = excluded.Stamp" : " ON DUPLICATE KEY UPDATE Stamp = VALUES(Stamp)");
        Add(command, "@stamp", Random.Shared.NextInt64(1, long.MaxValue));
        Add(command, "@module", module);
        for (var i = 0; i < scopes.Count; i++)
        {
            Add(command, $"@scope{i}", scopes[i]);
        }

        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    /// <summary>A row of <see cref="Table"/>.</summary>
    private sealed class StampRow
    {
        public string Module { get; init; } = "";

        public string Scope { get; init; } = "";

        public long Stamp { get; init; }
    }
}

/// <summary>
/// A park's data version in one module: its own stamp and the stamp of writes whose parks were not named (for the whole
/// city: the module's stamp, and 0).
/// </summary>
public readonly record struct DataVersion(long Stamp, long NotNamed);

/// <summary>What a module context wrote since its last commit (ADR 0041).</summary>
internal sealed class Written
{
    public HashSet<Guid> Parks { get; } = [];

    /// <summary>It wrote rows whose parks nobody named: every park's version changes.</summary>
    public bool NotNamed { get; private set; }

    /// <summary>Something was recorded (rows of no park, an enterprise not settled, change the city's version only).</summary>
    public bool Any { get; private set; }

    /// <summary>A save is running: the statements sent meanwhile are its own, placed from its tracked rows.</summary>
    public bool Saving { get; set; }

    public static Written EveryPark()
    {
        var written = new Written();
        written.NameNone();
        return written;
    }

    public void Name(IEnumerable<Guid?> parks)
    {
        Any = true;
        foreach (var park in parks)
        {
            if (park is { } p && p != Guid.Empty)
            {
                Parks.Add(p);
            }
        }
    }

    public void NameNone() => Any = NotNamed = true;

    /// <summary>
    /// What was written, for the commit that makes it visible; this starts over. When nothing was seen, every park's
    /// version changes: a statement sent around EF may have written (the safe side).
    /// </summary>
    public Written Take()
    {
        var taken = new Written { Any = true, NotNamed = NotNamed || !Any };
        taken.Parks.UnionWith(Parks);
        Clear();
        return taken;
    }

    public void Clear()
    {
        Parks.Clear();
        Any = NotNamed = false;
    }
}

/// <summary>
/// Changes a module's data versions with each of its committed writes (ADRs 0037, 0041): inside every transaction the
/// module commits (explicit ones, EF's own around a save, the audit's), and right after a write made without one (a
/// single-statement save, an <c>ExecuteUpdate</c> or raw statement outside a transaction). A save names the parks of the
/// rows it writes (their <c>ParkId</c>, before and after, or what the module's context says of rows without one); a
/// statement names the parks of an open <see cref="DataVersions.WritesOf"/>, or none, and then every park's version
/// changes. Writes that bypass EF (the import's bulk copy) run inside an EF transaction and say so with
/// <see cref="DataVersions.Wrote"/>; a transaction that committed with nothing seen changes every park's version.
/// </summary>
internal sealed class DataVersionInterceptor(StatisticsAnswers? answers = null) : IDbTransactionInterceptor, IDbCommandInterceptor, ISaveChangesInterceptor
{
    private const string ParkIdProperty = "ParkId";

    /// <summary>The kernel's own tables in a module's context (outbox, inbox, leases) hold nothing a statistics section reads.</summary>
    private static readonly System.Reflection.Assembly Kernel = typeof(DataVersions).Assembly;

    // The hooks implement their interfaces explicitly: the interfaces give every member a default, so a hook whose
    // signature drifted would otherwise compile as a method EF never calls.
    // Contexts whose open save has already changed the versions in a transaction it committed.
    private readonly ConditionalWeakTable<DbContext, object> _changedInSave = [];

    private static readonly object Marker = new();

    /// <summary>What each context's committing transaction wrote, told to the answers once it has committed (ADR 0042).</summary>
    private readonly ConditionalWeakTable<DbContext, Committing> _committing = [];

    async ValueTask<InterceptionResult> IDbTransactionInterceptor.TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken)
    {
        if (Module(eventData.Context) is { } module && transaction.Connection is { } connection)
        {
            var written = DataVersions.PendingOf(eventData.Context!).Take();
            await DataVersions.ChangeAsync(connection, transaction, module, written, eventData.Context!.Database.IsSqlite(), cancellationToken);
            _changedInSave.AddOrUpdate(eventData.Context, Marker);
            _committing.AddOrUpdate(eventData.Context, new Committing(module, written));
        }

        return result;
    }

    InterceptionResult IDbTransactionInterceptor.TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (Module(eventData.Context) is { } module && transaction.Connection is { } connection)
        {
            var written = DataVersions.PendingOf(eventData.Context!).Take();
            DataVersions.Change(connection, transaction, module, written, eventData.Context!.Database.IsSqlite());
            _changedInSave.AddOrUpdate(eventData.Context, Marker);
            _committing.AddOrUpdate(eventData.Context, new Committing(module, written));
        }

        return result;
    }

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    Task IDbTransactionInterceptor.TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Forget(eventData.Context);

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    async ValueTask<int> IDbCommandInterceptor.NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken)
    {
        if (Statement(eventData.Context, result) is { } written && command.Transaction is null && command.Connection is { } connection)
        {
            var taken = written.Take();
            await DataVersions.ChangeAsync(connection, null, Module(eventData.Context)!, taken, eventData.Context!.Database.IsSqlite(), cancellationToken);
            Tell(Module(eventData.Context)!, taken);
        }

        return result;
    }

    int IDbCommandInterceptor.NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        if (Statement(eventData.Context, result) is { } written && command.Transaction is null && command.Connection is { } connection)
        {
            var taken = written.Take();
            DataVersions.Change(connection, null, Module(eventData.Context)!, taken, eventData.Context!.Database.IsSqlite());
            Tell(Module(eventData.Context)!, taken);
        }

        return result;
    }

    ValueTask<InterceptionResult<int>> ISaveChangesInterceptor.SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    InterceptionResult<int> ISaveChangesInterceptor.SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    /// <summary>A save that committed without a transaction of its own (EF sends one statement bare) still changed data.</summary>
    async ValueTask<int> ISaveChangesInterceptor.SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken)
    {
        if (Saved(eventData.Context, result) is { } context)
        {
            var module = TablePrefixAttribute.Of(context.GetType());
            var written = DataVersions.PendingOf(context).Take();
            await context.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await DataVersions.ChangeAsync(context.Database.GetDbConnection(), null, module, written, context.Database.IsSqlite(), cancellationToken);
            }
            finally
            {
                await context.Database.CloseConnectionAsync();
            }

            Tell(module, written);
        }

        return result;
    }

    int ISaveChangesInterceptor.SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Saved(eventData.Context, result) is { } context)
        {
            var module = TablePrefixAttribute.Of(context.GetType());
            var written = DataVersions.PendingOf(context).Take();
            context.Database.OpenConnection();
            try
            {
                DataVersions.Change(context.Database.GetDbConnection(), null, module, written, context.Database.IsSqlite());
            }
            finally
            {
                context.Database.CloseConnection();
            }

            Tell(module, written);
        }

        return result;
    }

    void ISaveChangesInterceptor.SaveChangesFailed(DbContextErrorEventData eventData) => NotSaving(eventData.Context);

    Task ISaveChangesInterceptor.SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken)
    {
        NotSaving(eventData.Context);
        return Task.CompletedTask;
    }

    void ISaveChangesInterceptor.SaveChangesCanceled(DbContextEventData eventData) => NotSaving(eventData.Context);

    Task ISaveChangesInterceptor.SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken)
    {
        NotSaving(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>A module's context outside the kernel's bookkeeping, or null.</summary>
    private static string? Module(DbContext? context) =>
        context is ModuleDbContext && !DataVersions.IsBookkeeping ? TablePrefixAttribute.Of(context.GetType()) : null;

    /// <summary>
    /// A save starts: the parks of the rows it writes are named now, while they are still added, modified or deleted
    /// (reading the entries detects the changes, as the save is about to).
    /// </summary>
    private void Saving(DbContext? context)
    {
        if (Module(context) is null)
        {
            return;
        }

        _changedInSave.Remove(context!);
        var module = (ModuleDbContext)context!;
        var written = DataVersions.PendingOf(module);
        written.Saving = true;
        foreach (var entry in module.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || entry.Metadata.ClrType.Assembly == Kernel)
            {
                continue;
            }

            if (entry.Metadata.FindProperty(ParkIdProperty) is { } park && (park.ClrType == typeof(Guid) || park.ClrType == typeof(Guid?)))
            {
                var value = entry.Property(park.Name);
                written.Name([value.CurrentValue as Guid?, entry.State == EntityState.Modified ? value.OriginalValue as Guid? : null]);
            }
            else if (module.ParksOf(entry) is { } parks)
            {
                written.Name(parks);
            }
            else if (DataVersions.NamedParks is { } named)
            {
                written.Name(named.Select(p => (Guid?)p));
            }
            else
            {
                written.NameNone();
            }
        }
    }

    private static void NotSaving(DbContext? context)
    {
        if (Module(context) is not null)
        {
            DataVersions.PendingOf(context!).Saving = false;
        }
    }

    /// <summary>The module context that saved outside any transaction and has not changed its versions yet, or null.</summary>
    private ModuleDbContext? Saved(DbContext? context, int result)
    {
        if (Module(context) is null)
        {
            return null;
        }

        var written = DataVersions.PendingOf(context!);
        written.Saving = false;
        // Inside an open transaction the commit changes the versions; after one that committed, it already has.
        if (context!.Database.CurrentTransaction is not null || _changedInSave.TryGetValue(context, out _))
        {
            return null;
        }

        if (result > 0)
        {
            return (ModuleDbContext)context;
        }

        written.Clear();
        return null;
    }

    /// <summary>A statement of the module that changed rows outside a save, recorded with the parks it names; null otherwise.</summary>
    private static Written? Statement(DbContext? context, int rows)
    {
        if (rows <= 0 || Module(context) is null)
        {
            return null;
        }

        var written = DataVersions.PendingOf(context!);
        if (written.Saving)
        {
            return null; // one of the save's own statements, placed from its rows
        }

        if (DataVersions.NamedParks is { } named)
        {
            written.Name(named.Select(p => (Guid?)p));
        }
        else
        {
            written.NameNone();
        }

        return written;
    }

    private void Forget(DbContext? context)
    {
        if (context is ModuleDbContext)
        {
            DataVersions.PendingOf(context).Clear();
            _committing.Remove(context);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _committing.TryGetValue(context, out var committed))
        {
            _committing.Remove(context);
            Tell(committed.Module, committed.Written);
        }
    }

    /// <summary>Tells this host's answers what a committed write changed, to compute them again ahead of the next poll (ADR 0042).</summary>
    private void Tell(string module, Written written) => answers?.Changed(module, [.. written.Parks], written.NotNamed);

    private sealed record Committing(string Module, Written Written);
}
