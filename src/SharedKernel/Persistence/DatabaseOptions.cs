using Microsoft.Extensions.Configuration;

namespace IpShield.SharedKernel.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    MySql,
}

/// <summary>
/// Which database the modules use: MySQL-family (MariaDB 10.11+, MySQL 8) when <c>ConnectionStrings:MySql</c> is set,
/// otherwise an embedded SQLite file.
/// </summary>
public sealed record DatabaseOptions
{
    public const string DefaultSqlite = "Data Source=.data/ipshield.db";

    public required DatabaseProvider Provider { get; init; }
    public required string ConnectionString { get; init; }

    /// <summary>A Pomelo server version such as <c>10.11-mariadb</c> or <c>8.0-mysql</c>.</summary>
    public string ServerVersion { get; init; } = "10.11-mariadb";

    /// <summary>Apply pending MySQL migrations when the host starts (otherwise use the <c>migrate</c> command).</summary>
    public bool MigrateOnStartup { get; init; }

    public static DatabaseOptions From(IConfiguration configuration)
    {
        var mySql = configuration.GetConnectionString("MySql");
        var section = configuration.GetSection("Database");
        return new DatabaseOptions
        {
            Provider = string.IsNullOrWhiteSpace(mySql) ? DatabaseProvider.Sqlite : DatabaseProvider.MySql,
            ConnectionString = string.IsNullOrWhiteSpace(mySql) ? configuration.GetConnectionString("Sqlite") ?? DefaultSqlite : mySql,
            ServerVersion = section["ServerVersion"] ?? "10.11-mariadb",
            MigrateOnStartup = section.GetValue<bool>("MigrateOnStartup"),
        };
    }
}
