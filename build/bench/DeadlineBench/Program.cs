using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Features.RecordIpRight;
using IpShield.Portfolios.Jobs;
using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.Jobs;
using IpShield.SharedKernel.Persistence;
using IpShield.SharedKernel.Time;
using IpShield.Workstations.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using MySqlConnector;

// The deadlines benchmark's helper (build/bench-deadlines.sh): seeds rights with the module's own code, gets a workstation
// staff member's token through the real sign-in, and times the "due in the next 90 days" page over GraphQL and in bare SQL.
return args.FirstOrDefault() switch
{
    "seed" => await Seed.RunAsync(args[1], Int(args[2]), Int(args[3]), Int(args[4])),
    "staff-token" => await StaffToken.RunAsync(new Uri(args[1]), args[2], Guid.Parse(args[3])),
    "latency" => await Latency.RunAsync(new Uri(args[1]), args[2], args[3], Guid.Parse(args[4]), Int(args[5]), Int(args[6])),
    "verify" => await Verify.RunAsync(args[1], Int(args[2])),
    _ => Usage(),
};

static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("DeadlineBench seed <connection string> <rights> <enterprises> <workstations>");
    Console.Error.WriteLine("  | staff-token <host base url> <operator token> <workstation guid>");
    Console.Error.WriteLine("  | latency <graphql url> <staff token> <connection string> <workstation guid> <requests> <warm-up requests>");
    Console.Error.WriteLine("  | verify <connection string> <rights to check>");
    return 1;
}

/// <summary>The rule that changes in the benchmark, and its previous version.</summary>
internal static class RuleChange
{
    public const string RuleKey = "tm.renewal.cn";

    /// <summary>
    /// The catalogue as it was before the CN renewal window was corrected: six months before expiry, as in the Trademark
    /// Law of 2001 (art. 38), instead of the twelve of the 2013 law (art. 40) the shipped rule implements. The seed's
    /// deadlines and stored fingerprints are this catalogue's, so the host finds one changed rule when it starts.
    /// </summary>
    public static DeadlineRuleCatalogue Previous() =>
        new(ShippedRules.All.Select(r => r.Id == RuleKey ? r with { WindowBefore = Period.OfMonths(6) } : r));
}

/// <summary>Rows of one entity for MySqlBulkCopy, with the columns and value conversions of the module's EF model.</summary>
internal sealed class BulkRows<T>
    where T : class
{
    private readonly List<(PropertyInfo Property, Func<object?, object?> ToProvider)> _columns = [];
    private readonly List<string> _names = [];
    private readonly DataTable _table = new();

    public BulkRows(DbContext model)
    {
        var entity = model.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        TableName = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(TableName, entity.GetSchema());
        foreach (var property in entity.GetProperties())
        {
            var converter = property.GetValueConverter() ?? property.GetTypeMapping().Converter;
            _columns.Add((property.PropertyInfo ?? throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} has no CLR property."),
                converter is null ? v => v : v => v is null ? null : converter.ConvertToProvider(v)));
            var column = property.GetColumnName(store)!;
            _names.Add(column);
            _table.Columns.Add(column, typeof(object));
        }
    }

    public string TableName { get; }

    public long Written { get; private set; }

    public int Pending => _table.Rows.Count;

    public void Add(T item)
    {
        var values = new object[_columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Provider(_columns[i].ToProvider(_columns[i].Property.GetValue(item))) ?? DBNull.Value;
        }

        _table.Rows.Add(values);
    }

    public async Task FlushAsync(MySqlConnection connection)
    {
        if (_table.Rows.Count == 0)
        {
            return;
        }

        var copy = new MySqlBulkCopy(connection) { DestinationTableName = TableName, BulkCopyTimeout = 0 };
        for (var i = 0; i < _names.Count; i++)
        {
            copy.ColumnMappings.Add(new MySqlBulkCopyColumnMapping(i, _names[i]));
        }

        var result = await copy.WriteToServerAsync(_table);
        if (result.RowsInserted != _table.Rows.Count || result.Warnings.Count > 0)
        {
            throw new InvalidOperationException($"{TableName}: {result.RowsInserted} of {_table.Rows.Count} rows, warnings: {string.Join("; ", result.Warnings.Select(w => w.Message))}");
        }

        Written += result.RowsInserted;
        _table.Clear();
    }

    /// <summary>What the provider stores for values EF maps without a converter (Pomelo: char(36) GUIDs, date, datetime(6) in UTC).</summary>
    private static object? Provider(object? value) => value switch
    {
        Guid guid => guid.ToString("D"),
        DateOnly day => day.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset instant => instant.UtcDateTime,
        Enum e => throw new InvalidOperationException($"{e.GetType().Name} has no conversion in the model."),
        _ => value,
    };
}

