using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.Workstations.Contracts;

// The dashboard soak (issue #13): for a while against one host, DASHBOARDS third-party dashboards poll their park's
// statistics through a trusted document over GET with If-None-Match, STAFF workstation staff members write (services,
// monthly sales, certifications, dispute cases opened and closed, training registrations), and one enterprise import
// runs a quarter of the way in. Counts every request per operation; anything but 2xx/304, a GraphQL error or a payload
// error is an error (429s are counted apart: the dashboards honour Retry-After). Samples the host's resident set every
// 5 s. Prints Markdown tables and pass/fail lines; exits 1 when a check fails.
//   SoakBench <host-url> <operator-token> <host-pid> <seconds> <dashboards> <staff> <poll-ms> <think-ms> <import-file> <budget-per-minute>
if (args.Length != 10)
{
    Console.Error.WriteLine("usage: SoakBench <host-url> <operator-token> <host-pid> <seconds> <dashboards> <staff> <poll-ms> <think-ms> <import-file> <budget-per-minute>");
    return 2;
}

var host = new Uri(args[0]);
var operatorToken = args[1];
var hostPid = Int(args[2]);
var seconds = Int(args[3]);
var dashboards = Int(args[4]);
var staffCount = Int(args[5]);
var pollMs = Int(args[6]);
var thinkMs = Int(args[7]);
var importFile = args[8];
var budgetPerMinute = Int(args[9]);
var parkCount = Math.Clamp(dashboards / 5, 1, 10);
const int EnterprisesPerPark = 12;
const string ScheduleSession = "mutation($input: ScheduleTrainingSessionInput!) { scheduleTrainingSession(input: $input) { session { id } errors { code message } } }";

var today = DateOnly.FromDateTime(DateTime.UtcNow);
var stats = new Stats();
using var admin = Client(operatorToken);

// 1. The city as the run finds it: parks, one workstation each, settled enterprises, a training session per workstation.
Console.Error.WriteLine($"arranging {parkCount} parks with {EnterprisesPerPark} enterprises each, {staffCount} staff, {dashboards} dashboards");
var parks = new List<Park>();
for (var p = 0; p < parkCount; p++)
{
    var park = Str(await Admin("mutation($input: RegisterParkInput!) { registerPark(input: $input) { park { id } errors { code message } } }",
        new { input = new { name = $"Soak park {p} {Guid.NewGuid():N}"[..24], city = "Wuhan", timeZone = "Asia/Shanghai" } }, "registerPark"), "park", "id");
    var workstation = Str(await Admin("mutation($input: OpenWorkstationInput!) { openWorkstation(input: $input) { workstation { id } errors { code message } } }",
        new { input = new { name = $"Soak WS {p} {Guid.NewGuid():N}"[..22], level = "DISTRICT", parkId = park, openedOn = Iso(today.AddYears(-1)) } }, "openWorkstation"), "workstation", "id");
    var enterprises = new List<string>();
    for (var e = 0; e < EnterprisesPerPark; e++)
    {
        var id = Str(await Admin("mutation($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { enterprise { id } errors { code message } } }",
            new
            {
                input = new
                {
                    creditCode = CreditCode($"91420{p:D2}{e:D3}", Random.Shared.Next(1_000_000)), nameZh = $"浸泡企业 {p}-{e} {Guid.NewGuid():N}"[..16],
                    targetMarkets = new[] { "AE", "SA", "US", "DE" }[..(1 + (e % 4))], salesPlatforms = new[] { "NOON", "AMAZON", "TEMU" }[..(1 + (e % 3))],
                },
            }, "registerEnterprise"), "enterprise", "id");
        await Admin("mutation($input: SettleEnterpriseInput!) { settleEnterprise(input: $input) { enterprise { id } errors { code message } } }",
            new { input = new { id, parkId = park, workstationId = workstation, settledOn = Iso(today.AddDays(-30 - (e * 20))) } }, "settleEnterprise");
        enterprises.Add(id);
    }

    var session = Str(await Admin(ScheduleSession, SessionOf(workstation), "scheduleTrainingSession"), "session", "id");
    parks.Add(new Park(park, workstation, enterprises, session));
}

