using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;

namespace IpShield.Integration.Tests.Infrastructure;

/// <summary>
/// A validation rule installed the way the standard rules are (not marked for cached documents) that counts how often
/// each query text is validated: the proof that the document cache really skips validation.
/// </summary>
public sealed class ValidationCounterForTests : ValidationRuleBase, IConfigureExecution
{
    private readonly ConcurrentDictionary<string, int> _runs = new(StringComparer.Ordinal);

    public float SortOrder => 100; // with GraphQL.NET's own rule registrations, before the document cache

    public int RunsFor(string query) => _runs.TryGetValue(query, out var runs) ? runs : 0;

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        _runs.AddOrUpdate(context.Document.Source.ToString(), 1, (_, runs) => runs + 1);
        return ValueTask.FromResult<INodeVisitor?>(null);
    }

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        options.ValidationRules = (options.ValidationRules ?? DocumentValidator.CoreRules).Append(this);
        return next(options);
    }
}