/// <summary>One batch of seeded rows: rights, their history and their deadlines.</summary>
internal sealed class SeedBatch(DbContext model)
{
    public BulkRows<IpRight> Rights { get; } = new(model);
    public BulkRows<IpRightEvent> Events { get; } = new(model);
    public BulkRows<RightDeadline> Deadlines { get; } = new(model);
}

internal static class Seed
{
    private const int Batch = 20_000;

    /// <summary>
    /// Records <paramref name="rights"/> rights the way recordIpRight and the rights import do (the handler's checks and
    /// Create: right and history), computes their deadlines with the module's engine (with the previous CN renewal rule,
    /// <see cref="RuleChange"/>) and marks the reminders a daily run would have raised by today; then loads it all with
    /// LOAD DATA. Enterprises are settled round-robin over the workstations (placements, as EnterpriseSettled leaves them).
    /// </summary>
    public static async Task<int> RunAsync(string connectionString, int rights, int enterprises, int workstations)
    {
        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        var today = ParkCalendar.Today(TimeProvider.System);
        var previous = RuleChange.Previous();
        var engine = new DeadlineEngine(previous);
        await using var model = new DesignTimeFactory().CreateDbContext([]);
        var parkIds = Enumerable.Range(0, Math.Max(1, workstations / 20)).Select(_ => Guid.CreateVersion7()).ToArray();
        var workstationIds = Enumerable.Range(0, workstations).Select(_ => Guid.CreateVersion7()).ToArray();
        var enterpriseIds = Enumerable.Range(0, enterprises).Select(_ => Guid.CreateVersion7()).ToArray();

        await using var connection = new MySqlConnection(connectionString + ";AllowLoadLocalInfile=true;DefaultCommandTimeout=0");
        await connection.OpenAsync();
        await ExecuteAsync(connection, "SET foreign_key_checks = 0, unique_checks = 0");

        var placements = new BulkRows<EnterprisePlacement>(model);
        for (var e = 0; e < enterprises; e++)
        {
            placements.Add(new EnterprisePlacement
            {
                EnterpriseId = enterpriseIds[e], WorkstationId = workstationIds[e % workstations], ParkId = parkIds[e % workstations % parkIds.Length],
                SettledOn = today.AddYears(-3),
            });
        }

        await placements.FlushAsync(connection);

        // Batches are computed while the previous one loads: the engine's CPU and the server's LOAD DATA overlap.
        var batch = new SeedBatch(model);
        var loading = Task.CompletedTask;
        var (loadedRights, loadedEvents, loadedDeadlines) = (0L, 0L, 0L);
        async Task LoadAsync(SeedBatch full)
        {
            await full.Rights.FlushAsync(connection);
            await full.Events.FlushAsync(connection);
            await full.Deadlines.FlushAsync(connection);
            (loadedRights, loadedEvents, loadedDeadlines) = (loadedRights + full.Rights.Written, loadedEvents + full.Events.Written, loadedDeadlines + full.Deadlines.Written);
        }

        long touched = 0;
        for (var i = 0; i < rights; i++)
        {
            var enterprise = i % enterprises;
            var input = Input(i, today);
            var check = new InputCheck();
            var recorded = RecordIpRightHandler.Check(input, check, today)?.Create(enterpriseIds[enterprise], workstationIds[enterprise % workstations], "bench-seed", now)
                ?? throw new InvalidOperationException($"Right {i} is refused: {string.Join("; ", check.Errors.Select(e => e.Message))}");
            batch.Rights.Add(recorded.Right);
            foreach (var entry in recorded.History)
            {
                batch.Events.Add(entry);
            }

            foreach (var computed in engine.Compute(recorded.Right.Facts(recorded.History), today))
            {
                var deadline = RightDeadline.From(computed, recorded.Right);
                if (deadline.State == DeadlineState.Open)
                {
                    // What the daily job has raised by today (it ran today too: see the lease below).
                    deadline.RemindedDays = DeadlineReminders.ReminderFor(deadline.DueOn.DayNumber - today.DayNumber);
                }

                batch.Deadlines.Add(deadline);
            }

            if (recorded.Right.Kind == RightKind.Trademark && recorded.Right.Jurisdiction == "CN")
            {
                touched++;
            }

            if (batch.Rights.Pending >= Batch)
            {
                await loading;
                var full = batch;
                loading = Task.Run(() => LoadAsync(full));
                batch = new SeedBatch(model);
            }
        }

        await loading;
        await LoadAsync(batch);

        var applied = new BulkRows<AppliedRule>(model);
        foreach (var rule in previous.Rules)
        {
            applied.Add(new AppliedRule { RuleKey = rule.Id, Fingerprint = RuleFingerprint.Of(rule) });
        }

        await applied.FlushAsync(connection);
        var leases = new BulkRows<JobLease>(model);
        leases.Add(new JobLease { Job = DeadlineJobs.RemindersJob, LastRunOn = today });
        await leases.FlushAsync(connection);
        await ExecuteAsync(connection, "SET foreign_key_checks = 1, unique_checks = 1");
        await ExecuteAsync(connection, $"ANALYZE TABLE {placements.TableName}, {batch.Rights.TableName}, {batch.Events.TableName}, {batch.Deadlines.TableName}");

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed rights={loadedRights} events={loadedEvents} deadlines={loadedDeadlines} enterprises={enterprises} workstations={workstations} cn_marks={touched} seconds={clock.Elapsed.TotalSeconds:0.0} workstation={workstationIds[0]}"));
        return 0;
    }