// 2. The dashboards: registered by the centre with the one document they call, limited to it, each with its own token.
const string Document = """
    query SoakDashboard($park: ID!, $from: DateOnly, $to: DateOnly) { parkStatistics(parkId: $park) { park { id name } workstationCount openWorkstationCount serviceRecordCount
      servicesPerMonth(from: $from, to: $to) { month consultations guidanceVisits }
      enterprises(from: $from, to: $to) { settled settledPerMonth { month enterprises } byTargetMarket { groups { key enterprises } foldedGroups otherWithheld }
        bySalesPlatform { groups { key enterprises } foldedGroups otherWithheld } certifications { platform status enterprises }
        certificationsExpiringIn30Days certificationsExpiringIn90Days privacy { exact minimumGroupSize } }
      portfolios(from: $from, to: $to) { rights enterprisesWithCoverageGaps deadlinesDue deadlinesMissed privacy { exact } }
      training(from: $from, to: $to) { sessionsHeld attendees uniqueEnterprises privacy { exact } }
      disputes(from: $from, to: $to) { openByStage { label count } openByPlatform { label count } closedByOutcome { label count } medianDaysToClose warningsReceived privacy { exact } } } }
    """;
var documentId = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Document)));
var pollers = new List<(HttpClient Http, string Url)>();
for (var d = 0; d < dashboards; d++)
{
    var park = parks[d % parks.Count];
    var client = (await Admin("mutation($input: RegisterClientInput!) { registerClient(input: $input) { client { clientId secret } errors { code message } } }",
        new { input = new { kind = "DASHBOARD", displayName = $"Soak dashboard {d}", parkId = park.Id, costBudgetPerMinute = budgetPerMinute } }, "registerClient")).GetProperty("client");
    var clientId = client.GetProperty("clientId").GetString()!;
    await Admin("mutation($input: RegisterTrustedDocumentsInput!) { registerTrustedDocuments(input: $input) { trustedDocuments { documentIds } errors { code message } } }",
        new { input = new { clientId, documents = new[] { Document }, trustedDocumentsOnly = true } }, "registerTrustedDocuments");
    using var tokenRequest = new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = client.GetProperty("secret").GetString()!, ["scope"] = "stats:read",
    });
    using var issued = await new HttpClient { BaseAddress = host }.PostAsync(new Uri("/connect/token", UriKind.Relative), tokenRequest);
    var token = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    var variables = JsonSerializer.Serialize(new { park = park.Id, from = Iso(new DateOnly(today.Year, today.Month, 1).AddMonths(-11)), to = Iso(today) });
    pollers.Add((Client(token), $"/graphql?documentId={documentId}&variables={Uri.EscapeDataString(variables)}"));
}

// 3. The staff: each a workstation staff member of one park's workstation, signed in with PKCE as people are.
// Each looks after their own share of the park's enterprises, as a workstation divides its caseload.
var writers = new List<(HttpClient Http, Park Park, List<string> Enterprises)>();
var staffPerPark = (staffCount + parks.Count - 1) / parks.Count;
for (var s = 0; s < staffCount; s++)
{
    var park = parks[s % parks.Count];
    var share = park.Enterprises.Where((_, e) => e % staffPerPark == s / parks.Count).ToList();
    GlobalId.TryDecode(park.Workstation, WorkstationsGlobalIds.Workstation, out var workstation);
    writers.Add((Client(await BenchSignIn.StaffTokenAsync(host, operatorToken, workstation)), park, share));
}

// 4. The run.
Console.Error.WriteLine($"soaking for {seconds} s");
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
var clock = Stopwatch.StartNew();
// Every 5 s: a collection makes the resident set a sawtooth, and single samples 30 s apart compared one sample just
// after a collection with one just before (the first 10-minute run "failed" that way). Windows are compared below.
var rss = new List<(int Second, long Kb)>();
var sampler = Task.Run(async () =>
{
    for (var next = 0; next <= seconds; next += 5)
    {
        var wait = TimeSpan.FromSeconds(next) - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        rss.Add((next, Rss(hostPid)));
    }
});
var tasks = new List<Task>();
tasks.AddRange(pollers.Select((poller, i) => Task.Run(() => PollAsync(poller.Http, poller.Url, i, stop.Token))));
tasks.AddRange(writers.Select((writer, i) => Task.Run(() => WriteAsync(writer.Http, writer.Park, writer.Enterprises, i, stop.Token))));
tasks.Add(Task.Run(() => ImportAsync(stop.Token)));
await Task.WhenAll(tasks);
await sampler;

