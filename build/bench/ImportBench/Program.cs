using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MySqlConnector;

// The import benchmark's helper (build/bench-import.sh): generates a registry file, loads it with MySqlBulkCopy
// (the ceiling), and runs it through the platform's import, printing rows per second for each.
return args.FirstOrDefault() switch
{
    "generate" => Generate(int.Parse(args[1], CultureInfo.InvariantCulture), args[2], args.Length > 3 ? args[3] : "91420100MA"),
    "database" => await CreateDatabaseAsync(args[1], args[2]),
    "bulkcopy" => await BulkCopyAsync(args[1], args[2], args[3..]),
    "import" => await ImportAsync(args[1], new Uri(args[2])),
    "generate-rights" => GenerateRights(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), args[3], args.Length > 4 ? args[4] : "91420100MA", args.Length > 5 ? args[5] : "R"),
    "import-rights" => await ImportAsync(args[1], new Uri(args[2]), "startIpRightImport", "StartIpRightImportInput", "IpRightImport"),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("ImportBench generate <rows> <file> [10-character code prefix] | database <server connection string> <name> | bulkcopy <file> <connection string> [files loaded first, untimed] | import <file> <graphql url>");
    Console.Error.WriteLine("  | generate-rights <rows> <enterprises> <file.csv|file.xlsx> [code prefix of the enterprises] [application number prefix] | import-rights <file> <graphql url>");
    return 1;
}

static string CreditCode(string prefix, int i)
{
    const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    int[] weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    var body = $"{prefix}{i:D7}";
    var sum = 0;
    for (var c = 0; c < 17; c++)
    {
        sum += Alphabet.IndexOf(body[c], StringComparison.Ordinal) * weights[c];
    }

    return body + Alphabet[(31 - (sum % 31)) % 31];
}

// Existing rights of the enterprises `generate` made (the same codes), as a park's register holds them: marks in CN,
// the EU, the US, the UAE and Saudi Arabia (registered or pending), CN invention patents, utility models and designs.
// Every row is valid; each gets its deadlines computed on import.
static int GenerateRights(int rows, int enterprises, string path, string prefix, string numberPrefix)
{
    string[] columns = ["credit_code", "kind", "jurisdiction", "name_zh", "name_en", "mark_form", "nice_classes", "application_number", "filed_on", "registered_on", "agent"];
    var today = DateOnly.FromDateTime(DateTime.UtcNow);
    IEnumerable<Dictionary<string, object?>> Rows()
    {
        for (var i = 0; i < rows; i++)
        {
            var filed = today.AddDays(-30 - (i * 37 % 4000));
            var (kind, jurisdiction, registered) = (i % 10) switch
            {
                0 or 1 => ("trademark", "CN", filed.AddMonths(14)),
                2 => ("trademark", "EU", filed.AddMonths(6)),
                3 => ("trademark", "US", filed.AddMonths(12)),
                4 => ("trademark", "AE", filed.AddMonths(8)),
                5 => ("trademark", "SA", (DateOnly?)null),
                6 => ("invention_patent", "CN", filed.AddYears(3)),
                7 => ("utility_model", "CN", filed.AddMonths(10)),
                8 => ("design", "CN", filed.AddMonths(8)),
                _ => ("trademark", "CN", (DateOnly?)null),
            };
            var mark = kind == "trademark";
            yield return new Dictionary<string, object?>
            {
                ["credit_code"] = CreditCode(prefix, i % enterprises),
                ["kind"] = kind,
                ["jurisdiction"] = jurisdiction,
                ["name_zh"] = $"盾牌{i}",
                ["name_en"] = $"Shield {i}",
                ["mark_form"] = mark ? "combined" : null,
                ["nice_classes"] = mark ? $"{1 + (i % 45)};35" : null,
                ["application_number"] = $"{numberPrefix}{i:D8}",
                ["filed_on"] = filed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["registered_on"] = registered is { } r && r < today ? r.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                ["agent"] = "武汉知识产权代理",
            };
        }
    }

    if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
    {
        File.Delete(path);
        MiniExcelLibs.MiniExcel.SaveAs(path, Rows());
        return 0;
    }

    using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
    writer.Write(string.Join(',', columns) + "\n");
    foreach (var row in Rows())
    {
        writer.Write(string.Join(',', columns.Select(c => row[c]?.ToString())) + "\n");
    }

    return 0;
}

static int Generate(int rows, string path, string prefix)
{
    string[] markets = ["AE;SA;GCC", "US;DE;GB;EU", "MY;TH;ASEAN", "BR;MX;LATAM", "US"];
    string[] platforms = ["noon", "Amazon;eBay;own site", "Shopee;Lazada", "AliExpress;Temu", "TikTok Shop"];
    using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
    writer.Write("credit_code,name_zh,name_en,legal_form,established_on,target_markets,sales_platforms,product_categories\n");
    for (var i = 0; i < rows; i++)
    {
        var code = CreditCode(prefix, i);
        writer.Write(string.Create(CultureInfo.InvariantCulture,
            $"{code},武汉跨境贸易有限公司{i},Wuhan Cross-Border Trading {i},有限责任公司,{2005 + (i % 20)}-{1 + (i % 12):D2}-{1 + (i % 28):D2},{markets[i % 5]},{platforms[i % 5]},Consumer electronics;Home\n"));
    }

    return 0;
}

