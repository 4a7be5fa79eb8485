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
