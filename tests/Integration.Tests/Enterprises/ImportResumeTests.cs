using System.Text;
using IpShield.Integration.Tests.Infrastructure;
using MySqlConnector;

namespace IpShield.Integration.Tests.Enterprises;

/// <summary>
/// The host is killed mid-import (no graceful shutdown) and started again: the job resumes after its last
/// committed batch and ends in exactly the state an uninterrupted run reaches. Real processes, real MariaDB.
/// </summary>
public sealed class ImportResumeTests : IAsyncLifetime
{
    private const int Rows = 20_000;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ipshield-tests", $"resume-{Guid.NewGuid():N}");
    private readonly List<string> _databases = [];

    [Fact]
    public async Task A_host_killed_mid_import_resumes_to_the_same_final_state_as_an_uninterrupted_run()
    {
        var file = RegistryFile();
        var cancellation = TestContext.Current.CancellationToken;

        var uninterrupted = await NewDatabaseAsync();
        await using (var host = await StartHostAsync(uninterrupted, cancellation))
        {
            var imports = new ImportClient(await host.AdminClientAsync());
            var job = await imports.ImportAsync("registry.csv", file, "registry-once");
            Assert.Equal("SUCCEEDED", job.Str("status"));
        }

        var interrupted = await NewDatabaseAsync();
        string jobId;
        long committedWhenKilled;
        await using (var host = await StartHostAsync(interrupted, cancellation))
        {
            var imports = new ImportClient(await host.AdminClientAsync());
            jobId = (await imports.StartAsync("registry.csv", file, "registry-killed")).Str("id");
            committedWhenKilled = await WaitForFirstBatchesAsync(interrupted, cancellation);
            await host.KillAsync();
        }

        var stateAfterKill = await JobStateAsync(interrupted);
        await using (var host = await StartHostAsync(interrupted, cancellation))
        {
            var job = await new ImportClient(await host.AdminClientAsync()).WaitAsync(jobId);
            Assert.Equal("SUCCEEDED", job.Str("status"));
        }

        Assert.True(committedWhenKilled > 0 && stateAfterKill.Status == "Running" && stateAfterKill.LastLine < Rows, $"The kill did not land mid-import: {stateAfterKill}");
        Assert.Equal(await EnterprisesAsync(uninterrupted), await EnterprisesAsync(interrupted));
        Assert.Equal(await ErrorsAsync(uninterrupted), await ErrorsAsync(interrupted));
        var (once, resumed) = (await JobStateAsync(uninterrupted), await JobStateAsync(interrupted));
        Assert.Equal(once with { Attempts = 0 }, resumed with { Attempts = 0 });
        Assert.Equal(2, resumed.Attempts);
    }

    /// <summary>20,000 rows: every 97th with a wrong check character, every 101st repeating an earlier code.</summary>
    private static byte[] RegistryFile()
    {
        var text = new StringBuilder("credit_code,name_zh,name_en,established_on,target_markets,sales_platforms\n");
        var codes = new List<string>();
        for (var i = 1; i <= Rows; i++)
        {
            var code = EnterpriseScenario.NewCreditCode();
            codes.Add(code);
            var written = i % 97 == 0 ? EnterpriseScenario.Corrupted(code) : i % 101 == 0 ? codes[i / 2] : code;
            text.Append(written).Append(",续传企业").Append(i).Append(",Resume ").Append(i).Append(",2020-01-").Append(1 + (i % 28)).Append(",AE;GCC,noon\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private Task<HostProcess> StartHostAsync(string connectionString, CancellationToken cancellationToken) =>
        HostProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["ConnectionStrings__MySql"] = connectionString,
                ["Database__MigrateOnStartup"] = "true",
                ["Imports__Folder"] = _folder,
                ["Imports__BatchSize"] = "100",
            },
            cancellationToken);

    private async Task<string> NewDatabaseAsync()
    {
        var connectionString = await TestDatabases.CreateMariaDbAsync("resume");
        _databases.Add(connectionString);
        return connectionString;
    }

    /// <summary>Waits, reading the job row, until some batches are committed: then the kill lands mid-import.</summary>
    private static async Task<long> WaitForFirstBatchesAsync(string connectionString, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var state = await JobStateAsync(connectionString);
            if (state.LastLine > 0)
            {
                return state.LastLine;
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new TimeoutException("The import committed no batch within 60 s.");
    }

    private sealed record JobState(string Status, long LastLine, long RowsRead, long RowsCreated, long RowsUpdated, long RowsUnchanged, long RowsFailed, int Attempts);

    private static async Task<JobState> JobStateAsync(string connectionString)
    {
        var rows = await QueryAsync(connectionString, "SELECT Status, LastLine, RowsRead, RowsCreated, RowsUpdated, RowsUnchanged, RowsFailed, Attempts FROM ent_import_jobs");
        return rows.Count == 0
            ? new JobState("None", 0, 0, 0, 0, 0, 0, 0)
            : new JobState(rows[0][0], long.Parse(rows[0][1]), long.Parse(rows[0][2]), long.Parse(rows[0][3]), long.Parse(rows[0][4]), long.Parse(rows[0][5]), long.Parse(rows[0][6]), int.Parse(rows[0][7]));
    }

    private static async Task<string> EnterprisesAsync(string connectionString) =>
        string.Join('\n', (await QueryAsync(connectionString,
            "SELECT CreditCode, NameZh, NameEn, LegalForm, EstablishedOn, MarketCodes, PlatformCodes, ProductCategories, Version FROM ent_enterprises ORDER BY CreditCode"))
            .Select(r => string.Join('|', r)));

    private static async Task<string> ErrorsAsync(string connectionString) =>
        string.Join('\n', (await QueryAsync(connectionString, "SELECT Line, `Column`, Code, Message, OriginalValues FROM ent_import_row_errors ORDER BY Line, Code"))
            .Select(r => string.Join('|', r)));

    private static async Task<List<string[]>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)]);
        }

        return rows;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await TestDatabases.DropMariaDbAsync(database);
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
