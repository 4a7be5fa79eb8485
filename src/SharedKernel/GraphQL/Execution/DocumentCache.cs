using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;

namespace IpShield.SharedKernel.GraphQL.Execution;

/// <summary>
/// Keeps parsed and validated documents by query text, so a repeated query skips parsing and the standard validation
/// rules. It runs only the rules registered <c>useForCachedDocuments</c> (<see cref="ExecutionOptions.CachedDocumentValidationRules"/>):
/// those that depend on the caller or on the variables (access, cost). Variables are coerced and checked either way.
/// Bounded by total query length. GraphQL.MemoryCache is not served here, hence this small piece.
/// </summary>
public sealed class DocumentCache : IConfigureExecution, IDisposable
{
    private readonly MemoryCache _documents;
    private long _hits;
    private long _misses;

    public DocumentCache(long maxTotalQueryLength = 4_000_000)
    {
        _documents = new MemoryCache(new MemoryCacheOptions { SizeLimit = maxTotalQueryLength });
    }

    public float SortOrder => 200;

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is not { } query)
        {
            return await next(options);
        }

        if (_documents.TryGetValue(query, out GraphQLDocument? cached) && cached is not null)
        {
            Interlocked.Increment(ref _hits);
            options.Document = cached;
            // GraphQL.NET's executer validates with ValidationRules whether or not the document came from a cache.
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
            return await next(options);
        }

        Interlocked.Increment(ref _misses);
        var result = await next(options);
        // Only documents that passed validation are kept; an invalid one is parsed and rejected again next time.
        if (result.Executed && result.Document is not null)
        {
            _documents.Set(query, result.Document, new MemoryCacheEntryOptions { Size = query.Length });
        }

        return result;
    }

    public void Dispose() => _documents.Dispose();
}
