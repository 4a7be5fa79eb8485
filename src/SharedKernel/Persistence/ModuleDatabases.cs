using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Persistence;

/// <summary>A module's database: its DbContext type and its own migration-history table.</summary>
public sealed record ModuleDatabase(Type ContextType, string MigrationsHistoryTable);

public static class ModuleDatabaseRegistration
{
    /// <summary>
    /// Registers a module's DbContext on the configured provider, with its own migration history table
    /// (<c>{prefix}_migrations</c>, from its <see cref="TablePrefixAttribute"/>) and any interceptors the host
    /// registered (tests count SQL statements this way).
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        var migrationsHistoryTable = TablePrefixAttribute.MigrationsHistoryTableOf(typeof(TContext));
        services.AddDbContext<TContext>((sp, options) =>
        {
            var database = sp.GetRequiredService<DatabaseOptions>();
            Configure(options, database, migrationsHistoryTable, typeof(TContext).Assembly.GetName().Name!);
            options.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        services.AddSingleton(new ModuleDatabase(typeof(TContext), migrationsHistoryTable));
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseOptions database, string migrationsHistoryTable, string migrationsAssembly)
    {
        if (database.Provider == DatabaseProvider.MySql)
        {
            options.UseMySql(database.ConnectionString, ServerVersion.Parse(database.ServerVersion), mySql => mySql
                .MigrationsHistoryTable(migrationsHistoryTable)
                .MigrationsAssembly(migrationsAssembly));
        }
        else
        {
            options.UseSqlite(database.ConnectionString, sqlite => sqlite.MigrationsHistoryTable(migrationsHistoryTable));
            options.AddInterceptors(SqliteConnectionSetup.Instance);
        }

        return options;
    }
}
