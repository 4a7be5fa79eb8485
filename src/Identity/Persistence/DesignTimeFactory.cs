using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IpShield.Identity.Persistence;

/// <summary>For <c>dotnet ef migrations add</c>: migrations are generated against a fixed MariaDB version, no server needed.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PlatformIdentityDbContext>
{
    public PlatformIdentityDbContext CreateDbContext(string[] args)
    {
        var database = new DatabaseOptions { Provider = DatabaseProvider.MySql, ConnectionString = "Server=localhost;Database=ipshield_design", ServerVersion = "10.11-mariadb" };
        var options = new DbContextOptionsBuilder<PlatformIdentityDbContext>();
        ModuleDatabaseRegistration.Configure(options, database, PlatformIdentityDbContext.MigrationsHistoryTable, typeof(PlatformIdentityDbContext).Assembly.GetName().Name!);
        return new PlatformIdentityDbContext(options.Options);
    }
}
