using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

// The reference import client for authors of import scripts: uploads a CSV or JSONL file with the GraphQL
// multipart request spec, shows the job's progress, prints the summary and saves the error report.
// Usage: see docs/import-format.md, or run without arguments.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("""
        ipshield-import <file> [--url http://localhost:5080/graphql] [--key <idempotency key>] [--dry-run] [--insert-only] [--token <bearer token>]

        Uploads <file> (.csv, .jsonl or .xlsx) as an enterprise import, shows progress until the job ends, prints the summary
        and, when rows failed, saves them with their original values to <file>.errors.csv. The idempotency key
        defaults to the file's name and size: running the same command again returns the same job.
        Exit code: 0 when every row was applied, 2 when some rows failed, 1 when the import could not run.
        """);
    return 1;
}

var file = args[0];
string Option(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
var url = new Uri(Option("--url", "http://localhost:5080/graphql"));
var key = Option("--key", $"{Path.GetFileName(file)}-{new FileInfo(file).Length}");
var mode = args.Contains("--dry-run") ? "DRY_RUN" : "APPLY";
var policy = args.Contains("--insert-only") ? "INSERT_ONLY" : "UPSERT";
var token = Option("--token", string.Empty);

using var http = new HttpClient { BaseAddress = new Uri(url.GetLeftPart(UriPartial.Authority)), Timeout = TimeSpan.FromMinutes(30) };
http.DefaultRequestHeaders.Add("GraphQL-Preflight", "1");
if (token.Length > 0)
{
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
}

var totalLines = CountLines(file);
Console.Error.WriteLine($"Uploading {file} ({new FileInfo(file).Length / 1024.0 / 1024.0:0.0} MB, {totalLines:N0} lines) to {url} …");
const string JobFields = "id status rowsRead rowsApplied rowsFailed lastLine failureMessage summary errorReportCsvUrl";
var operations = JsonSerializer.Serialize(new
{
    query = $"mutation($input: StartEnterpriseImportInput!) {{ startEnterpriseImport(input: $input) {{ import {{ {JobFields} }} errors {{ code message }} }} }}",
    variables = new { input = new { file = (string?)null, idempotencyKey = key, mode, policy } },
});
await using var upload = File.OpenRead(file);
using var content = new MultipartFormDataContent
{
    { new StringContent(operations, Encoding.UTF8, "application/json"), "operations" },
    { new StringContent("""{"0":["variables.input.file"]}""", Encoding.UTF8, "application/json"), "map" },
    { new StreamContent(upload, 256 * 1024), "0", Path.GetFileName(file) },
};
using var started = await http.PostAsync(url, content);
using var startDocument = JsonDocument.Parse(await started.Content.ReadAsStringAsync());
if (!startDocument.RootElement.TryGetProperty("data", out var data) || data.GetProperty("startEnterpriseImport").GetProperty("import").ValueKind == JsonValueKind.Null)
{
    Console.Error.WriteLine($"The import was refused ({(int)started.StatusCode}): {startDocument.RootElement}");
    return 1;
}

var job = data.GetProperty("startEnterpriseImport").GetProperty("import");
var jobId = job.GetProperty("id").GetString()!;
var clock = Stopwatch.StartNew();
while (job.GetProperty("status").GetString() is "QUEUED" or "RUNNING")
{
    DrawProgress(job, totalLines, clock.Elapsed);
    await Task.Delay(500);
    var poll = JsonSerializer.Serialize(new { query = $"query($id: ID!) {{ node(id: $id) {{ ... on EnterpriseImport {{ {JobFields} }} }} }}", variables = new { id = jobId } });
    using var response = await http.PostAsync(url, new StringContent(poll, Encoding.UTF8, "application/json"));
    using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    job = document.RootElement.GetProperty("data").GetProperty("node").Clone();
}

DrawProgress(job, totalLines, clock.Elapsed);
Console.Error.WriteLine();
Console.WriteLine(job.GetProperty("summary").GetString());
if (job.GetProperty("status").GetString() == "FAILED")
{
    Console.Error.WriteLine(job.GetProperty("failureMessage").GetString());
    return 1;
}

if (job.GetProperty("rowsFailed").GetInt64() == 0)
{
    return 0;
}

var report = file + ".errors.csv";
await using (var target = File.Create(report))
{
    await (await http.GetStreamAsync(new Uri(job.GetProperty("errorReportCsvUrl").GetString()!, UriKind.Relative))).CopyToAsync(target);
}

Console.WriteLine($"Rows that failed, with the reason and their original values: {report}");
return 2;

static void DrawProgress(JsonElement job, long totalLines, TimeSpan elapsed)
{
    const int Width = 40;
    var line = job.GetProperty("lastLine").GetInt64();
    var share = totalLines == 0 ? 1 : Math.Min(1, (double)line / totalLines);
    var filled = (int)(share * Width);
    var rows = job.GetProperty("rowsRead").GetInt64();
    var rate = elapsed.TotalSeconds > 0 ? rows / elapsed.TotalSeconds : 0;
    Console.Error.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {share,4:P0}  {job.GetProperty("status").GetString(),-9} read {rows:N0}  applied {job.GetProperty("rowsApplied").GetInt64():N0}  failed {job.GetProperty("rowsFailed").GetInt64():N0}  {rate:N0} rows/s ");
}

static long CountLines(string path)
{
    using var stream = File.OpenRead(path);
    var buffer = new byte[1 << 16];
    long lines = 0;
    int read;
    while ((read = stream.Read(buffer)) > 0)
    {
        lines += buffer.AsSpan(0, read).Count((byte)'\n');
    }

    return lines;
}
