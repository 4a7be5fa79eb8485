using IpShield.SharedKernel.GraphQL.DataLoading;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Tests;

public sealed class BatchLoaderTests
{
    [Fact]
    public async Task Fifty_loads_before_the_first_await_cost_one_fetch()
    {
        var fetched = new List<IReadOnlyCollection<int>>();
        var loader = new BatchLoader<int, string>((keys, _) =>
        {
            fetched.Add([.. keys]);
            return Task.FromResult<IReadOnlyDictionary<int, string>>(keys.ToDictionary(k => k, k => $"value {k}"));
        });

        var results = Enumerable.Range(1, 50).Select(loader.Load).ToList();
        var values = new List<string?>();
        foreach (var result in results)
        {
            values.Add(await result.GetResultAsync(TestContext.Current.CancellationToken));
        }

        Assert.Single(fetched);
        Assert.Equal(50, fetched[0].Count);
        Assert.Equal("value 17", values[16]);
    }

    [Fact]
    public async Task A_key_already_loaded_is_served_from_the_request_cache()
    {
        var fetches = 0;
        var loader = new BatchLoader<int, string>((keys, _) =>
        {
            fetches++;
            return Task.FromResult<IReadOnlyDictionary<int, string>>(keys.ToDictionary(k => k, k => $"v{k}"));
        });

        await loader.Load(1).GetResultAsync(TestContext.Current.CancellationToken);
        var again = await loader.Load(1).GetResultAsync(TestContext.Current.CancellationToken);
        await loader.Load(2).GetResultAsync(TestContext.Current.CancellationToken);

        Assert.Equal("v1", again);
        Assert.Equal(2, fetches);
    }

    [Fact]
    public async Task A_missing_key_answers_the_missing_value()
    {
        var loaders = new RequestDataLoaders();
        var children = loaders.ForMany<int, string>("children", (keys, _) =>
            Task.FromResult(new[] { (1, "a"), (1, "b") }.ToLookup(p => p.Item1, p => p.Item2)));

        var ofOne = children.Load(1);
        var ofTwo = children.Load(2);

        Assert.Equal(["a", "b"], await ofOne.GetResultAsync(TestContext.Current.CancellationToken));
        Assert.Empty((await ofTwo.GetResultAsync(TestContext.Current.CancellationToken))!);
    }

    [Fact]
    public async Task Concurrent_loaders_of_one_level_fetch_at_the_same_time_each_in_a_scope_of_its_own()
    {
        var services = new ServiceCollection().AddScoped<ScopeMarker>().BuildServiceProvider();
        await using var request = services.CreateAsyncScope();
        var loaders = new RequestDataLoaders(services.GetRequiredService<IServiceScopeFactory>());
        var enterprisesStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var portfoliosStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var markers = new System.Collections.Concurrent.ConcurrentBag<ScopeMarker>();

        // Each fetch waits for the other to have started: run one after the other, the first would time out.
        var enterprises = loaders.Concurrent<int, string>("enterprises", async (scope, keys, ct) =>
        {
            markers.Add(scope.GetRequiredService<ScopeMarker>());
            enterprisesStarted.SetResult();
            await portfoliosStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            return keys.ToDictionary(k => k, k => $"enterprises of {k}");
        });
        var portfolios = loaders.Concurrent<int, string>("portfolios", async (scope, keys, ct) =>
        {
            markers.Add(scope.GetRequiredService<ScopeMarker>());
            portfoliosStarted.SetResult();
            await enterprisesStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            return keys.ToDictionary(k => k, k => $"portfolios of {k}");
        });
        var ofPark = enterprises.Load(7);
        var portfoliosOfPark = portfolios.Load(7);

        Assert.Equal("enterprises of 7", await ofPark.GetResultAsync(TestContext.Current.CancellationToken));
        Assert.Equal("portfolios of 7", await portfoliosOfPark.GetResultAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, enterprises.FetchCount);
        Assert.Equal(1, portfolios.FetchCount);
        Assert.Equal(2, markers.Distinct().Count());
        Assert.DoesNotContain(request.ServiceProvider.GetRequiredService<ScopeMarker>(), markers);
    }

    private sealed class ScopeMarker;
}
