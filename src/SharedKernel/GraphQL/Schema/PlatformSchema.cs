using GraphQL.Types;

namespace IpShield.SharedKernel.GraphQL.Schema;

/// <summary>The one schema: root types assembled from what each module contributes.</summary>
public sealed class PlatformSchema : global::GraphQL.Types.Schema
{
    public PlatformSchema(
        IServiceProvider services,
        IEnumerable<IQueryFieldContribution> queries,
        IEnumerable<IMutationFieldContribution> mutations)
        : base(services)
    {
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
    }
}