// 5. The report.
Console.WriteLine($"| operation ({seconds} s, {dashboards} dashboards every {pollMs} ms, {staffCount} staff every ~{thinkMs} ms) | requests | 304 | 429 | errors | p50 ms | p95 ms | p99 ms | max ms |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
foreach (var (name, op) in stats.Operations.OrderBy(o => o.Key, StringComparer.Ordinal))
{
    var sorted = op.Latencies.OrderBy(l => l).ToArray();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {op.Requests} | {op.NotModified} | {op.TooMany} | {op.Errors} | {P(sorted, 0.50):0.0} | {P(sorted, 0.95):0.0} | **{P(sorted, 0.99):0.0}** | {(sorted.Length > 0 ? sorted[^1] : 0):0.0} |"));
}

Console.WriteLine();
var shown = rss.Where(r => r.Second % 30 == 0).ToList();
Console.WriteLine("| host resident set (VmRSS) | " + string.Join(" | ", shown.Select(r => $"{r.Second} s")) + " |");
Console.WriteLine("|---|" + string.Concat(shown.Select(_ => "---|")));
Console.WriteLine("| MB | " + string.Join(" | ", shown.Select(r => (r.Kb / 1024.0).ToString("0", CultureInfo.InvariantCulture))) + " |");
Console.WriteLine();
var errors = stats.Operations.Values.Sum(o => o.Errors);
var tooMany = stats.Operations.Values.Sum(o => o.TooMany);
var failed = errors > 0;
Console.WriteLine($"- {(errors == 0 ? "PASS" : "FAIL")}: {errors} errors in {stats.Operations.Values.Sum(o => o.Requests)} requests ({tooMany} answered 429 and were retried after Retry-After, reported apart).");
foreach (var sample in stats.ErrorSamples.Take(10))
{
    Console.WriteLine($"  - {sample}");
}

// Memory flat after minute 2: the third minute's samples against the last minute's. The pass line compares their
// medians: a collection makes the resident set a sawtooth, and a window's floor or peak is one sample that depends on
// when the collector ran (the first runs "failed" on a dip just after a full collection in the reference window). The
// peaks and floors are printed too, and every sample is listed below the tables.
var third = rss.Where(r => r.Second >= 120 && r.Second < 180).Select(r => r.Kb).ToList();
var last = rss.Where(r => r.Second >= 180 && r.Second > seconds - 60).Select(r => r.Kb).ToList();
if (third.Count > 0 && last.Count > 0)
{
    static long Median(List<long> kb) => kb.Order().ElementAt(kb.Count / 2);
    static string Growth(long from, long to) => string.Create(CultureInfo.InvariantCulture, $"{from / 1024} → {to / 1024} MB ({(to - from) * 100.0 / from:+0.0;-0.0} %)");
    var growth = (Median(last) - Median(third)) * 100.0 / Median(third);
    failed |= growth >= 10;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"- {(growth < 10 ? "PASS" : "FAIL")}: resident set, samples every 5 s, 120–180 s against the last minute: median {Growth(Median(third), Median(last))} (target < 10 %); peak {Growth(third.Max(), last.Max())}, floor {Growth(third.Min(), last.Min())}."));
}
else
{
    Console.WriteLine("- NOT MEASURED: memory growth after minute 2 needs a run of at least 240 s (the 10-minute run: DURATION=600).");
}

Console.WriteLine($"- {(stats.ImportOutcome.StartsWith("SUCCEEDED", StringComparison.Ordinal) ? "PASS" : "FAIL")}: enterprise import {stats.ImportOutcome}.");
failed |= !stats.ImportOutcome.StartsWith("SUCCEEDED", StringComparison.Ordinal);
Console.WriteLine();
Console.WriteLine("Resident set every 5 s (MB): " + string.Join(' ', rss.Select(r => (r.Kb / 1024).ToString(CultureInfo.InvariantCulture))));
return failed ? 1 : 0;

