using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Messaging;
using IpShield.SharedKernel.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Integration.Tests.Platform;

/// <summary>The embedded SQLite default under several writers at once, as a workstation's staff use it.</summary>
[Collection(SqliteCollection.Name)]
public sealed class EmbeddedDatabaseTests(SqliteHost host)
{
    private readonly GraphQLClient _client = host.CreateClient();

    [Fact]
    public async Task The_embedded_database_keeps_a_write_ahead_log_so_readers_and_the_writer_do_not_block_each_other()
    {
        await using var connection = new SqliteConnection(host.Services.GetRequiredService<DatabaseOptions>().ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Sixteen_clients_recording_services_at_once_all_succeed_and_every_service_is_counted()
    {
        var scenario = new MessagingScenario(_client);
        var workstation = await scenario.OpenWorkstationAsync();

        await Parallel.ForEachAsync(
            Enumerable.Range(0, 64),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = TestContext.Current.CancellationToken },
            async (_, _) => await scenario.RecordConsultationAsync(workstation));

        await scenario.ConsultationsEventuallyAsync(workstation, 64);
    }
}
