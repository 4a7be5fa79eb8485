using System.Text.Json;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.SharedKernel.GraphQL.Relay;

namespace IpShield.Integration.Tests.Messaging;

/// <summary>Events go from a module's outbox to its subscribers exactly once, on MariaDB.</summary>
[Collection(MessagingCollection.Name)]
public sealed class OutboxDeliveryTests(MessagingHost host)
{
    private readonly GraphQLClient _client = host.CreateClient();

    private MessagingScenario Scenario => new(_client);

    [Fact]
    public async Task Each_recorded_service_is_counted_once_in_its_month()
    {
        var workstation = await Scenario.OpenWorkstationAsync();

        await Scenario.RecordConsultationAsync(workstation, "2025-06-10");
        await Scenario.RecordConsultationAsync(workstation, "2025-06-11");
        await Scenario.RecordConsultationAsync(workstation, "2025-07-01");

        await Scenario.ConsultationsEventuallyAsync(workstation, 3);
        var months = (await _client.DataAsync("query($id: ID!) { node(id: $id) { ... on Workstation { monthlyServiceStats { month consultations } } } }", new { id = workstation }))
            .At("node.monthlyServiceStats").EnumerateArray().Select(m => (m.Str("month"), m.At("consultations").GetInt32()));
        Assert.Equal([("2025-07-01", 1), ("2025-06-01", 2)], months);
    }

    [Fact]
    public async Task A_redelivered_event_changes_nothing()
    {
        var workstation = await Scenario.OpenWorkstationAsync();
        await Scenario.RecordConsultationAsync(workstation);
        await Scenario.ConsultationsEventuallyAsync(workstation, 1);
        var key = RawKey(workstation);

        // Make the relay believe it never delivered the event: it goes out to the subscriber a second time.
        await MariaDbSql.ExecuteAsync(host.ConnectionString, $"""
            DELETE d FROM ws_outbox_deliveries d JOIN ws_outbox o ON o.Id = d.MessageId WHERE o.Payload LIKE '%{key}%' AND o.Type = 'workstations.service-recorded.v1';
            UPDATE ws_outbox SET PublishedAt = NULL, NextAttemptAt = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE Payload LIKE '%{key}%' AND Type = 'workstations.service-recorded.v1';
            """);
        await Eventually.MatchAsync(
            () => MariaDbSql.ScalarAsync(host.ConnectionString, $"SELECT COUNT(*) FROM ws_outbox WHERE Payload LIKE '%{key}%' AND Type = 'workstations.service-recorded.v1' AND PublishedAt IS NULL"),
            pending => pending == 0,
            "the event to be delivered again");

        Assert.Equal(1, await Scenario.ConsultationsAsync(workstation));
        Assert.Equal(1, await MariaDbSql.ScalarAsync(host.ConnectionString, $"SELECT COUNT(*) FROM ws_inbox i JOIN ws_outbox o ON o.Id = i.MessageId WHERE o.Payload LIKE '%{key}%' AND o.Type = 'workstations.service-recorded.v1'"));
    }

    [Fact]
    public async Task An_event_its_subscriber_keeps_failing_on_becomes_a_dead_letter_and_replay_applies_it_once_fixed()
    {
        var workstation = await Scenario.OpenWorkstationAsync();
        var key = RawKey(workstation);
        await MariaDbSql.ExecuteAsync(host.ConnectionString, "RENAME TABLE ws_monthly_service_stats TO ws_monthly_service_stats_away");
        try
        {
            await Scenario.RecordConsultationAsync(workstation);
            await Eventually.MatchAsync(() => Scenario.DeadLettersAsync(), letters => letters.Any(l => l.Str("payload").Contains(key, StringComparison.Ordinal)), "the event to be dead-lettered");
        }
        finally
        {
            await MariaDbSql.ExecuteAsync(host.ConnectionString, "RENAME TABLE ws_monthly_service_stats_away TO ws_monthly_service_stats");
        }

        var dead = (await Scenario.DeadLettersAsync()).Single(l => l.Str("payload").Contains(key, StringComparison.Ordinal));
        var ready = await _client.Http.GetStringAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        var replay = await _client.DataAsync("mutation($id: ID!) { replayDeadLetter(id: $id) { deadLetter { replayedAt } errors { code message } } }", new { id = dead.Str("id") });

        Assert.Equal("Workstations", dead.Str("module"));
        Assert.Equal("workstations.service-recorded.v1", dead.Str("type"));
        Assert.Equal(5, dead.At("attempts").GetInt32());
        Assert.Contains("ws_monthly_service_stats", dead.Str("error"), StringComparison.Ordinal);
        Assert.Matches("\"deadLetters\":[1-9]", ready);
        Assert.Equal(0, replay.At("replayDeadLetter.errors").GetArrayLength());
        Assert.NotEqual(JsonValueKind.Null, replay.At("replayDeadLetter.deadLetter.replayedAt").ValueKind);
        Assert.Equal(1, await Scenario.ConsultationsAsync(workstation));
        Assert.DoesNotContain(await Scenario.DeadLettersAsync(), l => l.Str("payload").Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_nobody_subscribes_to_is_kept_in_the_outbox_and_published_without_a_delivery()
    {
        // WorkstationOpened has no subscriber yet; it is written all the same, so no event hangs on a routing look-up.
        var workstation = await Scenario.OpenWorkstationAsync();
        var opened = $"o.Type = 'workstations.workstation-opened.v1' AND o.Payload LIKE '%{RawKey(workstation)}%'";

        await Eventually.MatchAsync(() => MariaDbSql.ScalarAsync(host.ConnectionString, $"SELECT COUNT(*) FROM ws_outbox o WHERE {opened} AND o.PublishedAt IS NOT NULL"), n => n == 1, "the event to be published");

        Assert.Equal(0, await MariaDbSql.ScalarAsync(host.ConnectionString, $"SELECT COUNT(*) FROM ws_outbox_deliveries d JOIN ws_outbox o ON o.Id = d.MessageId WHERE {opened}"));
    }

    private static string RawKey(string globalId)
    {
        Assert.True(GlobalId.TryDecode(globalId, out _, out var key));
        return key.ToString();
    }
}