    /// <summary>
    /// Right <paramref name="i"/> of a park's register: half of them Chinese marks (one in five of those still pending),
    /// then EU, US, UAE and Saudi marks, CN invention patents, utility models and designs, filed over the last 11 years.
    /// </summary>
    private static RecordIpRightInput Input(int i, DateOnly today)
    {
        // Pending marks were filed within the last ten months; everything else over the last eleven years.
        var filed = i % 10 == 4 ? today.AddDays(-(i * 37 % 300)) : today.AddDays(-30 - (i * 37 % 4000));
        DateOnly? Past(DateOnly day) => day <= today ? day : null;
        var (kind, jurisdiction, published, registered) = (i % 10) switch
        {
            0 or 1 or 2 or 3 => (RightKind.Trademark, "CN", Past(filed.AddMonths(9)), Past(filed.AddMonths(12))),
            4 => (RightKind.Trademark, "CN", Past(filed.AddMonths(9)), (DateOnly?)null),
            5 => (RightKind.Trademark, "EU", Past(filed.AddMonths(1)), Past(filed.AddMonths(6))),
            6 => (RightKind.Trademark, "US", Past(filed.AddMonths(8)), Past(filed.AddMonths(11))),
            7 => i / 10 % 2 == 0
                ? (RightKind.Trademark, "AE", Past(filed.AddMonths(4)), Past(filed.AddMonths(8)))
                : (RightKind.Trademark, "SA", Past(filed.AddMonths(3)), Past(filed.AddMonths(6))),
            8 => (RightKind.InventionPatent, "CN", Past(filed.AddMonths(18)), Past(filed.AddYears(3))),
            _ => i / 10 % 2 == 0
                ? (RightKind.UtilityModel, "CN", (DateOnly?)null, Past(filed.AddMonths(10)))
                : (RightKind.Design, "CN", (DateOnly?)null, Past(filed.AddMonths(8))),
        };
        var mark = kind == RightKind.Trademark;
        return new RecordIpRightInput
        {
            Kind = kind,
            Jurisdiction = jurisdiction,
            NameZh = $"盾牌{i}",
            NameEn = $"Shield {i}",
            MarkForm = mark ? MarkForm.Combined : null,
            NiceClasses = mark ? [.. new[] { 1 + (i % 45), 35 }.Distinct()] : null,
            ApplicationNumber = $"B{i:D9}",
            FiledOn = filed,
            PublishedOn = published,
            RegisteredOn = registered,
            Agent = "武汉知识产权代理",
        };
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.NextResultAsync())
        {
        }
    }
}

