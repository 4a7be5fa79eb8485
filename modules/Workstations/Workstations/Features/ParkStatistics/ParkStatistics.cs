using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Contracts;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using IpShield.Workstations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Workstations.Features.ParkStatistics;

/// <summary>Counts for one park: what a park dashboard may read, never the records behind them.</summary>
internal sealed record ParkStatistics(Guid ParkId, int WorkstationCount, int OpenWorkstationCount, int ServiceRecordCount);

/// <summary>Keyed by the park, so each module adds its own section (the Enterprises module adds <c>enterprises</c>).</summary>
internal sealed class ParkStatisticsType : KeyedObjectType<ParkStatistics>
{
    public ParkStatisticsType()
        : base("ParkStatistics", s => s.ParkId)
    {
        Description = "Aggregate figures of one park; each module contributes its own section.";
        Field<NonNullGraphType<IdGraphType>>("parkId")
            .DeprecationReason("Use park { id }.")
            .Resolve(context => GlobalId.Encode(WorkstationsGlobalIds.Park, context.Source.ParkId));
        Field<NonNullGraphType<ParkType>>("park")
            .Description("The park these figures describe (a park dashboard sees its own park).")
            .Resolve(context => context.LoadNode(WorkstationsGlobalIds.Park, context.Source.ParkId));
        Field(s => s.WorkstationCount).Description("Workstations in the park, open or closed.");
        Field(s => s.OpenWorkstationCount);
        Field(s => s.ServiceRecordCount).Description("Consultations and guidance visits given by the park's workstations.");
    }
}

internal sealed class ParkStatisticsQuery : IQueryFieldContribution
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<ParkStatisticsType>("parkStatistics")
            .Description("Aggregate figures of a park: for the city centre and the park's own dashboard; null for any other park, as for one that does not exist.")
            .AuthorizeWithPolicy(AccessPolicies.Scope(PlatformScopes.StatsRead))
            .Argument<NonNullGraphType<IdGraphType>>("parkId")
            .ResolveAsync(async context =>
            {
                if (!GlobalId.TryDecode(context.GetArgument<string>("parkId"), out var type, out var parkId)
                    || type != WorkstationsGlobalIds.Park
                    || !context.Access().CanReadStatisticsOf(parkId))
                {
                    return null;
                }

                var db = context.RequestServices!.GetRequiredService<WorkstationsDbContext>();
                if (!await db.Parks.AnyAsync(p => p.Id == parkId, context.CancellationToken))
                {
                    return null;
                }

                var workstations = db.Workstations.Where(w => w.ParkId == parkId);
                var total = await workstations.CountAsync(context.CancellationToken);
                var open = await workstations.CountAsync(w => w.Status == WorkstationStatus.Open, context.CancellationToken);
                var records = await db.ServiceRecords.CountAsync(r => workstations.Select(w => w.Id).Contains(r.WorkstationId), context.CancellationToken);
                return new ParkStatistics(parkId, total, open, records);
            });
}
