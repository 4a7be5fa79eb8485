using GraphQL.Types;

namespace IpShield.SharedKernel.GraphQL.Relay;

/// <summary>Base for object types that implement <c>Node</c>: the id field is the global id of the key.</summary>
public abstract class NodeObjectType<TSource> : ObjectGraphType<TSource>
{
    protected NodeObjectType(string name, Func<TSource, Guid> key)
    {
        Name = name;
        Interface<NodeInterface>();
        IsTypeOf = source => source is TSource;
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The opaque global id.")
            .Resolve(context => GlobalId.Encode(name, key(context.Source)));
    }
}
