using GraphQL.Types;

namespace IpShield.SharedKernel.GraphQL.Relay;

/// <summary>The Relay <c>Node</c> interface: anything that can be fetched again by its global id.</summary>
public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with a global id that node(id:) can fetch again.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The opaque global id.");
    }
}

/// <summary>
/// A module's way to fetch its node type by keys, applying its own row-level rules. Invisible rows are simply absent,
/// so another tenant's id looks exactly like one that does not exist.
/// </summary>
public interface INodeSource
{
    string TypeName { get; }

    Task<IReadOnlyDictionary<Guid, object>> LoadAsync(IReadOnlyCollection<Guid> keys, NodeLoadContext context);
}

public sealed record NodeLoadContext(Access.AccessContext Access, IServiceProvider Services, CancellationToken CancellationToken);
