// Park statistics at scale (issue #13, item 5), the client half of build/bench-statistics.sh:
//   dashboard <host base url> <operator token> <park guid>   registers a DASHBOARD client confined to the park, prints its token
//   latency <host base url> <dashboard token> <centre token> <connection string> <park guid> <requests> <warm-up> <baseline dir> <city every>
// `latency` times, round robin in one loop so that every case sees the same machine, each statistics document over
// POST /graphql (as the park's dashboard client, privacy on, and as the centre, exact) and each bare SQL baseline
// (build/bench/baseline-statistics-*.sql, with @park bound to the park's id), and prints one line per case. The city's
// documents and its baseline (*-city.sql) are timed every <city every>-th round only: each reads every park.
// Each document is timed twice per round (ADRs 0037, 0041): "after a write", with every module's data version of the park
// (and the city) changed just before (untimed), as a write in the park between two polls does, so every section is
// computed; and "asked again", right after the same request (untimed), as a dashboard polling with nothing written
// meanwhile, so the host gives its kept answers. Writes of one module, and writes in another park, are timed apart.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MySqlConnector;

return args.FirstOrDefault() switch
{
    "dashboard" => await Dashboard.RunAsync(new Uri(args[1]), args[2], Guid.Parse(args[3])),
    "latency" => await Latency.RunAsync(new Uri(args[1]), args[2], args[3], args[4], Guid.Parse(args[5]), Int(args[6]), Int(args[7]), args[8], Int(args[9])),
    _ => Usage(),
};

static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: StatisticsBench dashboard <host> <operator token> <park guid>");
    Console.Error.WriteLine("  | latency <host> <dashboard token> <centre token> <connection string> <park guid> <requests> <warm-up> <baseline dir> <city every>");
    return 2;
}

internal static class Http
{
    public static HttpClient Client(Uri host, string token)
    {
        var http = new HttpClient { BaseAddress = host, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>The park's global id, as the host issues it (base64url of "Park:{guid:N}").</summary>
    public static string ParkId(Guid park) => GlobalId("Park", park);

    /// <summary>A global id as the host issues it: base64url of "{type}:{guid:N}".</summary>
    public static string GlobalId(string type, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{type}:{id:N}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>One GraphQL request; its data, or an exception with the errors (a benchmark of failing requests measures nothing).</summary>
    public static async Task<JsonElement> GraphQLAsync(HttpClient http, string query, object variables)
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/graphql", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        var answer = response.IsSuccessStatusCode ? JsonDocument.Parse(body).RootElement.Clone() : default;
        if (!response.IsSuccessStatusCode || answer.TryGetProperty("errors", out _))
        {
            throw new InvalidOperationException($"/graphql {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        }

        return answer.GetProperty("data");
    }
}

internal static class Dashboard
{
    public static async Task<int> RunAsync(Uri host, string operatorToken, Guid park)
    {
        using var http = Http.Client(host, operatorToken);
        // A budget far above the loop's spend: the benchmark measures statistics, not the 429 of an exhausted budget.
        var data = await Http.GraphQLAsync(http, """
            mutation($input: RegisterClientInput!) { registerClient(input: $input) { client { clientId secret } errors { message } } }
            """, new { input = new { kind = "DASHBOARD", displayName = "statistics benchmark", parkId = Http.ParkId(park), costBudgetPerMinute = 1_000_000_000 } });
        var client = data.GetProperty("registerClient").GetProperty("client");
        if (client.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"registerClient: {data}");
        }

        using var anonymous = new HttpClient { BaseAddress = host };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.GetProperty("clientId").GetString()!,
            ["client_secret"] = client.GetProperty("secret").GetString()!,
            ["scope"] = "stats:read",
        });
        using var response = await anonymous.PostAsync(new Uri("/connect/token", UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"/connect/token {(int)response.StatusCode}: {body}");
        }

        Console.WriteLine(JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString());
        return 0;
    }
}

internal static class Latency
{
    private const string Breakdown = "groups { key enterprises } foldedGroups otherWithheld";

    private const string Enterprises = $$"""
        enterprises { settled settledPerMonth { month enterprises }
          byTargetMarket { {{Breakdown}} } bySalesPlatform { {{Breakdown}} } byProductCategory { {{Breakdown}} } byLegalForm { {{Breakdown}} }
          certifications { platform status enterprises } certificationsExpiringIn30Days certificationsExpiringIn90Days
          sales { month currency enterprises units revenue } privacy { exact minimumGroupSize } }
        """;

    private const string Portfolios = $$"""
        portfolios { rights enterprisesHoldingRights rightsByKindJurisdictionStatus { kind status jurisdiction rights enterprises } foldedGroups
          enterprisesWithCoverageGaps coverageGapsByMarket { {{Breakdown}} } deadlinesDue deadlinesMissed deadlinesDone from to privacy { exact minimumGroupSize } }
        """;

