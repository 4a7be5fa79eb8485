using GraphQL.Types;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.GraphQL.Viewer;
using IpShield.Workstations.Contracts;

namespace IpShield.Workstations.Schema;

/// <summary>The workstations and the park a caller acts for, as nodes under this module's row rules.</summary>
internal sealed class ViewerWorkstations : TypeExtension
{
    public ViewerWorkstations()
        : base(ViewerType.TypeName)
    {
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WorkstationType>>>>("workstations")
            .Description("The workstations a staff member works for (people only: machine clients read no workstation records).")
            .Resolve(context => new DataLoaderSequence<object?>(
                [.. context.Access().WorkstationIds.Order().Select(id => context.LoadNode(WorkstationsGlobalIds.Workstation, id))]));
        Field<ParkType>("park")
            .Description("The park a dashboard client or a park manager is confined to; null for other people and clients.")
            .Resolve(context => context.LoadNode(WorkstationsGlobalIds.Park, context.Access().ParkId));
    }
}
