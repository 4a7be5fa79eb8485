using System.Text;
using IpShield.Integration.Tests.Infrastructure;
using MySqlConnector;

namespace IpShield.Integration.Tests.Enterprises;

/// <summary>
/// What the interrupted-import tests share: the registry file, the host they run, and the database state they
/// compare between an interrupted run and an uninterrupted one (read with SQL, as the user cannot see all of it).
/// </summary>
internal static class InterruptedImport
{
    public const int Rows = 20_000;

    /// <summary>20,000 rows by default: every 97th with a wrong check character, every 101st repeating an earlier code.</summary>
    public static byte[] RegistryFile(int rows = Rows)
    {
        var text = new StringBuilder("credit_code,name_zh,name_en,established_on,target_markets,sales_platforms\n");
        var codes = new List<string>();
        for (var i = 1; i <= rows; i++)
        {
            var code = EnterpriseScenario.NewCreditCode();
            codes.Add(code);
            var written = i % 97 == 0 ? EnterpriseScenario.Corrupted(code) : i % 101 == 0 ? codes[i / 2] : code;
            text.Append(written).Append(",续传企业").Append(i).Append(",Resume ").Append(i).Append(",2020-01-").Append(1 + (i % 28)).Append(",AE;GCC,noon\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A host process on the given MariaDB database, committing 100 rows per batch; <paramref name="settings"/> adds or overrides settings.</summary>
    public static Task<HostProcess> StartHostAsync(string connectionString, string importsFolder, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__MySql"] = connectionString,
            ["Database__MigrateOnStartup"] = "true",
            ["Imports__Folder"] = importsFolder,
            ["Imports__BatchSize"] = "100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return HostProcess.StartAsync(environment, cancellationToken);
    }

    /// <summary>Waits, reading the job row, until some batches are committed: an interruption then lands mid-import.</summary>
    public static async Task<JobState> WaitForFirstBatchesAsync(string connectionString, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var state = await JobStateAsync(connectionString);
            if (state.LastLine > 0)
            {
                return state;
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new TimeoutException("The import committed no batch within 60 s.");
    }

    /// <summary>Which runner (host process) holds the job's lease, or ∅.</summary>
    public static async Task<string> LeaseHolderAsync(string connectionString) =>
        (await QueryAsync(connectionString, "SELECT LeasedBy FROM ent_import_jobs")).Single()[0];

    public sealed record JobState(string Status, long LastLine, long RowsRead, long RowsCreated, long RowsUpdated, long RowsUnchanged, long RowsFailed, int Attempts)
    {
        public bool MidImport => Status == "Running" && LastLine > 0;
    }

    public static async Task<JobState> JobStateAsync(string connectionString)
    {
        var rows = await QueryAsync(connectionString, "SELECT Status, LastLine, RowsRead, RowsCreated, RowsUpdated, RowsUnchanged, RowsFailed, Attempts FROM ent_import_jobs");
        return rows.Count == 0
            ? new JobState("None", 0, 0, 0, 0, 0, 0, 0)
            : new JobState(rows[0][0], long.Parse(rows[0][1]), long.Parse(rows[0][2]), long.Parse(rows[0][3]), long.Parse(rows[0][4]), long.Parse(rows[0][5]), long.Parse(rows[0][6]), int.Parse(rows[0][7]));
    }

    public static async Task<string> EnterprisesAsync(string connectionString) =>
        string.Join('\n', (await QueryAsync(connectionString,
            "SELECT CreditCode, NameZh, NameEn, LegalForm, EstablishedOn, MarketCodes, PlatformCodes, ProductCategories, Version FROM ent_enterprises ORDER BY CreditCode"))
            .Select(r => string.Join('|', r)));

    public static async Task<string> ErrorsAsync(string connectionString) =>
        string.Join('\n', (await QueryAsync(connectionString, "SELECT Line, `Column`, Code, Message, OriginalValues FROM ent_import_row_errors ORDER BY Line, Code"))
            .Select(r => string.Join('|', r)));

    /// <summary>
    /// How many events of each type the import wrote to the outbox: each exactly once per change. Progress events are
    /// left out: they are sent at most once a second, so their number follows the clock, not the data.
    /// </summary>
    public static async Task<string> OutboxEventsAsync(string connectionString) =>
        string.Join('\n', (await QueryAsync(connectionString, "SELECT Type, COUNT(*) FROM ent_outbox WHERE Type <> 'imports.progressed.v1' GROUP BY Type ORDER BY Type"))
            .Select(r => string.Join('|', r)));

    private static async Task<List<string[]>> QueryAsync(string connectionString, string sql)
    {
        // A new connection every time: after a database restart a pooled one would be dead.
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
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
}

/// <summary>
/// An interrupted-import test on the suite's MariaDB: hands out the databases it compares (an uninterrupted run's
/// and an interrupted one's) and an imports folder, and removes them afterwards.
/// </summary>
public abstract class InterruptedImportTest(string purpose) : IAsyncLifetime
{
    private readonly List<string> _databases = [];

    protected string Folder { get; } = Path.Combine(Path.GetTempPath(), "ipshield-tests", $"{purpose}-{Guid.NewGuid():N}");

    protected async Task<string> NewDatabaseAsync()
    {
        var connectionString = await TestDatabases.CreateMariaDbAsync(purpose);
        _databases.Add(connectionString);
        return connectionString;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await TestDatabases.DropMariaDbAsync(database);
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
