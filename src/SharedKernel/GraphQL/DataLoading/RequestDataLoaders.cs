namespace IpShield.SharedKernel.GraphQL.DataLoading;

/// <summary>The data loaders of one request (a scoped service), found by name.</summary>
public sealed class RequestDataLoaders
{
    private readonly Dictionary<(string Name, object? Owner), object> _loaders = [];

    public BatchLoader<TKey, TValue> For<TKey, TValue>(
        string name,
        Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
        where TKey : notnull =>
        For(name, owner: null, fetch);

    /// <summary>
    /// A loader of its own for one <paramref name="owner"/>, such as the query's field node: the same field asked with
    /// other arguments elsewhere in the query gets another loader.
    /// </summary>
    public BatchLoader<TKey, TValue> For<TKey, TValue>(
        string name,
        object? owner,
        Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
        where TKey : notnull
    {
        if (!_loaders.TryGetValue((name, owner), out var loader))
        {
            loader = new BatchLoader<TKey, TValue>(fetch);
            _loaders[(name, owner)] = loader;
        }

        return (BatchLoader<TKey, TValue>)loader;
    }

    /// <summary>A loader for one-to-many children: a key with no children gets an empty list.</summary>
    public BatchLoader<TKey, IReadOnlyList<TValue>> ForMany<TKey, TValue>(
        string name,
        Func<IReadOnlyCollection<TKey>, CancellationToken, Task<ILookup<TKey, TValue>>> fetch)
        where TKey : notnull
    {
        if (!_loaders.TryGetValue((name, null), out var loader))
        {
            loader = new BatchLoader<TKey, IReadOnlyList<TValue>>(
                async (keys, ct) =>
                {
                    var lookup = await fetch(keys, ct);
                    return lookup.ToDictionary(g => g.Key, g => (IReadOnlyList<TValue>)[.. g]);
                },
                missing: []);
            _loaders[(name, null)] = loader;
        }

        return (BatchLoader<TKey, IReadOnlyList<TValue>>)loader;
    }
}
