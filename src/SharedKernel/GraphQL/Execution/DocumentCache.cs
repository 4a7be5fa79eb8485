using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using IpShield.SharedKernel.Access;
using Microsoft.Extensions.Caching.Memory;

namespace IpShield.SharedKernel.GraphQL.Execution;

/// <summary>
/// Keeps parsed and validated documents by query text, so a repeated query skips parsing and the standard validation
/// rules. It runs only the rules registered <c>useForCachedDocuments</c> (<see cref="ExecutionOptions.CachedDocumentValidationRules"/>):
/// those that depend on the caller or on the variables (access, cost). Variables are coerced and checked either way.
/// Bounded by total query length. GraphQL.MemoryCache is not served here, hence this small piece.
/// <para>
/// It also remembers those rules' verdict: a document that passed them for a caller, without variables, passes them
/// again for every caller with the same <see cref="AccessContext.RowScopeKey">access</see> (kind, subject, roles,
/// scopes, workstations, park, enterprise: everything the access rule's policies read) at the same cost, so they are not
/// run again. A caller with a query budget is never served a verdict: its budget is charged by the cost rule itself.
/// </para>
/// </summary>
public sealed class DocumentCache : IConfigureExecution, IDisposable
{
    /// <summary>How long a verdict is kept after its last use: the rules and the schema do not change while a host runs.</summary>
    private static readonly TimeSpan VerdictLifetime = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _documents;
    private readonly MemoryCache _verdicts;
    private long _hits;
    private long _misses;
    private long _verdictHits;

    public DocumentCache(long maxTotalQueryLength = 4_000_000, long maxVerdicts = 100_000)
    {
        _documents = new MemoryCache(new MemoryCacheOptions { SizeLimit = maxTotalQueryLength });
        _verdicts = new MemoryCache(new MemoryCacheOptions { SizeLimit = maxVerdicts });
    }

    public float SortOrder => 200;

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Requests that ran no validation rule at all: their document and their caller's verdict were both known.</summary>
    public long VerdictHits => Interlocked.Read(ref _verdictHits);

    /// <summary>The parsed document of a query text seen (and validated) before, if any.</summary>
    public GraphQLDocument? Find(string query) => _documents.TryGetValue(query, out GraphQLDocument? cached) ? cached : null;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is not { } query)
        {
            return await next(options);
        }

        var verdictKey = VerdictKey(query, options);
        if (_documents.TryGetValue(query, out GraphQLDocument? cached) && cached is not null)
        {
            Interlocked.Increment(ref _hits);
            options.Document = cached;
            if (verdictKey is not null && _verdicts.TryGetValue(verdictKey, out QueryCost? cost) && cost is not null)
            {
                Interlocked.Increment(ref _verdictHits);
                ((RequestUserContext)options.UserContext).Cost = cost;
                options.ValidationRules = [];
                return await next(options);
            }

            // GraphQL.NET's executer validates with ValidationRules whether or not the document came from a cache.
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
            return Remember(verdictKey, options, await next(options));
        }

        Interlocked.Increment(ref _misses);
        var result = await next(options);
        // Only documents that passed validation are kept; an invalid one is parsed and rejected again next time.
        if (result.Executed && result.Document is not null)
        {
            _documents.Set(query, result.Document, new MemoryCacheEntryOptions { Size = query.Length });
        }

        return Remember(verdictKey, options, result);
    }

    /// <summary>Keeps the verdict of a request that passed the rules (it was executed) and was costed.</summary>
    private ExecutionResult Remember(string? verdictKey, ExecutionOptions options, ExecutionResult result)
    {
        if (verdictKey is not null && result.Executed && options.UserContext is RequestUserContext { Cost: { } cost })
        {
            _verdicts.Set(verdictKey, cost, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = VerdictLifetime });
        }

        return result;
    }

    /// <summary>
    /// The key of a request's verdict, or null when it may not have one: variables can change its cost (a page size),
    /// and a client's budget must be charged by the cost rule on every request.
    /// </summary>
    private static string? VerdictKey(string query, ExecutionOptions options) =>
        options.UserContext is RequestUserContext { ChargeBudget: null } user && (options.Variables is null || options.Variables.Count == 0)
            ? string.Concat(user.Access.RowScopeKey(rulesReadSubject: true), "\n", options.OperationName, "\n", query)
            : null;

    public void Dispose()
    {
        _documents.Dispose();
        _verdicts.Dispose();
    }
}
