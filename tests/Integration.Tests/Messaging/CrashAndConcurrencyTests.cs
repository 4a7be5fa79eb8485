using IpShield.Integration.Tests.Infrastructure;

namespace IpShield.Integration.Tests.Messaging;

/// <summary>The outbox against process death and against several hosts sharing one MariaDB, with real processes.</summary>
public sealed class CrashAndConcurrencyTests
{
    private static async Task<(string ConnectionString, Dictionary<string, string> Settings)> DatabaseAsync()
    {
        var connectionString = await TestDatabases.CreateMariaDbAsync("msg");
        return (connectionString, new Dictionary<string, string>
        {
            ["ConnectionStrings:MySql"] = connectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Demo:Seed"] = "false",
        });
    }

    [Fact]
    public async Task An_event_committed_just_before_the_process_dies_is_delivered_exactly_once_after_restart()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var (database, settings) = await DatabaseAsync();
        try
        {
            // A host whose relay never runs stands for a crash between commit and publish.
            string workstation;
            await using (var crashing = await HostProcess.StartAsync(new Dictionary<string, string>(settings) { ["Messaging:RelayEnabled"] = "false" }, cancellation))
            {
                var scenario = new MessagingScenario(await crashing.AdminClientAsync());
                workstation = await scenario.OpenWorkstationAsync();
                for (var i = 0; i < 5; i++)
                {
                    await scenario.RecordConsultationAsync(workstation);
                }

                Assert.Equal(0, await scenario.ConsultationsAsync(workstation));
                await crashing.KillAsync();
            }

            Assert.Equal(5, await MariaDbSql.ScalarAsync(database, "SELECT COUNT(*) FROM ws_outbox WHERE PublishedAt IS NULL AND Type = 'workstations.service-recorded.v1'"));

            await using var restarted = await HostProcess.StartAsync(settings, cancellation);
            var after = new MessagingScenario(await restarted.AdminClientAsync());
            await after.ConsultationsEventuallyAsync(workstation, 5);
            await Eventually.MatchAsync(() => MariaDbSql.ScalarAsync(database, "SELECT COUNT(*) FROM ws_outbox WHERE PublishedAt IS NULL"), n => n == 0, "the outbox to drain");
            Assert.Equal(5, await MariaDbSql.ScalarAsync(database, "SELECT COUNT(*) FROM ws_inbox"));
        }
        finally
        {
            await TestDatabases.DropMariaDbAsync(database);
        }
    }

    [Fact]
    public async Task Two_hosts_relaying_one_database_at_once_apply_every_event_exactly_once()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var (database, settings) = await DatabaseAsync();
        const int events = 120;
        try
        {
            string workstation;
            await using (var writer = await HostProcess.StartAsync(new Dictionary<string, string>(settings) { ["Messaging:RelayEnabled"] = "false" }, cancellation))
            {
                var scenario = new MessagingScenario(await writer.AdminClientAsync());
                workstation = await scenario.OpenWorkstationAsync();
                for (var i = 0; i < events; i++)
                {
                    await scenario.RecordConsultationAsync(workstation);
                }
            }

            // Small batches and short claims make the two relays interleave and take over each other's work.
            var racing = new Dictionary<string, string>(settings) { ["Messaging:BatchSize"] = "5", ["Messaging:ClaimFor"] = "00:00:01" };
            var first = HostProcess.StartAsync(racing, cancellation);
            var second = HostProcess.StartAsync(racing, cancellation);
            await using var a = await first;
            await using var b = await second;

            await new MessagingScenario(await a.AdminClientAsync()).ConsultationsEventuallyAsync(workstation, events);
            await Eventually.MatchAsync(() => MariaDbSql.ScalarAsync(database, "SELECT COUNT(*) FROM ws_outbox WHERE PublishedAt IS NULL"), n => n == 0, "the outbox to drain");
            Assert.Equal(events, await new MessagingScenario(await b.AdminClientAsync()).ConsultationsAsync(workstation));
            Assert.Equal(events, await MariaDbSql.ScalarAsync(database, "SELECT COUNT(*) FROM ws_inbox"));
            Assert.Equal(0, await MariaDbSql.ScalarAsync(database, "SELECT COUNT(*) FROM ws_dead_letters"));
        }
        finally
        {
            await TestDatabases.DropMariaDbAsync(database);
        }
    }
}
