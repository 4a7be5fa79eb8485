using System.Globalization;
using System.Text;
using System.Text.Json;
using IpShield.Integration.Tests.Enterprises;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.SharedKernel.Access;

namespace IpShield.Integration.Tests.Live;

/// <summary>
/// Subscriptions over GraphQL-over-WebSocket (graphql-transport-ws) against the real host: the token comes in
/// connection_init and gets the same checks as a header's, each event is checked for that caller, a client resumes
/// with the last event id it got, and protocol violations close the socket with the protocol's codes.
/// </summary>
public abstract class LiveWebSocketTests(PlatformHost host)
{
    private const string Alerts = "subscription { deadlinesApproaching { kind daysLeft deadline { id } } }";
    private const string Progress = "subscription($id: ID!) { importProgress(jobId: $id) { status rowsRead rowsApplied ended } }";

    private readonly GraphQLClient _admin = host.CreateClient();
    private readonly LiveScenario _live = new(host);

    [Fact]
    public async Task A_subscriber_with_its_token_in_connection_init_sees_an_import_to_the_end_and_then_complete()
    {
        var file = new StringBuilder("credit_code,name_zh\n");
        for (var i = 0; i < 120; i++)
        {
            file.Append(CultureInfo.InvariantCulture, $"{EnterpriseScenario.NewCreditCode()},套接字企业{i}\n");
        }

        var job = await new ImportClient(_admin).StartAsync("socket.csv", Encoding.UTF8.GetBytes(file.ToString()), Guid.NewGuid().ToString("N"));
        await using var socket = await GraphQLWebSocket.ConnectAndInitAsync(host, host.AdminToken);
        await socket.SubscribeAsync("progress", Progress, new { id = job.Str("id") });

        var steps = new List<SocketMessage>();
        SocketMessage? next;
        while ((next = await socket.NextAsync()) is { Type: "next" })
        {
            steps.Add(next);
        }

        Assert.Equal("graphql-transport-ws", socket.Subprotocol);
        Assert.Equal(("complete", "progress"), (next?.Type, next?.Id));
        Assert.NotEmpty(steps);
        Assert.All(steps, s => Assert.Equal("progress", s.Id));
        var last = steps[^1].Payload.At("data.importProgress");
        Assert.Equal("SUCCEEDED", last.Str("status"));
        Assert.Equal(120, last.At("rowsApplied").GetInt64());
        Assert.True(last.At("ended").GetBoolean());
    }

    [Fact]
    public async Task Over_one_socket_each_caller_gets_only_what_it_may_read_and_resumes_after_its_last_event_id()
    {
        var (_, own, other, ownDeadline, otherDeadline) = await _live.TwoWorkstationsAsync();
        var ownToken = await host.Identity.PersonTokenAsync(PlatformRoles.WorkstationStaff, [LiveScenario.Key(own)]);
        var otherToken = await host.Identity.PersonTokenAsync(PlatformRoles.WorkstationStaff, [LiveScenario.Key(other)]);
        await LiveScenario.WaitUntilVisibleAsync(host.CreateClient(ownToken), ownDeadline.Id);
        await LiveScenario.WaitUntilVisibleAsync(host.CreateClient(otherToken), otherDeadline.Id);

        long lastSeen;
        await using (var ownSocket = await GraphQLWebSocket.ConnectAndInitAsync(host, ownToken))
        await using (var otherSocket = await GraphQLWebSocket.ConnectAndInitAsync(host, otherToken))
        {
            await ownSocket.SubscribeAsync("a", Alerts);
            await otherSocket.SubscribeAsync("a", Alerts);
            // A query on the same socket beside the subscription: one result, then its own complete.
            await ownSocket.SubscribeAsync("q", "{ viewer { kind } }");
            var answer = await ownSocket.UntilAsync(m => m.Id == "q" && m.Type == "next", "the query's result");
            Assert.Equal("PERSON", answer.Payload.Str("data.viewer.kind"));
            await ownSocket.UntilAsync(m => m.Id == "q" && m.Type == "complete", "the query's complete");

            await _live.RaiseAsync(ownDeadline, daysLeft: 90);
            var ownEvent = await ownSocket.UntilAsync(m => DeadlineOf(m) == ownDeadline.Id, "this workstation's reminder");
            await _live.RaiseAsync(otherDeadline, daysLeft: 30);
            var otherEvent = await otherSocket.UntilAsync(m => DeadlineOf(m) == otherDeadline.Id, "the other workstation's reminder");

            Assert.True(otherEvent.EventId > ownEvent.EventId);
            Assert.DoesNotContain(otherSocket.Received, m => DeadlineOf(m) == ownDeadline.Id);
            lastSeen = ownEvent.EventId!.Value;
        }

        var missed = new[] { await _live.RaiseAsync(ownDeadline, daysLeft: 30), await _live.RaiseAsync(ownDeadline, daysLeft: 7) };
        await Eventually.MatchAsync(() => _live.LiveRowsAsync(missed), rows => rows == missed.Length, "the missed reminders in the live table");
        await using var again = await GraphQLWebSocket.ConnectAndInitAsync(host, ownToken);
        await again.SubscribeAsync("a", Alerts, extensions: new { lastEventId = lastSeen.ToString(CultureInfo.InvariantCulture) });
        var replayed = new[]
        {
            await again.UntilAsync(m => DeadlineOf(m) == ownDeadline.Id, "the first missed reminder"),
            await again.UntilAsync(m => DeadlineOf(m) == ownDeadline.Id, "the second missed reminder"),
        };

        Assert.Equal([30, 7], replayed.Select(m => m.Payload.At("data.deadlinesApproaching.daysLeft").GetInt32()));
        Assert.All(replayed, m => Assert.True(m.EventId > lastSeen));
    }

