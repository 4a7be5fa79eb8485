using IpShield.SharedKernel.Statistics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Tests;

/// <summary>
/// A statistics section's statements side by side (ADR 0038), on a SQLite file: with spare connections each group runs on
/// a context of its own at the same time as the others; without, all run one after another on the section's context; a
/// failing group fails the whole once the others have ended, and gives its spare connection back.
/// </summary>
public sealed class StatisticsReadsTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ipshield-reads-{Guid.NewGuid():N}.db");
    private ServiceProvider _services = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _services = Services(spareReads: 2);
        await using var scope = _services.CreateAsyncScope();
        var shop = scope.ServiceProvider.GetRequiredService<TestShop>();
        await shop.Database.EnsureCreatedAsync(Cancellation);
        shop.Sales.AddRange(new TestSale { Units = 3 }, new TestSale { Units = 4 });
        await shop.SaveChangesAsync(Cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public async Task With_spare_connections_the_groups_run_at_the_same_time_each_on_a_context_of_its_own()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestShop>();
        var reads = _services.GetRequiredService<StatisticsReads>();
        var together = new Arrivals(3);
        var contexts = new TestShop[3];
        var units = new int[3];

        Func<TestShop, CancellationToken, Task> Group(int index) => async (context, ct) =>
        {
            contexts[index] = context;
            await together.ArriveAndWaitForAllAsync(ct);
            units[index] = await context.Sales.SumAsync(s => s.Units, ct);
        };

        await reads.RunAsync(db, Cancellation, Group(0), Group(1), Group(2));

        Assert.Same(db, contexts[0]);
        Assert.Equal(3, contexts.Distinct().Count());
        Assert.Equal([7, 7, 7], units);
    }

    [Fact]
    public async Task Without_spare_connections_the_groups_run_one_after_another_on_the_sections_own_context()
    {
        await using var services = Services(spareReads: 0);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestShop>();
        var ran = new List<(int Group, TestShop Context, int Units)>();

        Func<TestShop, CancellationToken, Task> Group(int index) => async (context, ct) =>
            ran.Add((index, context, await context.Sales.SumAsync(s => s.Units, ct)));

        await services.GetRequiredService<StatisticsReads>().RunAsync(db, Cancellation, Group(0), Group(1), Group(2));

        Assert.Equal([(0, db, 7), (1, db, 7), (2, db, 7)], ran);
    }

    [Fact]
    public async Task A_failing_group_fails_the_whole_after_the_others_ended_and_gives_its_spare_connection_back()
    {
        await using var services = Services(spareReads: 1);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestShop>();
        var reads = services.GetRequiredService<StatisticsReads>();
        var ended = new List<int>();
        var ownStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => reads.RunAsync(
            db,
            Cancellation,
            async (context, ct) =>
            {
                ownStarted.SetResult(); // every group has been placed by now
                await failing.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
                lock (ended)
                {
                    ended.Add(0);
                }
            },
            async (context, ct) =>
            {
                await ownStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
                failing.SetResult();
                throw new InvalidOperationException("the spare group failed");
            },
            async (context, ct) =>
            {
                // No spare connection was left: runs on the section's context after the first group.
                Assert.Same(db, context);
                await context.Sales.CountAsync(ct);
                lock (ended)
                {
                    ended.Add(2);
                }
            }));

        Assert.Equal("the spare group failed", failure.Message);
        Assert.Equal([0, 2], ended);

        // The spare connection is free again: two groups meet while both run.
        var together = new Arrivals(2);
        await reads.RunAsync(db, Cancellation, (_, ct) => together.ArriveAndWaitForAllAsync(ct), (_, ct) => together.ArriveAndWaitForAllAsync(ct));
    }

    private ServiceProvider Services(int spareReads)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Statistics:SpareReads"] = spareReads.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .Build());
        services.AddScoped(_ => TestShop.On($"Data Source={_file}"));
        services.AddSingleton<StatisticsReads>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>Lets each of <c>count</c> parties go on only once all have arrived; fails instead of waiting forever when they run one after another.</summary>
    private sealed class Arrivals(int count)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public Task ArriveAndWaitForAllAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _arrived) == count)
            {
                _all.SetResult();
            }

            return _all.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
    }
}
