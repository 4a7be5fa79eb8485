using IpShield.SharedKernel.GraphQL.DataLoading;

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
}
