using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Filtering;
using IpShield.SharedKernel.GraphQL.Paging;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Contracts;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using IpShield.Workstations.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Workstations.Features.ListWorkstations;

internal sealed class WorkstationFilter
{
    public StringFilter? Name { get; set; }
    public EnumFilter<WorkstationLevel>? Level { get; set; }
    public EnumFilter<WorkstationStatus>? Status { get; set; }
    public IdFilter? Park { get; set; }
    public DateFilter? OpenedOn { get; set; }
}

internal sealed class WorkstationFilterType : InputObjectGraphType<WorkstationFilter>
{
    public WorkstationFilterType()
    {
        Name = "WorkstationFilter";
        Description = "All given conditions must hold.";
        Field<StringFilterInputType>("name");
        Field<EnumFilterInputType<WorkstationLevelType, WorkstationLevel>>("level");
        Field<EnumFilterInputType<WorkstationStatusType, WorkstationStatus>>("status");
        Field<IdFilterInputType>("park").Description("The park's global id.");
        Field<DateFilterInputType>("openedOn");
    }
}

internal enum WorkstationOrderField
{
    Name,
    OpenedOn,
}

internal sealed class WorkstationOrder
{
    public WorkstationOrderField Field { get; set; }
    public OrderDirection Direction { get; set; }
}

internal sealed class WorkstationOrderFieldType : EnumerationGraphType<WorkstationOrderField>
{
    public WorkstationOrderFieldType()
    {
        Name = "WorkstationOrderField";
    }
}

internal sealed class WorkstationOrderType : InputObjectGraphType<WorkstationOrder>
{
    public WorkstationOrderType()
    {
        Name = "WorkstationOrder";
        Field<NonNullGraphType<WorkstationOrderFieldType>>("field");
        Field<NonNullGraphType<OrderDirectionType>>("direction").DefaultValue(OrderDirection.Asc);
    }
}

internal sealed class ListWorkstations : IQueryFieldContribution
{
    private static readonly SortKey<Workstation> ByName = SortKey<Workstation>.By("name", w => w.Name);
    private static readonly SortKey<Workstation> ByOpenedOn = SortKey<Workstation>.By("openedOn", w => w.OpenedOn);

    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<WorkstationType, Workstation>>>("workstations")
            .Description("Workstations of the city's network, filtered and ordered (by name unless told otherwise).")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .Argument<WorkstationFilterType>("where")
            .Argument<WorkstationOrderType>("orderBy")
            .PagingArguments()
            .ResolveAsync(async context =>
            {
                var page = PageRequest.From(context);
                var filter = context.GetArgument<WorkstationFilter?>("where");
                var order = context.GetArgument<WorkstationOrder?>("orderBy");
                var db = context.RequestServices!.GetRequiredService<WorkstationsDbContext>();

                var workstations = db.Workstations.Visible(context.Access())
                    .Where(w => w.Name, filter?.Name, "where.name")
                    .Where(w => w.Level, filter?.Level, "where.level")
                    .Where(w => w.Status, filter?.Status, "where.status")
                    .Where(w => w.ParkId, filter?.Park, WorkstationsGlobalIds.Park, "where.park")
                    .Where(w => w.OpenedOn, filter?.OpenedOn, "where.openedOn");
                var sort = order?.Field == WorkstationOrderField.OpenedOn ? ByOpenedOn : ByName;
                return await workstations.ToConnectionAsync(sort, order?.Direction == OrderDirection.Desc, page, context.CancellationToken);
            });
}
