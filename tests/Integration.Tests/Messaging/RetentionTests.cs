using IpShield.Integration.Tests.Infrastructure;
using IpShield.SharedKernel.GraphQL.Relay;

namespace IpShield.Integration.Tests.Messaging;

/// <summary>
/// The messaging tables do not grow forever: what is past <c>Messaging:RetainFor</c> (7 days) is pruned in the
/// background, on MariaDB. Rows are aged by moving their timestamps back, as the clock would have moved.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class RetentionTests(MessagingHost host)
{
    private const string Subscriber = "local://ipshield.workstations.messaging.servicerecordedhandler/";
    private const string EmptyPayload = "{}";
    private readonly GraphQLClient _client = host.CreateClient();

    private MessagingScenario Scenario => new(_client);

    [Fact]
    public async Task Published_events_past_their_retention_go_with_their_deliveries_while_unpublished_and_recent_ones_stay()
    {
        var workstation = await Scenario.OpenWorkstationAsync();
        await Scenario.RecordConsultationAsync(workstation, "2025-06-10");
        await Scenario.RecordConsultationAsync(workstation, "2025-06-11");
        await Scenario.ConsultationsEventuallyAsync(workstation, 2);
        var events = await EventsOfAsync(workstation);
        await PublishedEventuallyAsync(events);
        var (old, recent) = (events[0], events[1]);
        var waiting = Guid.CreateVersion7();
        await SqlAsync($"""
            UPDATE ws_outbox SET CreatedAt = CreatedAt - INTERVAL 8 DAY, PublishedAt = PublishedAt - INTERVAL 8 DAY WHERE Id = '{old}';
            INSERT INTO ws_outbox (Id, Type, Payload, OccurredAt, CreatedAt, PublishedAt, Attempts, NextAttemptAt)
              VALUES ('{waiting}', 'workstations.service-recorded.v1', '{EmptyPayload}', UTC_TIMESTAMP(6) - INTERVAL 30 DAY, UTC_TIMESTAMP(6) - INTERVAL 30 DAY, NULL, 0, UTC_TIMESTAMP(6) + INTERVAL 1 YEAR);
            """);
        try
        {
            await Eventually.MatchAsync(() => CountAsync($"SELECT COUNT(*) FROM ws_outbox WHERE Id = '{old}'"), n => n == 0, "the old published event to be pruned");

            Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM ws_outbox_deliveries WHERE MessageId = '{old}'"));
            Assert.Equal(1, await CountAsync($"SELECT COUNT(*) FROM ws_outbox WHERE Id = '{recent}'"));
            Assert.Equal(1, await CountAsync($"SELECT COUNT(*) FROM ws_outbox_deliveries WHERE MessageId = '{recent}'"));
            Assert.Equal(1, await CountAsync($"SELECT COUNT(*) FROM ws_outbox WHERE Id = '{waiting}'"));
        }
        finally
        {
            await SqlAsync($"DELETE FROM ws_outbox WHERE Id = '{waiting}'");
        }
    }

    [Fact]
    public async Task Inbox_rows_past_their_retention_are_pruned_except_those_of_a_dead_letter()
    {
        var workstation = await Scenario.OpenWorkstationAsync();
        await Scenario.RecordConsultationAsync(workstation);
        await Scenario.ConsultationsEventuallyAsync(workstation, 1);
        var recent = (await EventsOfAsync(workstation)).Single();
        var (old, replayed) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await SqlAsync($"""
            INSERT INTO ws_inbox (MessageId, Subscriber, HandledAt, OccurredAt) VALUES
              ('{old}', '{Subscriber}', UTC_TIMESTAMP(6) - INTERVAL 8 DAY, UTC_TIMESTAMP(6) - INTERVAL 8 DAY),
              ('{replayed}', '{Subscriber}', UTC_TIMESTAMP(6) - INTERVAL 8 DAY, UTC_TIMESTAMP(6) - INTERVAL 9 DAY);
            INSERT INTO ws_dead_letters (Id, MessageId, Type, Payload, Subscriber, Error, Attempts, FailedAt, ReplayedAt)
              VALUES ('{Guid.CreateVersion7()}', '{replayed}', 'workstations.service-recorded.v1', '{EmptyPayload}', '{Subscriber}', 'broken, then fixed', 5, UTC_TIMESTAMP(6) - INTERVAL 9 DAY, UTC_TIMESTAMP(6) - INTERVAL 8 DAY);
            """);

        await Eventually.MatchAsync(() => CountAsync($"SELECT COUNT(*) FROM ws_inbox WHERE MessageId = '{old}'"), n => n == 0, "the old inbox row to be pruned");

        Assert.Equal(1, await CountAsync($"SELECT COUNT(*) FROM ws_inbox WHERE MessageId = '{recent}'"));
        Assert.Equal(1, await CountAsync($"SELECT COUNT(*) FROM ws_inbox WHERE MessageId = '{replayed}'"));
    }

    [Fact]
    public async Task An_inbox_row_outlives_its_retention_while_an_older_event_still_waits_in_an_outbox()
    {
        // An event that has waited ten days (the hosts were down, say) may still be delivered again: the inbox rows
        // written since it was written are what keep such a redelivery from applying twice.
        var (waiting, handledAfter, handledBefore) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await SqlAsync($"""
            INSERT INTO ent_outbox (Id, Type, Payload, OccurredAt, CreatedAt, PublishedAt, Attempts, NextAttemptAt)
              VALUES ('{waiting}', 'enterprises.enterprise-settled.v1', '{EmptyPayload}', UTC_TIMESTAMP(6) - INTERVAL 10 DAY, UTC_TIMESTAMP(6) - INTERVAL 10 DAY, NULL, 0, UTC_TIMESTAMP(6) + INTERVAL 1 YEAR);
            INSERT INTO ws_inbox (MessageId, Subscriber, HandledAt, OccurredAt) VALUES
              ('{handledAfter}', '{Subscriber}', UTC_TIMESTAMP(6) - INTERVAL 9 DAY, UTC_TIMESTAMP(6) - INTERVAL 9 DAY),
              ('{handledBefore}', '{Subscriber}', UTC_TIMESTAMP(6) - INTERVAL 11 DAY, UTC_TIMESTAMP(6) - INTERVAL 11 DAY);
            """);
        try
        {
            await Eventually.MatchAsync(() => CountAsync($"SELECT COUNT(*) FROM ws_inbox WHERE MessageId = '{handledBefore}'"), n => n == 0, "the inbox row older than the waiting event to be pruned");

            Assert.Equal(1, await CountAsync($"SELECT COUNT(*) FROM ws_inbox WHERE MessageId = '{handledAfter}'"));
        }
        finally
        {
            await SqlAsync($"DELETE FROM ent_outbox WHERE Id = '{waiting}'");
        }
    }

    /// <summary>The outbox ids of the ServiceRecorded events of one workstation, oldest first.</summary>
    private async Task<List<Guid>> EventsOfAsync(string workstation)
    {
        Assert.True(GlobalId.TryDecode(workstation, out _, out var key));
        await using var connection = new MySqlConnector.MySqlConnection(host.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new MySqlConnector.MySqlCommand($"SELECT Id FROM ws_outbox WHERE Type = 'workstations.service-recorded.v1' AND Payload LIKE '%{key}%' ORDER BY CreatedAt", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private Task PublishedEventuallyAsync(List<Guid> events) =>
        Eventually.MatchAsync(
            () => CountAsync($"SELECT COUNT(*) FROM ws_outbox WHERE PublishedAt IS NULL AND Id IN ({string.Join(", ", events.Select(e => $"'{e}'"))})"),
            n => n == 0,
            "the events to be published");

    private Task<long> CountAsync(string sql) => MariaDbSql.ScalarAsync(host.ConnectionString, sql);

    private Task SqlAsync(string sql) => MariaDbSql.ExecuteAsync(host.ConnectionString, sql);
}
