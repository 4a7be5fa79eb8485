using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IpShield.SharedKernel.Persistence;

/// <summary>
/// For <c>dotnet ef migrations add</c>: migrations target MySQL-family servers and are generated against a fixed MariaDB
/// version, so no server needs to be running (AutoDetect would need one). EF finds a factory only as a closed,
/// constructible type in the module's assembly, so each module has a one-line subclass.
/// </summary>
public abstract class ModuleDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var database = new DatabaseOptions { Provider = DatabaseProvider.MySql, ConnectionString = "Server=localhost;Database=ipshield_design", ServerVersion = "10.11-mariadb" };
        var options = new DbContextOptionsBuilder<TContext>();
        ModuleDatabaseRegistration.Configure(options, database, TablePrefixAttribute.MigrationsHistoryTableOf(typeof(TContext)), typeof(TContext).Assembly.GetName().Name!);
        return (TContext)Activator.CreateInstance(typeof(TContext), options.Options)!;
    }
}
