using IpShield.SharedKernel.GraphQL.Execution;
using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Lists;
using IpShield.SharedKernel.GraphQL.Paging;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Contracts;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using IpShield.Workstations.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Workstations.Features.ListWorkstations;

/// <summary>The list of workstations: its filters and orderings, declared once.</summary>
internal sealed class WorkstationList : EntityList<Workstation>
{
    public WorkstationList()
        : base(WorkstationsGlobalIds.Workstation)
    {
        Order("NAME", w => w.Name);
        Order("OPENED_ON", w => w.OpenedOn);
        Text("name", w => w.Name);
        Enum<WorkstationLevelType, WorkstationLevel>("level", w => w.Level);
        Enum<WorkstationStatusType, WorkstationStatus>("status", w => w.Status);
        Reference("park", w => w.ParkId, WorkstationsGlobalIds.Park).Describe("The park's global id.");
        Date("openedOn", w => w.OpenedOn);
    }
}

internal sealed class ListWorkstations : IQueryFieldContribution
{
    private static readonly WorkstationList List = ListDeclarations.Of<WorkstationList, Workstation>();

    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<WorkstationType, Workstation>>>("workstations")
            .Description("Workstations of the city's network, filtered and ordered (by name unless told otherwise).")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .ListArguments(List)
            .ResolveAsync(async context => await List.PageAsync(
                context, context.RequestServices!.GetRequiredService<WorkstationsDbContext>().Rows<Workstation>(context.Access(), context.RequestServices!)));
}
