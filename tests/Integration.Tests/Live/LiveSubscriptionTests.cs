using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using IpShield.Integration.Tests.Enterprises;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.SharedKernel.Access;

namespace IpShield.Integration.Tests.Live;

/// <summary>
/// Subscriptions over GraphQL-over-SSE against the real host, on each database (ADR 0022): events come from the outbox
/// through the live-event table, each is checked against the row rules of what it is about, and a client that
/// reconnects with its last event id gets what it missed.
/// </summary>
public abstract class LiveSubscriptionTests(PlatformHost host)
{
    private const string Alerts = "subscription { deadlinesApproaching { kind daysLeft deadline { id task } } }";
    private const string Progress = "subscription($id: ID!) { importProgress(jobId: $id) { status rowsRead rowsApplied rowsFailed ended job { id ... on EnterpriseImport { fileName } } } }";

    private readonly GraphQLClient _admin = host.CreateClient();
    private readonly LiveScenario _live = new(host);

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_subscriber_sees_an_import_s_progress_to_the_end_and_the_stream_completes()
    {
        // 200 rows in batches of 4 (the test hosts' batch size): the import runs while the subscription opens.
        var file = new StringBuilder("credit_code,name_zh\n");
        for (var i = 0; i < 200; i++)
        {
            file.Append(CultureInfo.InvariantCulture, $"{EnterpriseScenario.NewCreditCode()},进度企业{i}\n");
        }

        var job = await new ImportClient(_admin).StartAsync("progress.csv", Encoding.UTF8.GetBytes(file.ToString()), Guid.NewGuid().ToString("N"));
        await using var stream = await EventStream.OpenAsync(_admin.Http, Progress, new { id = job.Str("id") });

        var steps = new List<ServerSentEvent>();
        ServerSentEvent? next;
        while ((next = await stream.NextAsync(Wait)) is { Event: "next" })
        {
            steps.Add(next);
        }

        Assert.Equal(HttpStatusCode.OK, stream.Status);
        Assert.Equal("text/event-stream", stream.ContentType);
        Assert.Equal("complete", next?.Event);
        Assert.NotEmpty(steps);
        Assert.All(steps, s => Assert.False(string.IsNullOrEmpty(s.Id), "every event carries an id to resume from"));
        Assert.Equal(steps.Select(s => s.Number).Order(), steps.Select(s => s.Number));
        var read = steps.Select(s => s.Json.At("data.importProgress.rowsRead").GetInt64()).ToList();
        Assert.Equal(read.Order(), read);
        var last = steps[^1].Json.At("data.importProgress");
        Assert.Equal("SUCCEEDED", last.Str("status"));
        Assert.True(last.At("ended").GetBoolean());
        Assert.Equal(200, last.At("rowsRead").GetInt64());
        Assert.Equal(200, last.At("rowsApplied").GetInt64());
        Assert.Equal(job.Str("id"), last.Str("job.id"));
        Assert.Equal("progress.csv", last.Str("job.fileName"));
    }

    [Fact]
    public async Task Someone_who_cannot_read_the_import_job_gets_NOT_FOUND_and_no_stream()
    {
        var job = await new ImportClient(_admin).StartAsync("hidden.csv", Encoding.UTF8.GetBytes($"credit_code,name_zh\n{EnterpriseScenario.NewCreditCode()},隐藏企业\n"), Guid.NewGuid().ToString("N"));
        var (_, own, _, _, _) = await _live.TwoWorkstationsAsync();
        var staff = host.CreateClient(await host.Identity.PersonTokenAsync(PlatformRoles.WorkstationStaff, [Key(own)]));

        await using var stream = await EventStream.OpenAsync(staff.Http, Progress, new { id = job.Str("id") });
        var first = await stream.NextAsync(Wait);
        var end = await stream.NextAsync(Wait);

        Assert.Equal("next", first?.Event);
        Assert.Equal("NOT_FOUND", first!.Json.At("errors.0.extensions.code").GetString());
        Assert.False(first.Json.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null);
        Assert.Equal("complete", end?.Event);
    }

    [Fact]
    public async Task Staff_of_another_workstation_never_receive_this_workstation_s_deadline_events()
    {
        var (_, own, other, ownDeadline, otherDeadline) = await _live.TwoWorkstationsAsync();
        var ownStaff = host.CreateClient(await host.Identity.PersonTokenAsync(PlatformRoles.WorkstationStaff, [Key(own)]));
        var otherStaff = host.CreateClient(await host.Identity.PersonTokenAsync(PlatformRoles.WorkstationStaff, [Key(other)]));
        await LiveScenario.WaitUntilVisibleAsync(ownStaff, ownDeadline.Id);
        await LiveScenario.WaitUntilVisibleAsync(otherStaff, otherDeadline.Id);
        await using var ownStream = await EventStream.OpenAsync(ownStaff.Http, Alerts);
        await using var otherStream = await EventStream.OpenAsync(otherStaff.Http, Alerts);

        await _live.RaiseAsync(ownDeadline, daysLeft: 30);
        var ownEvent = await ownStream.UntilAsync(e => DeadlineOf(e) == ownDeadline.Id, "this workstation's reminder");
        // Raised after the first is in the live table, so numbered after it: once the other workstation's staff have
        // received it, they have been offered (and refused) the first one.
        await _live.RaiseAsync(otherDeadline, daysLeft: 7);
        var otherEvent = await otherStream.UntilAsync(e => DeadlineOf(e) == otherDeadline.Id, "the other workstation's reminder");

        Assert.True(otherEvent.Number > ownEvent.Number);
        Assert.Equal(30, ownEvent.Json.At("data.deadlinesApproaching.daysLeft").GetInt32());
        Assert.Equal("APPROACHING", ownEvent.Json.Str("data.deadlinesApproaching.kind"));
        Assert.DoesNotContain(otherStream.Received, e => DeadlineOf(e) == ownDeadline.Id);
    }