// A dashboard polls: GET its trusted document with the ETag it last saw; on 429 it waits as told.
async Task PollAsync(HttpClient http, string url, int index, CancellationToken stopping)
{
    string? etag = null;
    await Pause(Random.Shared.Next(pollMs), stopping); // spread the dashboards over the interval
    while (!stopping.IsCancellationRequested)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, CancellationToken.None);
            var body = response.StatusCode == HttpStatusCode.NotModified ? string.Empty : await response.Content.ReadAsStringAsync(CancellationToken.None);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var op = stats.Of("parkStatistics (trusted document GET, If-None-Match)");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                op.Count(ms, tooMany: true);
                await Pause((int)((response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1)).TotalMilliseconds), stopping);
                continue;
            }

            var error = response.StatusCode == HttpStatusCode.NotModified ? null : Check(response, body, null);
            op.Count(ms, notModified: response.StatusCode == HttpStatusCode.NotModified, error: error, stats: stats);
            etag = response.Headers.ETag?.Tag ?? etag;
        }
        catch (HttpRequestException e)
        {
            stats.Of("parkStatistics (trusted document GET, If-None-Match)").Count(Stopwatch.GetElapsedTime(started).TotalMilliseconds, error: $"dashboard {index}: {e.Message}", stats: stats);
        }

        await Pause(pollMs, stopping);
    }
}

// A staff member works: a mix of what a workstation records in a day, one thing at a time with a pause between.
async Task WriteAsync(HttpClient http, Park park, List<string> enterprises, int index, CancellationToken stopping)
{
    var openCases = new Queue<string>();
    var random = new Random(index);
    await Pause(random.Next(thinkMs), stopping);
    while (!stopping.IsCancellationRequested)
    {
        var enterprise = enterprises[random.Next(enterprises.Count)];
        var roll = random.Next(100);
        if (roll < 35)
        {
            await Mutate(http, "recordService", "RecordServiceInput", "serviceRecord { id }", new
            {
                workstationId = park.Workstation, kind = roll < 25 ? "CONSULTATION" : "GUIDANCE_VISIT", occurredOn = Iso(today.AddDays(-random.Next(300))),
                topic = "Marks before listing on noon", enterpriseId = enterprise,
            });
        }
        else if (roll < 60)
        {
            var month = today.AddMonths(-random.Next(12));
            await Mutate(http, "recordMonthlySales", "RecordMonthlySalesInput", "enterprise { id }", new
            {
                id = enterprise, month = $"{month.Year:D4}-{month.Month:D2}", units = random.Next(1, 5000), revenue = random.Next(100, 900_000), currency = "USD",
            });
        }
        else if (roll < 72)
        {
            var certified = random.Next(2) == 0;
            await Mutate(http, "changeCertificationStatus", "ChangeCertificationStatusInput", "enterprise { id }", new
            {
                id = enterprise, platform = "NOON", status = certified ? "CERTIFIED" : "IN_PROGRESS", on = Iso(today.AddDays(-random.Next(60))),
                expiresOn = certified ? Iso(today.AddDays(30 + random.Next(300))) : null,
            });
        }
        else if (roll < 92 && (openCases.Count == 0 || roll < 82))
        {
            var opened = await Mutate(http, "openDisputeCase", "OpenDisputeCaseInput", "disputeCase { id }", new
            {
                enterpriseId = enterprise, title = "Listing taken down on a complaint", kind = "PLATFORM_COMPLAINT", platform = "NOON", market = "AE",
                startedOn = Iso(today.AddDays(-random.Next(10, 90))),
            });
            if (opened is { } payload && payload.TryGetProperty("disputeCase", out var created) && created.ValueKind == JsonValueKind.Object)
            {
                openCases.Enqueue(created.GetProperty("id").GetString()!);
            }
        }
        else if (roll < 92)
        {
            await Mutate(http, "closeDisputeCase", "CloseDisputeCaseInput", "disputeCase { id }", new
            {
                caseId = openCases.Dequeue(), outcome = random.Next(2) == 0 ? "REINSTATED" : "WITHDRAWN", on = Iso(today),
            });
        }
        else
        {
            // An enterprise registers once for a session: when every enterprise of the park has, the workstation schedules
            // the next session (staff of one park share it, so one of them at a time).
            await park.Gate.WaitAsync(CancellationToken.None);
            try
            {
                if (park.Unregistered.Count == 0)
                {
                    var scheduled = await Timed(http, "scheduleTrainingSession", ScheduleSession, SessionOf(park.Workstation), "scheduleTrainingSession");
                    if (scheduled is { } created && created.GetProperty("session").ValueKind == JsonValueKind.Object)
                    {
                        park.NextSession(created.GetProperty("session").GetProperty("id").GetString()!);
                    }
                }

                if (park.Unregistered.TryDequeue(out var unregistered))
                {
                    await Mutate(http, "registerForTraining", "RegisterForTrainingInput", "registration { id }", new
                    {
                        sessionId = park.TrainingSession, enterpriseId = unregistered, attendees = new[] { $"Attendee {Guid.NewGuid():N}"[..18] },
                    });
                }
            }
            finally
            {
                park.Gate.Release();
            }
        }

        await Pause(thinkMs / 2 + random.Next(thinkMs), stopping);
    }
}

