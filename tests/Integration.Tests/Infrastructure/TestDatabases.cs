using MySqlConnector;

namespace IpShield.Integration.Tests.Infrastructure;

/// <summary>Where the tests' databases live: a real MariaDB started by build/test.sh, and throwaway SQLite files.</summary>
internal static class TestDatabases
{
    public const string MariaDbVariable = "IPSHIELD_TEST_MYSQL";

    /// <summary>A fresh, empty MariaDB database for one fixture.</summary>
    public static async Task<string> CreateMariaDbAsync(string purpose)
    {
        var server = Environment.GetEnvironmentVariable(MariaDbVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{MariaDbVariable} is not set. Run the suite with build/test.sh, which starts MariaDB and sets it.");
        }

        var name = $"ipshield_{purpose}_{Guid.NewGuid():N}"[..40];
        await using var connection = new MySqlConnection(server);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";
        await command.ExecuteNonQueryAsync();
        return $"{server.TrimEnd(';')};Database={name}";
    }

    public static async Task DropMariaDbAsync(string connectionString)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        var name = builder.Database;
        builder.Database = string.Empty;
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS `{name}`";
        await command.ExecuteNonQueryAsync();
    }

    public static string NewSqliteFile() =>
        Path.Combine(Path.GetTempPath(), "ipshield-tests", $"{Guid.NewGuid():N}.db");
}
