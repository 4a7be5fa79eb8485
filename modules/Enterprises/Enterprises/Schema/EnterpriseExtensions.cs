using GraphQL;
using GraphQL.Types;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Features.ListEnterprises;
using IpShield.Enterprises.Persistence;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Lists;
using IpShield.SharedKernel.GraphQL.Paging;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Enterprises.Schema;

/// <summary>
/// <c>Workstation.enterprises</c> and <c>Park.enterprises</c>: the Enterprises module's list (same filters, ordering,
/// paging and row rules as the root <c>enterprises</c>) under the Workstations module's types, one read per page of parents.
/// </summary>
internal abstract class EnterprisesOf(string typeName, System.Linq.Expressions.Expression<Func<Enterprise, Guid?>> parentKey, string description) : TypeExtension(typeName)
{
    private static readonly EnterpriseList List = ListDeclarations.Of<EnterpriseList, Enterprise>();

    protected void AddField() =>
        Field<NonNullGraphType<ConnectionType<EnterpriseType, Enterprise>>>("enterprises")
            .Description(description)
            .AuthorizeWithPolicy(EnterpriseAccess.ReadPolicy)
            .ListArguments(List)
            .Resolve(context =>
            {
                var access = context.Access();
                return List.PageOfParent(
                    context,
                    context.ParentKey(),
                    services => services.GetRequiredService<EnterprisesDbContext>().Rows<Enterprise>(access, services),
                    parentKey);
            });
}

internal sealed class WorkstationEnterprises : EnterprisesOf
{
    public WorkstationEnterprises()
        : base(WorkstationsGlobalIds.Workstation, e => e.WorkstationId, "Enterprises this workstation serves that the caller may see, filtered and ordered like enterprises.") =>
        AddField();
}

internal sealed class ParkEnterprises : EnterprisesOf
{
    public ParkEnterprises()
        : base(WorkstationsGlobalIds.Park, e => e.ParkId, "Enterprises settled in this park that the caller may see, filtered and ordered like enterprises.") =>
        AddField();
}

/// <summary>The Enterprises module's section of park statistics: aggregates only, never the records behind them.</summary>
internal sealed record ParkEnterpriseStatistics(int Settled);

internal sealed class ParkEnterpriseStatisticsType : ObjectGraphType<ParkEnterpriseStatistics>
{
    public ParkEnterpriseStatisticsType()
    {
        Name = "ParkEnterpriseStatistics";
        Description = "The Enterprises module's section of a park's statistics.";
        Field(s => s.Settled).Description("Enterprises settled in the park now.");
    }
}

internal sealed class ParkStatisticsEnterprises : TypeExtension
{
    public ParkStatisticsEnterprises()
        : base("ParkStatistics") =>
        Field<NonNullGraphType<ParkEnterpriseStatisticsType>>("enterprises")
            .Description("Enterprises of the park (from the Enterprises module).")
            .AuthorizeWithPolicy(AccessPolicies.Scope(PlatformScopes.StatsRead))
            .Resolve(context =>
            {
                var services = context.RequestServices!;
                return services.GetRequiredService<RequestDataLoaders>()
                    .For<Guid, ParkEnterpriseStatistics>("ent:park-statistics", async (parks, ct) =>
                    {
                        var ids = parks.Select(p => (Guid?)p).ToList();
                        var settled = await services.GetRequiredService<EnterprisesDbContext>().Enterprises.AsNoTracking()
                            .Where(e => ids.Contains(e.ParkId))
                            .GroupBy(e => e.ParkId)
                            .Select(g => new { Park = g.Key!.Value, Count = g.Count() })
                            .ToDictionaryAsync(g => g.Park, g => g.Count, ct);
                        return parks.ToDictionary(p => p, p => new ParkEnterpriseStatistics(settled.GetValueOrDefault(p)));
                    })
                    .Load(context.ParentKey());
            });
}
