using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Filtering;
using IpShield.SharedKernel.GraphQL.Paging;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using IpShield.Workstations.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Workstations.Features.ListParks;

internal sealed class ParkFilter
{
    public StringFilter? Name { get; set; }
    public StringFilter? City { get; set; }
    public StringFilter? District { get; set; }
}

internal sealed class ParkFilterType : InputObjectGraphType<ParkFilter>
{
    public ParkFilterType()
    {
        Name = "ParkFilter";
        Field<StringFilterInputType>("name");
        Field<StringFilterInputType>("city");
        Field<StringFilterInputType>("district");
    }
}

internal sealed class ListParks : IQueryFieldContribution
{
    private static readonly SortKey<Park> ByName = SortKey<Park>.By("name", p => p.Name);

    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<ParkType, Park>>>("parks")
            .Description("Industrial parks, by name.")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .Argument<ParkFilterType>("where")
            .Argument<OrderDirectionType>("direction", "Order by name ascending (default) or descending.")
            .PagingArguments()
            .ResolveAsync(async context =>
            {
                var page = PageRequest.From(context);
                var filter = context.GetArgument<ParkFilter?>("where");
                var db = context.RequestServices!.GetRequiredService<WorkstationsDbContext>();
                var parks = db.Parks.Visible(context.Access())
                    .Where(p => p.Name, filter?.Name, "where.name")
                    .Where(p => p.City, filter?.City, "where.city")
                    .Where(p => p.District!, filter?.District, "where.district");
                var descending = context.GetArgument<OrderDirection?>("direction") == OrderDirection.Desc;
                return await parks.ToConnectionAsync(ByName, descending, page, context.CancellationToken);
            });
}
