using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IpShield.SharedKernel.GraphQL.Relay;
using MySqlConnector;

// Live updates at scale (issue #14): SUBSCRIPTIONS open GraphQL-over-SSE streams on one host, held by PEOPLE workstation
// staff members (signed in with PKCE); EVENTS dispute cases of their workstation change stage one after another. For
// each delivery: commit → delivered (the client's clock at the `next` minus the event's time, both this machine's
// clock), beside commit → applied by an in-process subscriber (the live-event append, its row's CreatedAt) for the same
// events. Prints a Markdown table.
// The first WARMUP events are sent and awaited but not counted: they pay for compiling the delivery path (the first
// event of a fresh host took ~360 ms to reach everyone, which alone set the p99 of a 40-event run).
//   LiveBench <host-url> <operator-token> <mysql-connection> <subscriptions> <people> <events> <interval-ms> <warmup>
if (args.Length != 8)
{
    Console.Error.WriteLine("usage: LiveBench <host-url> <operator-token> <mysql-connection> <subscriptions> <people> <events> <interval-ms> <warmup>");
    return 2;
}

var host = new Uri(args[0]);
var operatorToken = args[1];
var database = args[2];
var subscriptions = Int(args[3]);
var people = Int(args[4]);
var events = Int(args[5]);
var interval = TimeSpan.FromMilliseconds(Int(args[6]));
var warmup = Int(args[7]);

using var admin = new HttpClient { BaseAddress = host, Timeout = TimeSpan.FromMinutes(2) };
admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);

// One park, one workstation, one settled enterprise with EVENTS open cases (noon complaints, the general flow).
var tag = Guid.NewGuid().ToString("N")[..8];
var park = Str(await GraphQLHttp.PostAsync(admin, "mutation($i: RegisterParkInput!) { registerPark(input: $i) { park { id } errors { code } } }",
    new { i = new { name = $"Live bench park {tag}", city = "Wuhan" } }), "registerPark", "park", "id");
var workstation = Str(await GraphQLHttp.PostAsync(admin, "mutation($i: OpenWorkstationInput!) { openWorkstation(input: $i) { workstation { id } errors { code } } }",
    new { i = new { name = $"Live bench WS {tag}", parkId = park, openedOn = "2024-10-15", level = "DISTRICT" } }), "openWorkstation", "workstation", "id");
var enterprise = Str(await GraphQLHttp.PostAsync(admin, "mutation($i: RegisterEnterpriseInput!) { registerEnterprise(input: $i) { enterprise { id } errors { code } } }",
    new { i = new { creditCode = CreditCode(), nameZh = $"实时基准企业 {tag}", targetMarkets = new[] { "AE" }, salesPlatforms = new[] { "NOON" } } }), "registerEnterprise", "enterprise", "id");
await GraphQLHttp.PostAsync(admin, "mutation($i: SettleEnterpriseInput!) { settleEnterprise(input: $i) { errors { code } } }",
    new { i = new { id = enterprise, parkId = park, workstationId = workstation, settledOn = "2025-01-06" } });
var cases = new List<string>();
for (var i = 0; i < warmup + events; i++)
{
    cases.Add(Str(await GraphQLHttp.PostAsync(admin, "mutation($i: OpenDisputeCaseInput!) { openDisputeCase(input: $i) { disputeCase { id } errors { code } } }",
        new { i = new { enterpriseId = enterprise, title = $"noon complaint {i}", kind = "PLATFORM_COMPLAINT", platform = "NOON", market = "AE", startedOn = "2026-11-01" } }),
        "openDisputeCase", "disputeCase", "id"));
}

var workstationKey = GlobalId.TryDecode(workstation, out _, out var key) ? key : throw new InvalidOperationException(workstation);
var tokens = new List<string>();
var signIn = Stopwatch.StartNew();
for (var i = 0; i < people; i++)
{
    tokens.Add(await BenchSignIn.StaffTokenAsync(host, operatorToken, workstationKey));
}

Console.Error.WriteLine($"signed in {people} staff members in {signIn.Elapsed.TotalSeconds:F1} s");

// The cases reach their workstation's staff once Disputes has heard of the settlement (through the outbox).
using (var staff = new HttpClient { BaseAddress = host })
{
    staff.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens[0]);
    while ((await GraphQLHttp.PostAsync(staff, "{ disputeCases(first: 1) { totalCount } }", new { })).GetProperty("data").GetProperty("disputeCases").GetProperty("totalCount").GetInt32() < warmup + events)
    {
        await Task.Delay(200);
    }
}