/// <summary>A workstation staff member's access token, printed for the script (build/bench/Shared/BenchSignIn.cs).</summary>
internal static class StaffToken
{
    public static async Task<int> RunAsync(Uri host, string operatorToken, Guid workstation)
    {
        Console.WriteLine(await BenchSignIn.StaffTokenAsync(host, operatorToken, workstation));
        return 0;
    }
}

/// <summary>
/// The first page of a workstation's deadlines due in the next 90 days: over GraphQL as its staff member, and the bare SQL
/// query returning the same rows, one after the other in the same loop so both meet the same machine load.
/// </summary>
internal static class Latency
{
    public const int PageSize = 20;

    private const string Query = """
        query($ws: ID!, $from: DateOnly!, $to: DateOnly!) {
          deadlines(first: 20, where: { workstation: { eq: $ws }, state: { eq: OPEN }, dueOn: { gte: $from, lte: $to } }) {
            nodes { id task dueOn windowOpensOn graceEndsOn state right { nameZh jurisdiction kind } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public const string Sql = """
        SELECT d.Id, d.Task, d.DueOn, d.WindowOpensOn, d.GraceEndsOn, d.State, r.NameZh, r.Jurisdiction, r.Kind
        FROM pf_deadlines d JOIN pf_ip_rights r ON r.Id = d.RightId
        WHERE d.WorkstationId = @ws AND d.State = 'Open' AND d.DueOn >= @from AND d.DueOn <= @to
        ORDER BY d.DueOn, d.Id LIMIT 20
        """;

    public static async Task<int> RunAsync(Uri host, string token, string connectionString, Guid workstation, int requests, int warmUp)
    {
        var today = ParkCalendar.Today(TimeProvider.System);
        var (from, to) = (today, today.AddDays(90));
        using var http = new HttpClient { BaseAddress = host };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var variables = new
        {
            ws = GlobalId.Encode(WorkstationsGlobalIds.Workstation, workstation),
            from = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            to = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(Sql, connection);
        command.Parameters.AddWithValue("@ws", workstation.ToString("D"));
        command.Parameters.AddWithValue("@from", from.ToDateTime(TimeOnly.MinValue));
        command.Parameters.AddWithValue("@to", to.ToDateTime(TimeOnly.MinValue));

        async Task<List<Guid>> GraphQLPage()
        {
            var answer = await GraphQLHttp.PostAsync(http, Query, variables);
            if (answer.TryGetProperty("errors", out var errors))
            {
                throw new InvalidOperationException($"GraphQL errors: {errors}");
            }

            return [.. answer.GetProperty("data").GetProperty("deadlines").GetProperty("nodes").EnumerateArray()
                .Select(n => GlobalId.TryDecode(n.GetProperty("id").GetString(), out _, out var key) ? key : Guid.Empty)];
        }

        async Task<List<Guid>> SqlPage()
        {
            var ids = new List<Guid>(PageSize);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
                for (var c = 1; c < reader.FieldCount; c++)
                {
                    _ = reader.GetValue(c); // read every column, as a client would
                }
            }

            return ids;
        }

        var graphQLRows = await GraphQLPage();
        var sqlRows = await SqlPage();
        if (graphQLRows.Count != PageSize || !graphQLRows.SequenceEqual(sqlRows))
        {
            throw new InvalidOperationException($"GraphQL returned {graphQLRows.Count} rows, SQL {sqlRows.Count}; the same: {graphQLRows.SequenceEqual(sqlRows)}");
        }

        for (var i = 0; i < warmUp; i++)
        {
            await GraphQLPage();
            await SqlPage();
        }

        var graphQL = new List<double>(requests);
        var sql = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            await GraphQLPage();
            graphQL.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await SqlPage();
            sql.Add(clock.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"graphql {Summary(graphQL)}");
        Console.WriteLine($"sql {Summary(sql)}");
        return 0;
    }

    private static string Summary(List<double> milliseconds)
    {
        milliseconds.Sort();
        double At(double p) => milliseconds[Math.Min(milliseconds.Count - 1, (int)Math.Ceiling(p * milliseconds.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"requests={milliseconds.Count} p50={At(0.50):0.00} p95={At(0.95):0.00} p99={At(0.99):0.00} max={milliseconds[^1]:0.00} mean={milliseconds.Average():0.00}");
    }
}

/// <summary>
/// After the host's rule sync: the stored deadlines of a sample of Chinese marks are exactly what the shipped rules compute
/// (the settled ones aside, which a sync keeps), so the rate measured is of a sync that did its job.
/// </summary>
internal static class Verify
{
    public static async Task<int> RunAsync(string connectionString, int sample)
    {
        var database = new DatabaseOptions { Provider = DatabaseProvider.MySql, ConnectionString = connectionString, ServerVersion = "10.11-mariadb" };
        var options = new DbContextOptionsBuilder<PortfoliosDbContext>();
        ModuleDatabaseRegistration.Configure(options, database, "pf_migrations", typeof(PortfoliosDbContext).Assembly.GetName().Name!);
        await using var db = new PortfoliosDbContext(options.Options);
        var today = ParkCalendar.Today(TimeProvider.System);
        var engine = new DeadlineEngine(DeadlineRuleCatalogue.Shipped);
        var rights = await db.IpRights.AsNoTracking().Where(r => r.Kind == RightKind.Trademark && r.Jurisdiction == "CN" && r.RegisteredOn != null)
            .OrderBy(r => r.NameZh).Take(sample).ToListAsync();
        var ids = rights.Select(r => r.Id).ToList();
        var history = (await db.IpRightEvents.AsNoTracking().Where(e => ids.Contains(e.RightId)).ToListAsync()).ToLookup(e => e.RightId);
        var stored = (await db.Deadlines.AsNoTracking().Where(d => ids.Contains(d.RightId)).ToListAsync()).ToLookup(d => d.RightId);
        var wrong = 0;
        var windows = 0;
        foreach (var right in rights)
        {
            static string Key(string rule, int cycle, DateOnly due, DateOnly? opens, DateOnly? grace, DeadlineState state) => $"{rule}/{cycle}/{due}/{opens}/{grace}/{state}";
            var expected = engine.Compute(right.Facts(history[right.Id]), today).Select(d => Key(d.RuleId, d.Cycle, d.DueOn, d.WindowOpensOn, d.GraceEndsOn, d.State)).Order().ToList();
            var actual = stored[right.Id].Select(d => Key(d.RuleKey, d.Cycle, d.DueOn, d.WindowOpensOn, d.GraceEndsOn, d.State)).Order().ToList();
            wrong += expected.SequenceEqual(actual) ? 0 : 1;
            windows += stored[right.Id].Count(d => d.RuleKey == RuleChange.RuleKey && d.WindowOpensOn == d.DueOn.AddMonths(-12));
        }

        Console.WriteLine($"verify rights={rights.Count} mismatched={wrong} renewals_with_12_month_window={windows}");
        return wrong == 0 && rights.Count > 0 ? 0 : 1;
    }
}