    [Fact]
    public async Task A_token_that_does_not_validate_closes_the_socket_as_forbidden_and_never_falls_back_to_anonymous()
    {
        await using var socket = await GraphQLWebSocket.ConnectAsync(host);

        await socket.InitAsync("not-a-token");
        var closed = await socket.NextAsync();

        Assert.Null(closed);
        Assert.Equal(4403, (int?)socket.CloseStatus);
        Assert.Equal("Forbidden", socket.CloseReason);
    }

    [Fact]
    public async Task Protocol_violations_close_with_the_protocol_s_codes()
    {
        await using var noSubprotocol = await GraphQLWebSocket.ConnectAsync(host, subprotocol: null);
        Assert.Null(await noSubprotocol.NextAsync());
        Assert.Equal(4406, (int?)noSubprotocol.CloseStatus);

        await using var early = await GraphQLWebSocket.ConnectAsync(host);
        await early.SubscribeAsync("1", Alerts);
        Assert.Null(await early.NextAsync());
        Assert.Equal(4401, (int?)early.CloseStatus);

        await using var twice = await GraphQLWebSocket.ConnectAndInitAsync(host, host.AdminToken);
        await twice.InitAsync(host.AdminToken);
        Assert.Null(await twice.NextAsync());
        Assert.Equal(4429, (int?)twice.CloseStatus);

        await using var garbage = await GraphQLWebSocket.ConnectAndInitAsync(host, host.AdminToken);
        await garbage.SendTextAsync("{ not json");
        Assert.Null(await garbage.NextAsync());
        Assert.Equal(4400, (int?)garbage.CloseStatus);

        await using var duplicate = await GraphQLWebSocket.ConnectAndInitAsync(host, host.AdminToken);
        await duplicate.SubscribeAsync("same", Alerts);
        await duplicate.SubscribeAsync("same", Alerts);
        Assert.Null(await duplicate.NextAsync());
        Assert.Equal(4409, (int?)duplicate.CloseStatus);
    }

    [Fact]
    public async Task Pings_are_answered_and_refused_operations_get_an_error_message_with_typed_codes()
    {
        var (_, own, _, _, _) = await _live.TwoWorkstationsAsync();
        await using var importer = await GraphQLWebSocket.ConnectAndInitAsync(host, await host.Identity.ImporterTokenAsync(LiveScenario.Key(own)));

        await importer.SendAsync(new { type = "ping" });
        var pong = await importer.NextAsync();
        // Deadlines are for people: a machine client is refused before anything streams, as over HTTP.
        await importer.SubscribeAsync("machine", Alerts);
        var forbidden = await importer.NextAsync();
        await importer.SubscribeAsync("broken", "subscription($id: ID!) { importProgress(jobId: $id) { nope } }", new { id = "x" });
        var invalid = await importer.NextAsync();
        // The socket stays usable after refused operations.
        await importer.SubscribeAsync("fine", "{ viewer { kind } }");
        var fine = await importer.NextAsync();

        Assert.Equal("pong", pong?.Type);
        Assert.Equal(("error", "machine"), (forbidden?.Type, forbidden?.Id));
        Assert.Equal(JsonValueKind.Array, forbidden!.Payload.ValueKind);
        Assert.Equal("FORBIDDEN", forbidden.Payload[0].At("extensions.code").GetString());
        Assert.Equal(("error", "broken"), (invalid?.Type, invalid?.Id));
        Assert.NotEqual("FORBIDDEN", invalid!.Payload[0].At("extensions.code").GetString());
        Assert.Equal("CLIENT", fine!.Payload.Str("data.viewer.kind"));
    }

    private static string? DeadlineOf(SocketMessage m) =>
        m.Type == "next" && m.Payload.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? data.At("deadlinesApproaching.deadline.id").GetString()
            : null;
}

[Collection(MariaDbCollection.Name)]
public sealed class LiveWebSocketOnMariaDbTests(MariaDbHost host) : LiveWebSocketTests(host);

[Collection(SqliteCollection.Name)]
public sealed class LiveWebSocketOnSqliteTests(SqliteHost host) : LiveWebSocketTests(host);