// The enterprise import: uploaded a quarter of the way in, then followed until it ends, as an importing tool would.
async Task ImportAsync(CancellationToken stopping)
{
    await Pause(seconds * 250, stopping);
    using var http = Client(operatorToken);
    http.DefaultRequestHeaders.Add("GraphQL-Preflight", "1");
    const string Fields = "id status rowsRead rowsApplied rowsFailed failureMessage";
    var operations = JsonSerializer.Serialize(new
    {
        query = $"mutation($input: StartEnterpriseImportInput!) {{ startEnterpriseImport(input: $input) {{ import {{ {Fields} }} errors {{ code message }} }} }}",
        variables = new { input = new { file = (string?)null, idempotencyKey = Guid.NewGuid().ToString("N") } },
    });
    await using var upload = File.OpenRead(importFile);
    using var content = new MultipartFormDataContent
    {
        { new StringContent(operations, Encoding.UTF8, "application/json"), "operations" },
        { new StringContent("""{"0":["variables.input.file"]}""", Encoding.UTF8, "application/json"), "map" },
        { new StreamContent(upload), "0", Path.GetFileName(importFile) },
    };
    content.Last().Headers.ContentType = new MediaTypeHeaderValue("text/csv");
    var started = Stopwatch.GetTimestamp();
    using var response = await http.PostAsync(new Uri("/graphql", UriKind.Relative), content, CancellationToken.None);
    var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
    var error = Check(response, body, "startEnterpriseImport");
    stats.Of("startEnterpriseImport (upload)").Count(Stopwatch.GetElapsedTime(started).TotalMilliseconds, error: error, stats: stats);
    if (error is not null)
    {
        stats.ImportOutcome = "did not start";
        return;
    }

    var job = JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("startEnterpriseImport").GetProperty("import").Clone();
    var id = job.GetProperty("id").GetString();
    var upTo = Stopwatch.StartNew();
    while (job.GetProperty("status").GetString() is "QUEUED" or "RUNNING" && upTo.Elapsed < TimeSpan.FromMinutes(10))
    {
        await Task.Delay(1000, CancellationToken.None);
        var poll = await Timed(http, "import progress (node)", $"query($id: ID!) {{ node(id: $id) {{ ... on EnterpriseImport {{ {Fields} }} }} }}", new { id }, null);
        job = poll is { } data ? data.GetProperty("node").Clone() : job;
    }

    stats.ImportOutcome = $"{job.GetProperty("status").GetString()}: {job.GetProperty("rowsApplied").GetInt64()} rows applied, {job.GetProperty("rowsFailed").GetInt64()} failed, {upTo.Elapsed.TotalSeconds:0} s after upload";
    if (job.GetProperty("rowsFailed").GetInt64() > 0)
    {
        stats.ImportOutcome = "FAILED ROWS " + stats.ImportOutcome;
    }
}

object SessionOf(string workstation) => new
{
    input = new
    {
        organiserId = workstation, kind = "TRAINING", title = "Soak training: marks in the Gulf", startsAt = DateTime.UtcNow.AddDays(20).ToString("O"),
        endsAt = DateTime.UtcNow.AddDays(20).AddHours(2).ToString("O"), venue = "Soak hall", capacity = 500,
    },
};

Task<JsonElement?> Mutate(HttpClient http, string field, string inputType, string selection, object input) =>
    Timed(http, field, $"mutation($input: {inputType}!) {{ {field}(input: $input) {{ {selection} errors {{ code message }} }} }}", new { input }, field);

