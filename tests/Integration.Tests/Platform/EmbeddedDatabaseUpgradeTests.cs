using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;
using Microsoft.Data.Sqlite;

namespace IpShield.Integration.Tests.Platform;

/// <summary>
/// The embedded SQLite default kept across versions: a file made before a version added tables gets them when the new
/// version starts, instead of every write failing on a table that is not there.
/// </summary>
public sealed class EmbeddedDatabaseUpgradeTests
{
    [Fact]
    public async Task A_file_made_before_tables_were_added_gets_them_at_start_and_takes_writes()
    {
        var file = TestDatabases.NewSqliteFile();
        try
        {
            await using (var earlier = new SqliteFileHost(file))
            {
                await earlier.InitializeAsync();
            }

            // As a file from before the data versions per park (ADR 0041) and the park deadline summary (ADR 0036).
            await ExecuteAsync(file, "DROP TABLE live_data_stamps; DROP TABLE pf_park_deadline_days;");
            Assert.Equal(0, await TablesAsync(file, "live_data_stamps", "pf_park_deadline_days"));

            await using var upgraded = new SqliteFileHost(file);
            await upgraded.InitializeAsync();
            var admin = upgraded.CreateClient();
            var park = await new WorkstationScenario(admin).RegisterParkAsync($"Upgraded park {WorkstationScenario.Tag()}");
            var statistics = await admin.DataAsync("query($id: ID!) { parkStatistics(parkId: $id) { workstationCount portfolios { deadlinesDue } } }", new { id = park });

            Assert.Equal(2, await TablesAsync(file, "live_data_stamps", "pf_park_deadline_days"));
            Assert.Equal(0, statistics.At("parkStatistics.workstationCount").GetInt32());
            Assert.Equal(0, statistics.At("parkStatistics.portfolios.deadlinesDue").GetInt32());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    private static async Task ExecuteAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> TablesAsync(string file, params string[] tables)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ({string.Join(", ", tables.Select(t => $"'{t}'"))})";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed class SqliteFileHost(string file) : PlatformHost
    {
        public override string Provider => "SQLite";

        protected override Task<IReadOnlyDictionary<string, string?>> PrepareDatabaseAsync() =>
            Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>
            {
                ["ConnectionStrings:MySql"] = string.Empty,
                ["ConnectionStrings:Sqlite"] = $"Data Source={file}",
            });
    }
}
