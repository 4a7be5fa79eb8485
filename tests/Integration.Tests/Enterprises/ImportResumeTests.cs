using IpShield.Integration.Tests.Infrastructure;
using static IpShield.Integration.Tests.Enterprises.InterruptedImport;

namespace IpShield.Integration.Tests.Enterprises;

/// <summary>
/// The host is killed mid-import (no graceful shutdown) and started again: the job resumes after its last
/// committed batch and ends in exactly the state an uninterrupted run reaches. Real processes, real MariaDB.
/// </summary>
public sealed class ImportResumeTests() : InterruptedImportTest("resume")
{

    [Fact]
    public async Task A_host_killed_mid_import_resumes_to_the_same_final_state_as_an_uninterrupted_run()
    {
        var file = RegistryFile();
        var cancellation = TestContext.Current.CancellationToken;

        var uninterrupted = await NewDatabaseAsync();
        await using (var host = await StartHostAsync(uninterrupted, Folder, cancellation))
        {
            var imports = new ImportClient(await host.AdminClientAsync());
            var job = await imports.ImportAsync("registry.csv", file, "registry-once");
            Assert.Equal("SUCCEEDED", job.Str("status"));
        }

        var interrupted = await NewDatabaseAsync();
        string jobId;
        long committedWhenKilled;
        await using (var host = await StartHostAsync(interrupted, Folder, cancellation))
        {
            var imports = new ImportClient(await host.AdminClientAsync());
            jobId = (await imports.StartAsync("registry.csv", file, "registry-killed")).Str("id");
            committedWhenKilled = (await WaitForFirstBatchesAsync(interrupted, cancellation)).LastLine;
            await host.KillAsync();
        }

        var stateAfterKill = await JobStateAsync(interrupted);
        await using (var host = await StartHostAsync(interrupted, Folder, cancellation))
        {
            var job = await new ImportClient(await host.AdminClientAsync()).WaitAsync(jobId);
            Assert.Equal("SUCCEEDED", job.Str("status"));
        }

        Assert.True(committedWhenKilled > 0 && stateAfterKill.MidImport, $"The kill did not land mid-import: {stateAfterKill}");
        Assert.Equal(await EnterprisesAsync(uninterrupted), await EnterprisesAsync(interrupted));
        Assert.Equal(await ErrorsAsync(uninterrupted), await ErrorsAsync(interrupted));
        var (once, resumed) = (await JobStateAsync(uninterrupted), await JobStateAsync(interrupted));
        Assert.Equal(once with { Attempts = 0 }, resumed with { Attempts = 0 });
        Assert.Equal(2, resumed.Attempts);
    }
}
