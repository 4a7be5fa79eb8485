using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Lists;
using IpShield.SharedKernel.GraphQL.Paging;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Contracts;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using IpShield.Workstations.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Workstations.Features.ListParks;

/// <summary>The list of parks: its filters and orderings, declared once.</summary>
internal sealed class ParkList : EntityList<Park>
{
    public ParkList()
        : base(WorkstationsGlobalIds.Park)
    {
        Order("NAME", p => p.Name);
        Order("CITY", p => p.City);
        Text("name", p => p.Name);
        Text("city", p => p.City);
        Text("district", p => p.District!);
    }
}

internal sealed class ListParks : IQueryFieldContribution
{
    private static readonly ParkList List = ListDeclarations.Of<ParkList, Park>();

    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<ParkType, Park>>>("parks")
            .Description("Industrial parks, by name unless told otherwise.")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .ListArguments(List)
            .Argument<OrderDirectionType>("direction", a => a.DeprecationReason = "use orderBy: { field: NAME, direction: DESC }")
            .ResolveAsync(async context =>
            {
                var parks = context.RequestServices!.GetRequiredService<WorkstationsDbContext>().Rows<Park>(context.Access(), context.RequestServices!);
                if (context.GetArgument<OrderDirection?>("direction") is { } direction && context.OrderBy() is null)
                {
                    // The old spelling: order by name in the given direction.
                    var page = PageRequest.From(context);
                    return await List.Filter(parks, context.Where(), new ListFilterContext(context.RequestServices!))
                        .ToConnectionAsync(List.Orderings[0].Sort, direction == OrderDirection.Desc, page, context.CancellationToken);
                }

                return await List.PageAsync(context, parks);
            });
}
