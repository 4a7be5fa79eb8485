using GraphQL;
using GraphQL.Types;

namespace IpShield.SharedKernel.GraphQL.Schema;

/// <summary>
/// The one schema: root types assembled from what each module contributes, and the fields modules add to each
/// other's types. Building it fails when a root field declares no access policy: access fails closed.
/// </summary>
public sealed class PlatformSchema : global::GraphQL.Types.Schema
{
    private readonly ILookup<string, TypeExtension> _extensions;

    public PlatformSchema(
        IServiceProvider services,
        IEnumerable<IQueryFieldContribution> queries,
        IEnumerable<IMutationFieldContribution> mutations,
        IEnumerable<ISubscriptionFieldContribution> subscriptions,
        IEnumerable<TypeExtension> extensions)
        : base(services)
    {
        _extensions = extensions.ToLookup(e => e.ExtendedType, StringComparer.Ordinal);
        // Old argument and filter spellings are deprecated for a release before they go (GraphQL spec, 2021).
        Features.DeprecationOfInputValues = true;
        var query = new ObjectGraphType { Name = "Query", Description = "Everything a caller may read." };
        foreach (var contribution in queries)
        {
            contribution.AddQueryFields(query);
        }

        Query = query;

        var mutation = new ObjectGraphType { Name = "Mutation", Description = "Every change. Each returns its result or typed errors, never half a change." };
        foreach (var contribution in mutations)
        {
            contribution.AddMutationFields(mutation);
        }

        if (mutation.Fields.Count > 0)
        {
            Mutation = mutation;
        }

        var subscription = new ObjectGraphType { Name = "Subscription", Description = "What happens, as it happens (GraphQL over SSE: POST with Accept: text/event-stream). Every event is shown only to callers who may read what it is about." };
        foreach (var contribution in subscriptions)
        {
            contribution.AddSubscriptionFields(subscription);
        }

        if (subscription.Fields.Count > 0)
        {
            Subscription = subscription;
        }

        RootFieldPolicies.Require(query, mutation, subscription);
    }

    protected override void OnBeforeInitializeType(IGraphType graphType)
    {
        base.OnBeforeInitializeType(graphType);
        if (graphType is not IComplexGraphType type)
        {
            return;
        }

        foreach (var extension in _extensions[type.Name])
        {
            foreach (var field in extension.Fields.ToList())
            {
                if (type.HasField(field.Name))
                {
                    throw new InvalidOperationException($"{extension.GetType().Name} adds {type.Name}.{field.Name}, which {type.Name} already has.");
                }

                type.AddField(field);
            }
        }
    }
}

/// <summary>Every root field says who may call it: a policy, or an explicit AllowAnonymous.</summary>
public static class RootFieldPolicies
{
    public static void Require(params IComplexGraphType[] roots)
    {
        var missing = roots
            .SelectMany(root => root.Fields.Select(field => (root, field)))
            .Where(pair => !pair.field.IsAnonymousAllowed() && pair.field.GetPolicies() is not { Count: > 0 })
            .Select(pair => $"{pair.root.Name}.{pair.field.Name}")
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Every root field must declare an access policy (AuthorizeWithPolicy) or AllowAnonymous; these do not: {string.Join(", ", missing)}.");
        }
    }
}
