using GraphQL.DataLoader;

namespace IpShield.SharedKernel.GraphQL.DataLoading;

/// <summary>
/// Collects the keys asked for while one level of the query resolves, then fetches them in one call the first time
/// any of their results is awaited. Results are cached by key for the rest of the request.
/// GraphQL.NET's execution strategies await <see cref="IDataLoaderResult"/> only after every sibling has resolved,
/// which is what makes a page of 50 parents cost one fetch per child field.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch,
    TValue? missing = default,
    RequestDataLoaders? requestLoaders = null)
    : IConcurrentLoader
    where TKey : notnull
{
    private readonly Dictionary<TKey, Batch> _batchOfKey = [];
    private readonly RequestDataLoaders? _requestLoaders = requestLoaders;
    private Batch? _open;

    /// <summary>How many fetches this loader made; tests use it to prove batching.</summary>
    public int FetchCount { get; private set; }

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        if (!_batchOfKey.TryGetValue(key, out var batch))
        {
            batch = _open ??= new Batch(this);
            batch.Keys.Add(key);
            _batchOfKey[key] = batch;
        }

        return new Pending(batch, key, missing);
    }

    /// <summary>Loads several keys in one batch; keys with no value are left out.</summary>
    public async Task<IReadOnlyDictionary<TKey, TValue>> LoadManyAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken)
    {
        var pending = keys.Distinct().Select(key => (key, result: Load(key))).ToList();
        var found = new Dictionary<TKey, TValue>();
        foreach (var (key, result) in pending)
        {
            if (await result.GetResultAsync(cancellationToken) is { } value)
            {
                found[key] = value;
            }
        }

        return found;
    }

    void IConcurrentLoader.StartOpenBatch(CancellationToken cancellationToken) => _ = _open?.ResultAsync(cancellationToken);

    private async Task<IReadOnlyDictionary<TKey, TValue>> RunAsync(Batch batch, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(_open, batch))
        {
            _open = null; // later keys start a new batch
        }

        FetchCount++;
        return await fetch(batch.Keys, cancellationToken);
    }

    private sealed class Batch(BatchLoader<TKey, TValue> owner)
    {
        private Task<IReadOnlyDictionary<TKey, TValue>>? _result;

        public HashSet<TKey> Keys { get; } = [];

        public Task<IReadOnlyDictionary<TKey, TValue>> ResultAsync(CancellationToken cancellationToken)
        {
            if (_result is null)
            {
                // The first fetch of a level: the request's concurrent loaders start theirs at the same moment.
                owner._requestLoaders?.StartConcurrent(cancellationToken);
            }

            return _result ??= owner.RunAsync(this, cancellationToken);
        }
    }

    private sealed class Pending(Batch batch, TKey key, TValue? missing) : IDataLoaderResult<TValue?>
    {
        public async Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = await batch.ResultAsync(cancellationToken);
            return values.TryGetValue(key, out var value) ? value : missing;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }
}

/// <summary>An already known result, for answers that need no fetch.</summary>
public sealed class CompletedDataLoaderResult<T>(T value) : IDataLoaderResult<T>
{
    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromResult(value);

    Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => Task.FromResult<object?>(value);
}

/// <summary>A single read made only when the result is awaited (a root list's totalCount).</summary>
public sealed class DeferredDataLoaderResult<T>(Func<CancellationToken, Task<T>> read) : IDataLoaderResult<T>
{
    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => read(cancellationToken);

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await read(cancellationToken);
}

/// <summary>Several loader results awaited as one list, in order.</summary>
public sealed class DataLoaderSequence<T>(IReadOnlyList<IDataLoaderResult<T>> items) : IDataLoaderResult<IReadOnlyList<T>>
{
    public async Task<IReadOnlyList<T>> GetResultAsync(CancellationToken cancellationToken = default)
    {
        var values = new List<T>(items.Count);
        foreach (var item in items)
        {
            values.Add(await item.GetResultAsync(cancellationToken));
        }

        return values;
    }

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
        await GetResultAsync(cancellationToken);
}