static async Task<int> CreateDatabaseAsync(string server, string name)
{
    await using var connection = new MySqlConnection(server);
    await connection.OpenAsync();
    await using var command = new MySqlCommand($"DROP DATABASE IF EXISTS `{name}`; CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", connection);
    await command.ExecuteNonQueryAsync();
    Console.WriteLine($"{server.TrimEnd(';')};Database={name}");
    return 0;
}

// The ceiling: the same rows, already parsed, streamed with LOAD DATA LOCAL INFILE into the same table. Files given
// to load first (untimed) put the table in the state the import meets: the host's warm-up rows are already there.
static async Task<int> BulkCopyAsync(string path, string connectionString, string[] loadFirst)
{
    await using var connection = new MySqlConnection(connectionString + ";AllowLoadLocalInfile=true");
    await connection.OpenAsync();
    foreach (var earlier in loadFirst)
    {
        await new MySqlBulkCopy(connection) { DestinationTableName = "ent_enterprises", BulkCopyTimeout = 600 }.WriteToServerAsync(ParsedRows(earlier));
    }

    var table = ParsedRows(path);
    var clock = Stopwatch.StartNew();
    var result = await new MySqlBulkCopy(connection) { DestinationTableName = "ent_enterprises", BulkCopyTimeout = 600 }.WriteToServerAsync(table);
    clock.Stop();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bulkcopy rows={result.RowsInserted} seconds={clock.Elapsed.TotalSeconds:0.000} rows_per_second={result.RowsInserted / clock.Elapsed.TotalSeconds:0}"));
    return 0;
}

static DataTable ParsedRows(string path)
{
    var table = new DataTable();
    foreach (var (name, type) in new[] { ("Id", typeof(string)), ("CreditCode", typeof(string)), ("NameZh", typeof(string)), ("NameEn", typeof(string)), ("LegalForm", typeof(string)), ("EstablishedOn", typeof(DateTime)), ("ParkId", typeof(string)), ("WorkstationId", typeof(string)), ("SettledOn", typeof(DateTime)), ("MarketCodes", typeof(string)), ("PlatformCodes", typeof(string)), ("ProductCategories", typeof(string)), ("Version", typeof(int)), ("UpdatedAt", typeof(DateTime)) })
    {
        table.Columns.Add(name, type);
    }

    foreach (var line in File.ReadLines(path).Skip(1))
    {
        var f = line.Split(',');
        table.Rows.Add(Guid.CreateVersion7().ToString(), f[0], f[1], f[2], "LimitedLiabilityCompany", DateTime.Parse(f[4], CultureInfo.InvariantCulture), DBNull.Value, DBNull.Value, DBNull.Value,
            $",{f[5].Replace(';', ',')},", ",Noon,", f[7].Replace(';', '\n'), 1, DateTime.UtcNow);
    }

    return table;
}

// Uploads the file as an import and reports the job's own processing time (started → finished) and the wall time.
static async Task<int> ImportAsync(string path, Uri url, string mutation = "startEnterpriseImport", string inputType = "StartEnterpriseImportInput", string nodeType = "EnterpriseImport")
{
    using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
    if (Environment.GetEnvironmentVariable("TOKEN") is { Length: > 0 } token)
    {
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    }

    http.DefaultRequestHeaders.Add("GraphQL-Preflight", "1");
    const string Fields = "id status rowsRead rowsApplied rowsFailed startedAt finishedAt failureMessage";
    var operations = JsonSerializer.Serialize(new
    {
        query = $"mutation($input: {inputType}!) {{ {mutation}(input: $input) {{ import {{ {Fields} }} errors {{ code message }} }} }}",
        variables = new { input = new { file = (string?)null, idempotencyKey = Guid.NewGuid().ToString("N") } },
    });
    var wall = Stopwatch.StartNew();
    await using var upload = File.OpenRead(path);
    using var content = new MultipartFormDataContent
    {
        { new StringContent(operations, Encoding.UTF8, "application/json"), "operations" },
        { new StringContent("""{"0":["variables.input.file"]}""", Encoding.UTF8, "application/json"), "map" },
        { new StreamContent(upload, 1 << 18), "0", Path.GetFileName(path) },
    };
    content.Last().Headers.ContentType = new MediaTypeHeaderValue(path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
    using var started = await http.PostAsync(url, content);
    var job = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty(mutation).GetProperty("import").Clone();
    var id = job.GetProperty("id").GetString();
    while (job.GetProperty("status").GetString() is "QUEUED" or "RUNNING")
    {
        await Task.Delay(200);
        var poll = JsonSerializer.Serialize(new { query = $"query($id: ID!) {{ node(id: $id) {{ ... on {nodeType} {{ {Fields} }} }} }}", variables = new { id } });
        using var response = await http.PostAsync(url, new StringContent(poll, Encoding.UTF8, "application/json"));
        job = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("node").Clone();
    }

    wall.Stop();
    var seconds = (job.GetProperty("finishedAt").GetDateTimeOffset() - job.GetProperty("startedAt").GetDateTimeOffset()).TotalSeconds;
    var applied = job.GetProperty("rowsApplied").GetInt64();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"import status={job.GetProperty("status").GetString()} rows={applied} failed={job.GetProperty("rowsFailed").GetInt64()} seconds={seconds:0.000} rows_per_second={applied / seconds:0} wall_seconds={wall.Elapsed.TotalSeconds:0.000}"));
    return job.GetProperty("status").GetString() == "SUCCEEDED" ? 0 : 1;
}
