using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.GraphQL.DataLoading;

/// <summary>The data loaders of one request (a scoped service), found by name.</summary>
public sealed class RequestDataLoaders(IServiceScopeFactory? scopes = null)
{
    private readonly Dictionary<(string Name, object? Owner), object> _loaders = [];
    private readonly List<IConcurrentLoader> _concurrent = [];
    private bool _starting;

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
            loader = new BatchLoader<TKey, TValue>(fetch, requestLoaders: this);
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
                missing: [],
                requestLoaders: this);
            _loaders[(name, null)] = loader;
        }

        return (BatchLoader<TKey, IReadOnlyList<TValue>>)loader;
    }

    /// <summary>
    /// A loader whose fetch runs in a service scope of its own (its own DbContext), so that it may run beside the other
    /// concurrent loaders of the request. Queries execute serially and await their loaders one after another; the first
    /// time any loader of the request is awaited, every key of that level has been collected, and the open batches of
    /// all concurrent loaders start together. For fetches that are several statements on one module's own tables and
    /// use nothing of the request but their keys: the sections of park statistics, which otherwise cost the sum of
    /// their sections (ADR 0034).
    /// </summary>
    public BatchLoader<TKey, TValue> Concurrent<TKey, TValue>(
        string name,
        Func<IServiceProvider, IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
        where TKey : notnull
    {
        if (_loaders.TryGetValue((name, null), out var existing))
        {
            return (BatchLoader<TKey, TValue>)existing;
        }

        var factory = scopes ?? throw new InvalidOperationException("Concurrent loaders need the request's IServiceScopeFactory.");
        var loader = new BatchLoader<TKey, TValue>(
            (keys, ct) => Task.Run(
                async () =>
                {
                    await using var scope = factory.CreateAsyncScope();
                    return await fetch(scope.ServiceProvider, keys, ct);
                },
                ct),
            requestLoaders: this);
        _loaders[(name, null)] = loader;
        _concurrent.Add(loader);
        return loader;
    }

    /// <summary>Called before any batch of this request's loaders starts: starts every concurrent loader's open batch with it.</summary>
    internal void StartConcurrent(CancellationToken cancellationToken)
    {
        if (_starting || _concurrent.Count == 0)
        {
            return;
        }

        _starting = true;
        try
        {
            foreach (var loader in _concurrent)
            {
                loader.StartOpenBatch(cancellationToken);
            }
        }
        finally
        {
            _starting = false;
        }
    }
}

/// <summary>A loader that can start its open batch before it is awaited.</summary>
internal interface IConcurrentLoader
{
    void StartOpenBatch(CancellationToken cancellationToken);
}
