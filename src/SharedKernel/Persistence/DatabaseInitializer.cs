using IpShield.SharedKernel.Statistics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpShield.SharedKernel.Persistence;

/// <summary>
/// Brings each module's tables up to date. MySQL goes through the module's committed migrations; the embedded SQLite
/// default creates tables from the model (docs/adr/0003).
/// </summary>
public static partial class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, bool migrate, CancellationToken cancellationToken = default)
    {
        var database = services.GetRequiredService<DatabaseOptions>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            PrepareSqliteFile(database.ConnectionString);
        }

        var changed = new List<Type>();
        // Creating and migrating tables is not a module's write: the version table itself may not exist yet.
        using (DataVersions.Bookkeeping())
        {
            foreach (var module in services.GetServices<ModuleDatabase>())
            {
                if (await InitializeAsync(services, module, database, migrate, logger, cancellationToken))
                {
                    changed.Add(module.ContextType);
                }
            }
        }

        // A migration may fill data (a stored count, a summary): answers computed from the data before it no longer hold.
        if (services.GetService<StatisticsAnswers>() is not null)
        {
            foreach (var type in changed.Where(t => t.IsAssignableTo(typeof(ModuleDbContext))))
            {
                using var scope = services.CreateScope();
                await DataVersions.ChangeAsync((ModuleDbContext)scope.ServiceProvider.GetRequiredService(type), cancellationToken);
            }
        }
    }

    /// <summary>Brings one module's tables up to date; true when it applied migrations or created tables.</summary>
    private static async Task<bool> InitializeAsync(IServiceProvider services, ModuleDatabase module, DatabaseOptions database, bool migrate, ILogger logger, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var context = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
        if (database.Provider == DatabaseProvider.MySql)
        {
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0 && migrate)
            {
                await context.Database.MigrateAsync(cancellationToken);
                LogMigrated(logger, module.ContextType.Name, pending.Count);
                return true;
            }

            if (pending.Count > 0)
            {
                LogPending(logger, module.ContextType.Name, pending.Count);
            }

            return false;
        }

        // Any of the module's tables there means the file was made before, perhaps by an earlier version.
        var existing = await SqliteTablesAsync(context, cancellationToken);
        if (context.Model.GetEntityTypes().Select(e => e.GetTableName()).Any(t => t is not null && existing.Contains(t)))
        {
            return await CreateMissingTablesAsync(context, existing, module, logger, cancellationToken);
        }

        await context.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(cancellationToken);
        LogCreated(logger, module.ContextType.Name);
        return true;
    }

    /// <summary>
    /// A SQLite file made by an earlier version lacks the tables added since (a summary, the data versions): they are
    /// created with their indexes, as creating the file would have. A column added to an existing table is not: such a
    /// file has to be made again (delete it; the demo data is written anew).
    /// </summary>
    private static async Task<bool> CreateMissingTablesAsync(DbContext context, HashSet<string> existing, ModuleDatabase module, ILogger logger, CancellationToken cancellationToken)
    {
        var model = context.GetService<IDesignTimeModel>().Model;
        var operations = context.GetService<IMigrationsModelDiffer>().GetDifferences(null, model.GetRelationalModel());
        var missing = operations.OfType<CreateTableOperation>().Select(t => t.Name).Where(t => !existing.Contains(t)).ToHashSet(StringComparer.Ordinal);
        if (missing.Count == 0)
        {
            return false;
        }

        var create = operations.Where(o => o is CreateTableOperation table && missing.Contains(table.Name) || o is CreateIndexOperation index && missing.Contains(index.Table)).ToList();
        var commands = context.GetService<IMigrationsSqlGenerator>().Generate(create, model);
        await context.GetService<IMigrationCommandExecutor>().ExecuteNonQueryAsync(commands, context.GetService<IRelationalConnection>(), cancellationToken);
        LogAddedTables(logger, module.ContextType.Name, string.Join(", ", missing.Order(StringComparer.Ordinal)));
        return true;
    }

    /// <summary>
    /// Creates the file's folder and puts the file in write-ahead-log mode (kept in the file, so once is enough):
    /// readers no longer block the writer nor the writer the readers, and a commit appends to the log instead of
    /// rewriting pages under an exclusive lock (docs/benchmarks.md, concurrent writers).
    /// </summary>
    private static void PrepareSqliteFile(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        command.ExecuteNonQuery();
    }

    private static async Task<HashSet<string>> SqliteTablesAsync(DbContext context, CancellationToken cancellationToken) =>
        (await context.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Module}: applied {Count} migration(s)")]
    private static partial void LogMigrated(ILogger logger, string module, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Module}: {Count} migration(s) pending; run the host with 'migrate' or Database:MigrateOnStartup=true")]
    private static partial void LogPending(ILogger logger, string module, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Module}: added the tables {Tables} to the embedded SQLite database")]
    private static partial void LogAddedTables(ILogger logger, string module, string tables);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Module}: created its tables in the embedded SQLite database")]
    private static partial void LogCreated(ILogger logger, string module);
}