    private const string Training = """
        training { sessionsHeldByKind { kind count } sessionsHeld attendees attendedRegistrations uniqueEnterprises noShows noShowRate
          averageSatisfaction feedbackCount privacy { exact minimumGroupSize } }
        """;

    private const string Disputes = """
        disputes { openByStage { label count } openByPlatform { label count } closedByOutcome { label count } medianDaysToClose
          lossesRecovered { currency amount } warningsReceived reach acknowledged acknowledgementRate privacy { exact minimumGroupSize } }
        """;

    private const string Workstations = "workstationCount openWorkstationCount serviceRecordCount servicesPerMonth { month consultations guidanceVisits }";

    private static string Park(string selection) => $"query($park: ID!) {{ parkStatistics(parkId: $park) {{ {selection} }} }}";

    /// <summary>
    /// One timed request; <paramref name="Every"/> &gt; 1 times it only every that many rounds (the city's documents);
    /// <paramref name="Before"/> runs untimed just before it.
    /// </summary>
    private sealed record Case(string Name, Func<Task> Run, int Every = 1, Func<Task>? Before = null);

    /// <summary>The modules whose statistics sections are kept per data version (their table prefixes).</summary>
    private static readonly string[] SectionModules = ["ent", "pf", "trn", "dsp"];

    public static async Task<int> RunAsync(
        Uri host, string dashboardToken, string centreToken, string connectionString, Guid park, int requests, int warmUp, string baselineDirectory, int cityEvery)
    {
        using var dashboard = Http.Client(host, dashboardToken);
        using var centre = Http.Client(host, centreToken);
        var variables = new { park = Http.ParkId(park) };
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();

        // What a write does to the answers kept (ADRs 0037, 0041): the module's stamps of the city and of the park written
        // change (the timed park's, or another park's: one that no section of the timed park reads).
        var writes = 0L;
        var elsewhere = Guid.CreateVersion7().ToString("D");
        async Task ChangeVersionsAsync(IEnumerable<string> modules, string? inPark = null)
        {
            writes++;
            var rows = string.Join(", ", modules.SelectMany(m => new[] { "city", inPark ?? park.ToString("D") }.Select(scope => $"('{m}', '{scope}', {writes})")));
            await using var command = new MySqlCommand($"INSERT INTO live_data_stamps (Module, Scope, Stamp) VALUES {rows} ON DUPLICATE KEY UPDATE Stamp = VALUES(Stamp)", connection);
            await command.ExecuteNonQueryAsync();
        }

        IEnumerable<Case> GraphQL(string name, HttpClient http, string query, int every = 1)
        {
            async Task Run()
            {
                var data = await Http.GraphQLAsync(http, query, variables);
                if (data.TryGetProperty("parkStatistics", out var park) && park.ValueKind == JsonValueKind.Null)
                {
                    throw new InvalidOperationException($"{name}: parkStatistics is null (the client does not see its park)");
                }
            }

            yield return new Case($"{name}, after a write", Run, every, () => ChangeVersionsAsync(SectionModules));
            yield return new Case($"{name}, asked again", Run, every, Run);
        }

        var sections = new (string Name, string Selection)[]
        {
            ("enterprises", Enterprises), ("portfolios", Portfolios), ("training", Training), ("disputes", Disputes),
        };
        var whole = $"{Workstations} {string.Join(' ', sections.Select(s => s.Selection))}";
        var cases = new List<Case>();
        foreach (var (name, selection) in sections)
        {
            cases.AddRange(GraphQL($"graphql park {name}, dashboard", dashboard, Park(selection)));
            cases.AddRange(GraphQL($"graphql park {name}, centre", centre, Park(selection)));
        }

        cases.AddRange(GraphQL("graphql parkStatistics (every section), dashboard", dashboard, Park(whole)));
        cases.AddRange(GraphQL("graphql parkStatistics (every section), centre", centre, Park(whole)));
        // A write usually concerns one module: then only that module's section is computed again, the others are kept.
        foreach (var (module, section) in SectionModules.Zip(sections.Select(s => s.Name)))
        {
            var ofModule = GraphQL("graphql parkStatistics (every section), dashboard", dashboard, Park(whole)).First();
            cases.Add(ofModule with
            {
                Name = $"graphql parkStatistics (every section), dashboard, after a write of the {section} module",
                Before = async () =>
                {
                    await ofModule.Run(); // the other sections' answers kept, as between two polls
                    await ChangeVersionsAsync([module]);
                },
            });
        }

        // A busy city: every module written in another park since the last poll. The timed park's answers stay kept.
        var ofElsewhere = GraphQL("graphql parkStatistics (every section), dashboard", dashboard, Park(whole)).First();
        cases.Add(ofElsewhere with
        {
            Name = "graphql parkStatistics (every section), dashboard, after a write of every module in another park",
            Before = async () =>
            {
                await ofElsewhere.Run();
                await ChangeVersionsAsync(SectionModules, elsewhere);
            },
        });

        // Staff writing in the park through the host (ADR 0042): one write of every module, then the dashboard's poll at a
        // random moment of the next 2.5 s, as polls every few seconds meet writes. The host computes the park's answers
        // again in the background after each write; a poll arriving while it does waits for that computation.
        var writer = await ParkWriter.CreateAsync(centre, connection, park);
        var pollDelays = new Random(42);
        var ofStaff = GraphQL("graphql parkStatistics (every section), dashboard", dashboard, Park(whole)).First();
        cases.Add(ofStaff with
        {
            Name = "graphql parkStatistics (every section), dashboard, polled 0-2.5 s after staff wrote every module in the park",
            Before = async () =>
            {
                await ofStaff.Run();
                await writer.WriteEveryModuleAsync();
                await Task.Delay(pollDelays.Next(2500));
            },
        });

        // Another host of the same database writing in the park (ADR 0043): every module's stamps of the park changed in
        // SQL, as that host's commits change them, then the poll at a random moment of the next 2.5 s. The host timed hears
        // of those writes only by reading the stamps (every 250 ms) and computes the park's answers ahead.
        var otherHostDelays = new Random(43);
        var ofOtherHost = GraphQL("graphql parkStatistics (every section), dashboard", dashboard, Park(whole)).First();
        cases.Add(ofOtherHost with
        {
            Name = "graphql parkStatistics (every section), dashboard, polled 0-2.5 s after another host wrote every module in the park",
            Before = async () =>
            {
                await ofOtherHost.Run();
                await ChangeVersionsAsync(SectionModules);
                await Task.Delay(otherHostDelays.Next(2500));
            },
        });

        // The city reads every park: timed every cityEvery-th round so that the run stays in minutes at full scale.
        cases.AddRange(GraphQL("graphql cityStatistics (every section), centre", centre, $"query {{ cityStatistics {{ {whole} }} }}", cityEvery));
        cases.AddRange(GraphQL("graphql cityStatistics enterprises, centre", centre, $"query {{ cityStatistics {{ {Enterprises} }} }}", cityEvery));

        foreach (var file in Directory.GetFiles(baselineDirectory, "baseline-statistics-*.sql").Order(StringComparer.Ordinal))
        {
            var sql = await File.ReadAllTextAsync(file);
            var name = Path.GetFileNameWithoutExtension(file)["baseline-statistics-".Length..];
            cases.Add(new Case($"sql {name}", async () =>
            {
                await using var command = new MySqlCommand(sql, connection);
                command.Parameters.AddWithValue("@park", park.ToString("D"));
                await using var reader = await command.ExecuteReaderAsync();
                do
                {
                    while (await reader.ReadAsync())
                    {
                        for (var c = 0; c < reader.FieldCount; c++)
                        {
                            _ = reader.GetValue(c); // read every column, as the host reads its aggregates
                        }
                    }
                }
                while (await reader.NextResultAsync());
            }, name.EndsWith("-city", StringComparison.Ordinal) ? cityEvery : 1));
        }

        // CASES (a regular expression over the case names) narrows a run to what is being tuned.
        if (Environment.GetEnvironmentVariable("CASES") is { Length: > 0 } only)
        {
            cases.RemoveAll(c => !Regex.IsMatch(c.Name, only, RegexOptions.None, TimeSpan.FromSeconds(1)));
        }

        // At least warmUp rounds, and at least WARMUP_SECONDS (default 60) of them: a young host is still compiling its
        // methods again at higher tiers (~58,000 methods; measured with dotnet-counters, JIT took 4-8 s of every 10 s for
        // the first ~45 s of a loop of whole documents), and a run of a few cases was timed while it did.
        var warmUpFor = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("WARMUP_SECONDS"), CultureInfo.InvariantCulture, out var seconds) ? seconds : 60);
        var warming = Stopwatch.StartNew();
        var rounds = 0;
        for (var last = false; !last; rounds++)
        {
            last = rounds >= warmUp - 1 && warming.Elapsed >= warmUpFor;
            foreach (var c in cases.Where(c => rounds % c.Every == 0))
            {
                if (c.Before is { } before)
                {
                    await before();
                }

                var clock = Stopwatch.StartNew();
                await c.Run();
                if (last)
                {
                    // The last warm-up round, as it goes: a first look at a slow scale before the timed rounds end.
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up {clock.Elapsed.TotalMilliseconds,9:0.0} ms  {c.Name}"));
                }
            }
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warmed up in {rounds} rounds, {warming.Elapsed.TotalSeconds:0} s"));

        var timings = cases.ToDictionary(c => c.Name, _ => new List<double>(requests));
        for (var i = 0; i < requests; i++)
        {
            foreach (var c in cases.Where(c => i % c.Every == 0))
            {
                if (c.Before is { } before)
                {
                    await before();
                }

                var clock = Stopwatch.StartNew();
                await c.Run();
                timings[c.Name].Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        foreach (var c in cases)
        {
            Console.WriteLine($"{c.Name}\t{Summary(timings[c.Name])}\t{timings[c.Name].Count}");
        }

        return 0;
    }

    private static string Summary(List<double> milliseconds)
    {
        milliseconds.Sort();
        double At(double p) => milliseconds[Math.Min(milliseconds.Count - 1, (int)Math.Ceiling(p * milliseconds.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"{At(0.50):0.0}\t{At(0.95):0.0}\t{At(0.99):0.0}\t{milliseconds[^1]:0.0}");
    }
}

/// <summary>
/// Writes as the park's staff do, through the host's GraphQL API as the centre: a dispute case opened, monthly sales
/// recorded, an IP right recorded and a training session scheduled, for an enterprise and a workstation of the park.
/// </summary>
internal sealed class ParkWriter(HttpClient centre, string enterprise, string workstation)
{
    private int _writes;

    public static async Task<ParkWriter> CreateAsync(HttpClient centre, MySqlConnection connection, Guid park)
    {
        async Task<Guid> FirstAsync(string sql)
        {
            await using var command = new MySqlCommand(sql, connection);
            command.Parameters.AddWithValue("@park", park.ToString("D"));
            return (await command.ExecuteScalarAsync()) switch { Guid id => id, var text => Guid.Parse(Convert.ToString(text, CultureInfo.InvariantCulture)!) };
        }

        var enterprise = await FirstAsync("SELECT e.Id FROM ent_enterprises e JOIN dsp_enterprise_profiles p ON p.EnterpriseId = e.Id WHERE e.ParkId = @park ORDER BY e.Id LIMIT 1");
        var workstation = await FirstAsync("SELECT Id FROM ws_workstations WHERE ParkId = @park ORDER BY Id LIMIT 1");
        return new ParkWriter(centre, Http.GlobalId("Enterprise", enterprise), Http.GlobalId("Workstation", workstation));
    }

    public async Task WriteEveryModuleAsync()
    {
        var n = Interlocked.Increment(ref _writes);
        var today = DateTime.UtcNow.Date;
        await MutateAsync("openDisputeCase", "OpenDisputeCaseInput", new
        {
            enterpriseId = enterprise, title = $"benchmark complaint {n}", kind = "PLATFORM_COMPLAINT", platform = "NOON", market = "AE",
            startedOn = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, "disputeCase { id }");
        await MutateAsync("recordMonthlySales", "RecordMonthlySalesInput", new
        {
            id = enterprise, month = today.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture), units = n, revenue = n * 10m, currency = "USD",
        }, "enterprise { id }");
        await MutateAsync("recordIpRight", "RecordIpRightInput", new
        {
            enterpriseId = enterprise, kind = "TRADEMARK", jurisdiction = "AE", nameZh = $"基准{n}", niceClasses = new[] { 9 },
            filedOn = today.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, "ipRight { id }");
        var startsAt = today.AddDays(14).AddHours(2);
        await MutateAsync("scheduleTrainingSession", "ScheduleTrainingSessionInput", new
        {
            organiserId = workstation, kind = "TRAINING", title = $"benchmark session {n}", topics = new[] { "platform:noon" }, speakers = new[] { "王律师" },
            startsAt = Iso(startsAt), endsAt = Iso(startsAt.AddHours(2)), venue = "2F", capacity = 30,
            registrationOpensAt = Iso(DateTime.UtcNow.AddHours(-1)), registrationClosesAt = Iso(startsAt), cancellationCutoffAt = Iso(startsAt),
        }, "session { id }");
    }

    private static string Iso(DateTime instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private async Task MutateAsync(string field, string inputType, object input, string selection)
    {
        var data = await Http.GraphQLAsync(centre, $"mutation($input: {inputType}!) {{ {field}(input: $input) {{ {selection} errors {{ code message }} }} }}", new { input });
        var errors = data.GetProperty(field).GetProperty("errors");
        if (errors.GetArrayLength() > 0)
        {
            throw new InvalidOperationException($"{field}: {errors}");
        }
    }
}
