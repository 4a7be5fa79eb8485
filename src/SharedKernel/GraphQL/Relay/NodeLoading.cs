using GraphQL;
using GraphQL.DataLoader;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.GraphQL.Relay;

/// <summary>Fetching nodes by key from any field, batched per type and request, under the owning module's row rules.</summary>
public static class NodeLoading
{
    /// <summary>
    /// The node of <paramref name="typeName"/> with this key, or null when there is none or the caller may not see it:
    /// exactly what <c>node(id:)</c> answers. All loads of one type in one level of a query become one read.
    /// </summary>
    public static IDataLoaderResult<object?> LoadNode(this IResolveFieldContext context, string typeName, Guid? key)
    {
        if (key is not { } id)
        {
            return new CompletedDataLoaderResult<object?>(null);
        }

        return Loader(context, typeName)?.Load(id) ?? new CompletedDataLoaderResult<object?>(null);
    }

    internal static BatchLoader<Guid, object>? Loader(IResolveFieldContext context, string typeName)
    {
        if (context.Schema.AllTypes[typeName] is not INodeType node)
        {
            return null;
        }

        var access = context.Access();
        var services = context.RequestServices!;
        return services.GetRequiredService<RequestDataLoaders>()
            .For<Guid, object>($"node:{typeName}", (keys, ct) => node.LoadAsync(keys, new NodeLoadContext(access, services, ct)));
    }

    /// <summary>The key of the keyed object a field is resolved on (for fields that another module adds to a type).</summary>
    public static Guid ParentKey(this IResolveFieldContext context) =>
        context.ParentType is IKeyedType keyed
            ? keyed.KeyOf(context.Source!)
            : throw new InvalidOperationException($"{context.ParentType.Name} is not a keyed type; only keyed types can be extended.");
}
