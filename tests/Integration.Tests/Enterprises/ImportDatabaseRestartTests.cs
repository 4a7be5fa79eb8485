using IpShield.Integration.Tests.Infrastructure;
using static IpShield.Integration.Tests.Enterprises.InterruptedImport;

namespace IpShield.Integration.Tests.Enterprises;

/// <summary>
/// The database server is shut down mid-import and started again a few seconds later, data intact, while the host
/// keeps running: the job retries from its last committed batch and ends in exactly the state an uninterrupted run
/// reaches. The test runs its own MariaDB server, so stopping it disturbs no other test class.
/// </summary>
public sealed class ImportDatabaseRestartTests : IAsyncLifetime
{
    /// <summary>Longer than the runner's 2-second retry, so at least one retry finds the database down.</summary>
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(3);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ipshield-tests", $"restart-{Guid.NewGuid():N}");
    private OwnMariaDbServer? _server;

    [Fact]
    public async Task A_database_restart_mid_import_ends_in_the_same_final_state_as_an_uninterrupted_run()
    {
        var file = RegistryFile();
        var cancellation = TestContext.Current.CancellationToken;
        var server = _server = await OwnMariaDbServer.StartAsync(cancellation);

        var uninterrupted = await server.CreateDatabaseAsync("once");
        await using (var host = await StartHostAsync(uninterrupted, _folder, cancellation))
        {
            var imports = new ImportClient(await host.AdminClientAsync());
            var job = await imports.ImportAsync("registry.csv", file, "registry-once");
            Assert.Equal("SUCCEEDED", job.Str("status"));
        }

        var restarted = await server.CreateDatabaseAsync("restart");
        await using (var host = await StartHostAsync(restarted, _folder, cancellation))
        {
            var imports = new ImportClient(await host.AdminClientAsync());
            var jobId = (await imports.StartAsync("registry.csv", file, "registry-restart")).Str("id");
            var beforeStop = await WaitForFirstBatchesAsync(restarted, cancellation);
            Assert.True(beforeStop.MidImport, $"The database would not go down mid-import: {beforeStop}");
            await server.StopAsync(cancellation);
            await Task.Delay(Downtime, cancellation);
            await server.ResumeAsync(cancellation);

            Assert.False(host.HasExited, $"The host did not survive the database restart; its last output:\n{host.LastOutput}");
            var job = await imports.WaitAsync(jobId);
            Assert.True(job.Str("status") == "SUCCEEDED", $"The job did not succeed after the restart: {job}");
        }

        Assert.Equal(await EnterprisesAsync(uninterrupted), await EnterprisesAsync(restarted));
        Assert.Equal(await ErrorsAsync(uninterrupted), await ErrorsAsync(restarted));
        Assert.Equal(await OutboxEventsAsync(uninterrupted), await OutboxEventsAsync(restarted));
        var (once, interrupted) = (await JobStateAsync(uninterrupted), await JobStateAsync(restarted));
        Assert.Equal(once with { Attempts = 0 }, interrupted with { Attempts = 0 });
        // A job that had ended before the database went down would have needed one attempt only.
        Assert.True(interrupted.Attempts >= 2, $"The restart did not interrupt the job: {interrupted}");
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
