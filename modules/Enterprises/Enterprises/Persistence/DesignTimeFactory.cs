using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IpShield.Enterprises.Persistence;

/// <summary>
/// For <c>dotnet ef migrations add</c>: migrations target MySQL-family servers and are generated against a fixed
/// MariaDB version, so no server needs to be running (AutoDetect would need one).
/// </summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<EnterprisesDbContext>
{
    public EnterprisesDbContext CreateDbContext(string[] args)
    {
        var database = new DatabaseOptions { Provider = DatabaseProvider.MySql, ConnectionString = "Server=localhost;Database=ipshield_design", ServerVersion = "10.11-mariadb" };
        var options = new DbContextOptionsBuilder<EnterprisesDbContext>();
        ModuleDatabaseRegistration.Configure(options, database, EnterprisesDbContext.MigrationsHistoryTable, typeof(EnterprisesDbContext).Assembly.GetName().Name!);
        return new EnterprisesDbContext(options.Options);
    }
}