async Task<JsonElement?> Timed(HttpClient http, string name, string query, object variables, string? payloadField)
{
    var started = Stopwatch.GetTimestamp();
    try
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/graphql", UriKind.Relative), content, CancellationToken.None);
        var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
        var error = Check(response, body, payloadField);
        stats.Of(name).Count(Stopwatch.GetElapsedTime(started).TotalMilliseconds, error: error, stats: stats);
        if (error is not null)
        {
            return null;
        }

        var data = JsonDocument.Parse(body).RootElement.GetProperty("data");
        return (payloadField is null ? data : data.GetProperty(payloadField)).Clone();
    }
    catch (HttpRequestException e)
    {
        stats.Of(name).Count(Stopwatch.GetElapsedTime(started).TotalMilliseconds, error: $"{name}: {e.Message}", stats: stats);
        return null;
    }
}

// Set-up calls must succeed; the run has not begun, so a failure ends it with the answer.
async Task<JsonElement> Admin(string query, object variables, string field)
{
    var answer = await GraphQLHttp.PostAsync(admin, query, variables);
    if (answer.TryGetProperty("errors", out _) || answer.GetProperty("data").GetProperty(field).GetProperty("errors").GetArrayLength() > 0)
    {
        throw new InvalidOperationException($"{field}: {answer}");
    }

    return answer.GetProperty("data").GetProperty(field);
}

HttpClient Client(string token)
{
    var http = new HttpClient { BaseAddress = host, Timeout = TimeSpan.FromSeconds(60) };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    http.DefaultRequestHeaders.Accept.ParseAdd("application/graphql-response+json");
    return http;
}

static string? Check(HttpResponseMessage response, string body, string? payloadField)
{
    if (!response.IsSuccessStatusCode)
    {
        return $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}";
    }

    using var json = JsonDocument.Parse(body);
    if (json.RootElement.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
    {
        return $"GraphQL errors: {errors.GetRawText()[..Math.Min(errors.GetRawText().Length, 300)]}";
    }

    if (payloadField is not null && json.RootElement.GetProperty("data").GetProperty(payloadField).TryGetProperty("errors", out var userErrors) && userErrors.GetArrayLength() > 0)
    {
        return $"{payloadField} payload errors: {userErrors.GetRawText()[..Math.Min(userErrors.GetRawText().Length, 300)]}";
    }

    return null;
}

static async Task Pause(int ms, CancellationToken stopping)
{
    try
    {
        await Task.Delay(ms, stopping);
    }
    catch (OperationCanceledException)
    {
        // the run is over
    }
}

static long Rss(int pid) =>
    File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).FirstOrDefault();

static double P(double[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

static string Str(JsonElement payload, string node, string field) => payload.GetProperty(node).GetProperty(field).GetString()!;

// A valid unified social credit code (GB 32100-2015 check character) from a 10-character prefix and a number.
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

internal sealed class Park(string id, string workstation, List<string> enterprises, string trainingSession) : IDisposable
{
    public string Id { get; } = id;

    public string Workstation { get; } = workstation;

    public List<string> Enterprises { get; } = enterprises;

    public string TrainingSession { get; private set; } = trainingSession;

    /// <summary>The park's enterprises not yet registered for <see cref="TrainingSession"/>.</summary>
    public Queue<string> Unregistered { get; private set; } = new(enterprises);

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public void Dispose() => Gate.Dispose();

    public void NextSession(string session)
    {
        TrainingSession = session;
        Unregistered = new Queue<string>(Enterprises);
    }
}

internal sealed class Stats
{
    public ConcurrentDictionary<string, Operation> Operations { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> ErrorSamples { get; } = new();

    public string ImportOutcome { get; set; } = "did not run (the run ended before a quarter of it had passed)";

    public Operation Of(string name) => Operations.GetOrAdd(name, _ => new Operation());
}

internal sealed class Operation
{
    private readonly Lock _gate = new();

    public List<double> Latencies { get; } = [];

    public int Requests { get; private set; }

    public int NotModified { get; private set; }

    public int TooMany { get; private set; }

    public int Errors { get; private set; }

    public void Count(double ms, bool notModified = false, bool tooMany = false, string? error = null, Stats? stats = null)
    {
        lock (_gate)
        {
            Requests++;
            NotModified += notModified ? 1 : 0;
            TooMany += tooMany ? 1 : 0;
            Errors += error is null ? 0 : 1;
            if (!tooMany)
            {
                Latencies.Add(ms);
            }
        }

        if (error is not null)
        {
            stats?.ErrorSamples.Enqueue(error);
        }
    }
}
