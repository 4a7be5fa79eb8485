using GraphQL.Types;

namespace IpShield.SharedKernel.GraphQL.Relay;

/// <summary>
/// An object type whose objects have a key. Other modules extend it knowing only its name and key: an extension
/// field reads the key of the object it is resolved on through <see cref="KeyOf"/>, never the owner's CLR type.
/// </summary>
public interface IKeyedType : IObjectGraphType
{
    Guid KeyOf(object source);
}

/// <summary>A keyed type that <c>node(id:)</c> can fetch: it reads its own objects, batched and under its module's row rules.</summary>
public interface INodeType : IKeyedType
{
    Task<IReadOnlyDictionary<Guid, object>> LoadAsync(IReadOnlyCollection<Guid> keys, NodeLoadContext context);
}

public sealed record NodeLoadContext(Access.AccessContext Access, IServiceProvider Services, CancellationToken CancellationToken);

/// <summary>Base for keyed object types that are not nodes (aggregates such as park statistics), so modules can add sections.</summary>
public abstract class KeyedObjectType<TSource> : ObjectGraphType<TSource>, IKeyedType
{
    private readonly Func<TSource, Guid> _key;

    protected KeyedObjectType(string name, Func<TSource, Guid> key)
    {
        Name = name;
        _key = key;
    }

    public Guid KeyOf(object source) => _key((TSource)source);
}

/// <summary>
/// Base for object types that implement <c>Node</c>: the id field is the global id of the key, and the type carries its
/// own batched loader, used by <c>node(id:)</c>, <c>nodes(ids:)</c> and every field of any module that returns it
/// (<see cref="NodeLoading.LoadNode"/>). What the loader leaves out is invisible everywhere alike.
/// </summary>
public abstract class NodeObjectType<TSource> : ObjectGraphType<TSource>, INodeType
    where TSource : class
{
    private readonly Func<TSource, Guid> _key;

    protected NodeObjectType(string name, Func<TSource, Guid> key)
    {
        Name = name;
        _key = key;
        Interface<NodeInterface>();
        IsTypeOf = source => source is TSource;
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The opaque global id.")
            .Resolve(context => GlobalId.Encode(name, key(context.Source)));
    }

    public Guid KeyOf(object source) => _key((TSource)source);

    async Task<IReadOnlyDictionary<Guid, object>> INodeType.LoadAsync(IReadOnlyCollection<Guid> keys, NodeLoadContext context) =>
        (await LoadAsync(keys, context)).ToDictionary(pair => pair.Key, pair => (object)pair.Value);

    /// <summary>The visible objects among <paramref name="keys"/>; the rest are absent, as if they did not exist.</summary>
    protected abstract Task<IReadOnlyDictionary<Guid, TSource>> LoadAsync(IReadOnlyCollection<Guid> keys, NodeLoadContext context);
}
