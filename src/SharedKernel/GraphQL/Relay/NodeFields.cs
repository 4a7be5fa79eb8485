using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.GraphQL.Relay;

/// <summary>Root fields <c>node(id:)</c> and <c>nodes(ids:)</c>, batched per type through the module's node source.</summary>
internal sealed class NodeFields(IEnumerable<INodeSource> sources) : IQueryFieldContribution
{
    public const int MaxIds = 100;
    private readonly Dictionary<string, INodeSource> _sources = sources.ToDictionary(s => s.TypeName, StringComparer.Ordinal);

    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NodeInterface>("node")
            .Description("Fetches any object by its global id; null when it does not exist or is not visible to the caller.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(context => Load(context, context.GetArgument<string>("id")));

        query.Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description($"Fetches up to {MaxIds} objects by global id, in the order asked; null where one is missing.")
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

    private global::GraphQL.DataLoader.IDataLoaderResult<object?> Load(IResolveFieldContext context, string id)
    {
        if (!GlobalId.TryDecode(id, out var typeName, out var key) || !_sources.TryGetValue(typeName, out var source))
        {
            // Malformed and unknown ids answer like absent ones: nothing to learn from probing.
            return new CompletedDataLoaderResult<object?>(null);
        }

        var access = context.Access();
        var services = context.RequestServices!;
        var loaders = services.GetRequiredService<RequestDataLoaders>();
        return loaders.For<Guid, object>($"node:{typeName}", (keys, ct) => source.LoadAsync(keys, new NodeLoadContext(access, services, ct)))
            .Load(key);
    }
}