var handler = new SocketsHttpHandler { MaxConnectionsPerServer = subscriptions + 16, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
using var streams = new HttpClient(handler) { BaseAddress = host, Timeout = Timeout.InfiniteTimeSpan };
using var stop = new CancellationTokenSource();
var deliveries = new List<(string Case, DateTimeOffset OccurredAt, DateTimeOffset ReceivedAt)>[subscriptions];
var opened = new TaskCompletionSource[subscriptions];
var readers = new List<Task>();
for (var i = 0; i < subscriptions; i++)
{
    deliveries[i] = [];
    opened[i] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    readers.Add(ReadStreamAsync(streams, tokens[i % people], deliveries[i], opened[i], stop.Token));
}

await Task.WhenAll(opened.Select(o => o.Task));
Console.Error.WriteLine($"{subscriptions} streams open; moving {warmup} + {events} cases, one every {interval.TotalMilliseconds} ms");

var warmupCases = cases.Take(warmup).ToHashSet();
foreach (var caseId in cases)
{
    var moved = await GraphQLHttp.PostAsync(admin, "mutation($i: MoveDisputeCaseInput!) { moveDisputeCase(input: $i) { errors { code message } } }",
        new { i = new { caseId, stage = "RESPONDED", on = "2026-11-20" } });
    if (moved.GetProperty("data").GetProperty("moveDisputeCase").GetProperty("errors").GetArrayLength() > 0)
    {
        throw new InvalidOperationException($"moveDisputeCase: {moved}");
    }

    await Task.Delay(interval);
    if (warmupCases.Count > 0 && caseId == cases[warmup - 1])
    {
        // Counted events start once every warm-up delivery is in: none of them competes with a measured one.
        var warming = Stopwatch.StartNew();
        while (deliveries.Any(d => Count(d) < warmup) && warming.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }
    }
}

var wait = Stopwatch.StartNew();
while (deliveries.Any(d => Count(d) < warmup + events) && wait.Elapsed < TimeSpan.FromSeconds(60))
{
    await Task.Delay(100);
}

await stop.CancelAsync();
var all = deliveries.SelectMany(d => { lock (d) { return d.ToList(); } }).Where(d => !warmupCases.Contains(d.Case)).ToList();
var delivered = all.Select(d => (d.ReceivedAt - d.OccurredAt).TotalMilliseconds).Order().ToList();

// Commit → applied by an in-process subscriber: the live-event append of the same events (its row's CreatedAt).
var applied = new List<double>();
await using (var connection = new MySqlConnection(database))
{
    await connection.OpenAsync();
    var keys = cases.Skip(warmup).Select(c => GlobalId.TryDecode(c, out _, out var k) ? k : Guid.Empty).ToList();
    await using var command = new MySqlCommand($"SELECT OccurredAt, CreatedAt FROM live_events WHERE SubjectId IN ({string.Join(',', keys.Select((_, i) => $"@k{i}"))})", connection);
    for (var i = 0; i < keys.Count; i++)
    {
        command.Parameters.AddWithValue($"@k{i}", keys[i]);
    }

    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        applied.Add((reader.GetDateTime(1) - reader.GetDateTime(0)).TotalMilliseconds);
    }
}

applied.Sort();
var missing = (long)subscriptions * events - all.Count;
Console.WriteLine($"| path | deliveries | p50 ms | p95 ms | p99 ms | max ms |");
Console.WriteLine($"|---|---|---|---|---|---|");
Console.WriteLine($"| commit → applied by an in-process subscriber (live-event append) | {applied.Count} | {P(applied, 50)} | {P(applied, 95)} | {P(applied, 99)} | {P(applied, 100)} |");
Console.WriteLine($"| commit → delivered to {subscriptions} SSE subscribers ({people} people) | {all.Count} | {P(delivered, 50)} | {P(delivered, 95)} | {P(delivered, 99)} | {P(delivered, 100)} |");
Console.WriteLine();
Console.WriteLine($"missing deliveries: {missing}");
return missing == 0 ? 0 : 1;

static async Task ReadStreamAsync(HttpClient http, string token, List<(string, DateTimeOffset, DateTimeOffset)> received, TaskCompletionSource opened, CancellationToken stop)
{
    const string Subscription = "subscription { caseStageChanged { occurredAt case { id } } }";
    using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
    {
        Content = new StringContent(JsonSerializer.Serialize(new { query = Subscription }), Encoding.UTF8, "application/json"),
    };
    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    try
    {
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
        if (!response.IsSuccessStatusCode)
        {
            opened.TrySetException(new InvalidOperationException($"stream: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(stop)}"));
            return;
        }

        opened.TrySetResult();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
        while (await reader.ReadLineAsync(stop) is { } line)
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal))
            {
                continue;
            }

            var at = DateTimeOffset.UtcNow;
            var change = JsonDocument.Parse(line["data: ".Length..]).RootElement.GetProperty("data").GetProperty("caseStageChanged");
            lock (received)
            {
                received.Add((change.GetProperty("case").GetProperty("id").GetString()!, change.GetProperty("occurredAt").GetDateTimeOffset(), at));
            }
        }
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        // the run is over
    }
}

static int Count<T>(List<T> list)
{
    lock (list)
    {
        return list.Count;
    }
}

static string P(List<double> sorted, int percentile) =>
    sorted.Count == 0 ? "–" : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)].ToString("F1", CultureInfo.InvariantCulture);

static string Str(JsonElement answer, string field, string node, string property)
{
    var payload = answer.GetProperty("data").GetProperty(field);
    if (payload.GetProperty("errors").GetArrayLength() > 0)
    {
        throw new InvalidOperationException($"{field}: {answer}");
    }

    return payload.GetProperty(node).GetProperty(property).GetString()!;
}

static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

// A valid unified social credit code (GB 32100-2015): 17 characters and the check character.
static string CreditCode()
{
    const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    int[] weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    var first = "91420100" + string.Concat(Enumerable.Range(0, 9).Select(_ => Alphabet[Random.Shared.Next(10, 31)]));
    var sum = first.Select((c, i) => Alphabet.IndexOf(c, StringComparison.Ordinal) * weights[i]).Sum();
    return first + Alphabet[(31 - (sum % 31)) % 31];
}
