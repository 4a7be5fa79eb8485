using IpShield.Integration.Tests.Infrastructure;
using static IpShield.Integration.Tests.Enterprises.InterruptedImport;

namespace IpShield.Integration.Tests.Enterprises;

/// <summary>
/// Two hosts on one database and one shared imports folder, as a scaled-out deployment runs them: a job is worked
/// on by one host only, and when that host dies the other takes the job over once its lease is void, ending in the
/// state an uninterrupted run reaches. Real processes, real MariaDB.
/// </summary>
public sealed class ImportLeaseTests() : InterruptedImportTest("lease")
{
    /// <summary>
    /// A short lease, so the other host looks again (and could wrongly take the job) within the test. 6 s: a holder that
    /// cannot renew its lease for longer than that has rightly lost it, and on a loaded machine (the suite beside other
    /// builds) a host was starved past 1 s and past 3 s leases, so the other host correctly took the job over.
    /// </summary>
    private const int LeaseSeconds = 6;

    private static readonly Dictionary<string, string> ShortLease = new() { ["Imports__LeaseSeconds"] = $"{LeaseSeconds}" };


    [Fact]
    public async Task Of_two_hosts_only_one_runs_an_import_and_the_other_finishes_it_when_the_first_dies()
    {
        // Four times the usual file, so the import still runs after the first batches and a lease's time on a quiet
        // machine (40,000 rows were done within 11 s).
        var file = RegistryFile(4 * Rows);
        var cancellation = TestContext.Current.CancellationToken;

        var uninterrupted = await NewDatabaseAsync();
        await using (var host = await StartHostAsync(uninterrupted, Folder, cancellation))
        {
            var job = await new ImportClient(await host.AdminClientAsync()).ImportAsync("registry.csv", file, "registry-once");
            Assert.Equal("SUCCEEDED", job.Str("status"));
        }

        var shared = await NewDatabaseAsync();
        await using var first = await StartHostAsync(shared, Folder, cancellation, ShortLease);
        await using var second = await StartHostAsync(shared, Folder, cancellation, ShortLease);
        var jobId = (await new ImportClient(await first.AdminClientAsync()).StartAsync("registry.csv", file, "registry-shared")).Str("id");
        await WaitForFirstBatchesAsync(shared, cancellation);
        var holder = await LeaseHolderAsync(shared);

        // Longer than the lease: the second host has looked at the job and must have left it alone.
        await Task.Delay(TimeSpan.FromSeconds(LeaseSeconds + 1), cancellation);
        var whileBothRan = await JobStateAsync(shared);
        var holderWhileBothRan = await LeaseHolderAsync(shared);
        // Either host may have claimed the job (a runner on each looks for work): the one holding the lease dies.
        var (working, survivor) = HolderIs(first, holder) ? (first, second) : (second, first);
        await working.KillAsync();

        var finished = await new ImportClient(await survivor.AdminClientAsync()).WaitAsync(jobId);
        Assert.Equal("SUCCEEDED", finished.Str("status"));

        Assert.True(whileBothRan.MidImport, $"The first host finished before it was killed, so nothing was taken over: {whileBothRan}");
        // The second host never took the job while the first held it. (The holder may have run a batch again after a
        // collision with another transaction; that is its own business, so attempts are not compared here.)
        Assert.True(holder == holderWhileBothRan, $"{whileBothRan}\nFirst host:\n{first.LastOutput}\nSecond host:\n{second.LastOutput}");
        Assert.Equal(await EnterprisesAsync(uninterrupted), await EnterprisesAsync(shared));
        Assert.Equal(await ErrorsAsync(uninterrupted), await ErrorsAsync(shared));
        var (once, takenOver) = (await JobStateAsync(uninterrupted), await JobStateAsync(shared));
        Assert.Equal(once with { Attempts = 0 }, takenOver with { Attempts = 0 });
        Assert.True(takenOver.Attempts >= 2, $"The job was not taken over after its holder died: {takenOver}");
        Assert.Equal("∅", await LeaseHolderAsync(shared)); // a finished job holds no lease
    }

    /// <summary>Lease holders are written <c>machine:process id:instance</c> (the machine name may be cut short).</summary>
    private static bool HolderIs(HostProcess host, string holder) =>
        holder.Split(':') is { Length: >= 2 } parts && parts[^2] == host.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
