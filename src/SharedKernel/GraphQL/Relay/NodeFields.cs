using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;

namespace IpShield.SharedKernel.GraphQL.Relay;

/// <summary>Root fields <c>node(id:)</c> and <c>nodes(ids:)</c>, batched per type through each node type's own loader.</summary>
internal sealed class NodeFields : IQueryFieldContribution
{
    public const int MaxIds = 100;

    public void AddQueryFields(ObjectGraphType query)
    {
        // Open to every signed-in caller: each node type's own policy and row rules decide what comes back.
        query.Field<NodeInterface>("node")
            .Description("Fetches any object by its global id; null when it does not exist or is not visible to the caller.")
            .AuthorizeWithPolicy(AccessPolicies.SignedIn)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(context => Load(context, context.GetArgument<string>("id")));

        query.Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description($"Fetches up to {MaxIds} objects by global id, in the order asked; null where one is missing.")
            .AuthorizeWithPolicy(AccessPolicies.SignedIn)
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids")
            .Resolve(context =>
            {
                var ids = context.GetArgument<List<string>>("ids");
                if (ids.Count > MaxIds)
                {
                    throw new UserInputError("TOO_MANY_IDS", $"nodes accepts at most {MaxIds} ids.");
                }

                var loads = ids.Select(id => Load(context, id)).ToList();
                return new DataLoaderSequence<object?>(loads);
            });
    }

    private static global::GraphQL.DataLoader.IDataLoaderResult<object?> Load(IResolveFieldContext context, string id) =>
        // Malformed and unknown ids answer like absent ones: nothing to learn from probing.
        GlobalId.TryDecode(id, out var typeName, out var key)
            ? context.LoadNode(typeName, key)
            : new CompletedDataLoaderResult<object?>(null);
}