    [Fact]
    public async Task Colleagues_of_one_workstation_each_get_the_event_once_with_the_result_shared_between_them()
    {
        var (_, own, _, deadline, _) = await _live.TwoWorkstationsAsync();
        var colleagues = new List<GraphQLClient>();
        for (var i = 0; i < 3; i++)
        {
            colleagues.Add(host.CreateClient(await host.Identity.PersonTokenAsync(PlatformRoles.WorkstationStaff, [Key(own)])));
        }

        await LiveScenario.WaitUntilVisibleAsync(colleagues[0], deadline.Id);
        var streams = new List<EventStream>();
        foreach (var colleague in colleagues)
        {
            streams.Add(await EventStream.OpenAsync(colleague.Http, Alerts));
        }

        try
        {
            await _live.RaiseAsync(deadline, daysLeft: 7);
            var received = new List<ServerSentEvent>();
            foreach (var stream in streams)
            {
                received.Add(await stream.UntilAsync(e => DeadlineOf(e) == deadline.Id, "the reminder, for each colleague"));
            }

            Assert.Single(received.Select(e => e.Id).Distinct());
            Assert.All(received, e => Assert.Equal(7, e.Json.At("data.deadlinesApproaching.daysLeft").GetInt32()));
            Assert.All(streams, s => Assert.Single(s.Received, e => DeadlineOf(e) == deadline.Id));
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_client_that_reconnects_with_its_last_event_id_gets_the_events_it_missed_in_order()
    {
        var (_, own, _, deadline, _) = await _live.TwoWorkstationsAsync();
        var staff = host.CreateClient(await host.Identity.PersonTokenAsync(PlatformRoles.WorkstationStaff, [Key(own)]));
        await LiveScenario.WaitUntilVisibleAsync(staff, deadline.Id);
        string lastSeen;
        await using (var first = await EventStream.OpenAsync(staff.Http, Alerts))
        {
            await _live.RaiseAsync(deadline, daysLeft: 90);
            lastSeen = (await first.UntilAsync(e => DeadlineOf(e) == deadline.Id, "the first reminder")).Id!;
        }

        // While the client is away: two more reminders reach the live table.
        var missed = new[] { await _live.RaiseAsync(deadline, daysLeft: 30), await _live.RaiseAsync(deadline, daysLeft: 7) };
        await Eventually.MatchAsync(() => _live.LiveRowsAsync(missed), rows => rows == missed.Length, "the missed reminders in the live table");

        await using var again = await EventStream.OpenAsync(staff.Http, Alerts, lastEventId: lastSeen);
        var replayed = new[]
        {
            await again.UntilAsync(e => DeadlineOf(e) == deadline.Id, "the first missed reminder"),
            await again.UntilAsync(e => DeadlineOf(e) == deadline.Id, "the second missed reminder"),
        };

        Assert.Equal([30, 7], replayed.Select(e => e.Json.At("data.deadlinesApproaching.daysLeft").GetInt32()));
        Assert.All(replayed, e => Assert.True(e.Number > long.Parse(lastSeen, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_subscription_over_plain_JSON_is_refused_and_callers_without_access_get_401_or_403_before_any_stream()
    {
        var (_, own, _, _, _) = await _live.TwoWorkstationsAsync();
        var importer = host.CreateClient(await host.Identity.ImporterTokenAsync(Key(own)));

        var plain = await _admin.PostAsync(Alerts);
        await using var badToken = await OpenWithTokenAsync("not-a-token");
        await using var anonymous = await EventStream.OpenAsync(host.CreateAnonymousClient().Http, Alerts);
        // Deadlines are for people (the Deadline type's policy): a machine client is refused before anything streams.
        await using var machine = await EventStream.OpenAsync(importer.Http, Alerts);

        Assert.Equal(HttpStatusCode.BadRequest, plain.Status);
        Assert.Equal(["SUBSCRIPTION_NEEDS_EVENT_STREAM"], plain.ErrorCodes);
        Assert.Equal(HttpStatusCode.Unauthorized, badToken.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal(HttpStatusCode.Forbidden, machine.Status);
        Assert.NotEqual("text/event-stream", machine.ContentType);
    }

    private async Task<EventStream> OpenWithTokenAsync(string token)
    {
        var http = host.Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return await EventStream.OpenAsync(http, Alerts);
    }

    private static string? DeadlineOf(ServerSentEvent e) =>
        e.Event == "next" && e.Json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? data.At("deadlinesApproaching.deadline.id").GetString()
            : null;

    private static Guid Key(string globalId) => LiveScenario.Key(globalId);
}

[Collection(MariaDbCollection.Name)]
public sealed class LiveSubscriptionsOnMariaDbTests(MariaDbHost host) : LiveSubscriptionTests(host);

[Collection(SqliteCollection.Name)]
public sealed class LiveSubscriptionsOnSqliteTests(SqliteHost host) : LiveSubscriptionTests(host);
