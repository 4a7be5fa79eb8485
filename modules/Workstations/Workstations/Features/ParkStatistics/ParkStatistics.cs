using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Time;
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
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MonthlyServiceStatType>>>>("servicesPerMonth")
            .Description("Consultations and guidance visits the park's workstations gave, month by month from `from` to `to` (every month, zero when none), by the day each was given. Counts of the workstations' own work: exact for every reader.")
            .Argument<DateOnlyGraphType>("from", "First day of the range (its month is counted whole). Default: eleven months before `to`'s month.")
            .Argument<DateOnlyGraphType>("to", "Last day of the range (its month is counted whole). Default: today, in the park's calendar.")
            .ResolveAsync(async context =>
            {
                var services = context.RequestServices!;
                var to = context.GetArgument<DateOnly?>("to") ?? ParkCalendar.Today(services.GetRequiredService<TimeProvider>());
                var last = new DateOnly(to.Year, to.Month, 1);
                var first = context.GetArgument<DateOnly?>("from") is { } from ? new DateOnly(from.Year, from.Month, 1) : last.AddMonths(-11);
                if (first > last)
                {
                    throw new UserInputError(ErrorCodes.Invalid, "from must not be after to.");
                }

                return await ServicesPerMonthAsync(services.GetRequiredService<WorkstationsDbContext>(), context.Source.ParkId, first, last, context.CancellationToken);
            });
    }

    /// <summary>Sums the workstations' monthly counts (kept from <c>ServiceRecorded</c> events) in one grouped statement.</summary>
    private static async Task<IReadOnlyList<MonthlyServiceStat>> ServicesPerMonthAsync(
        WorkstationsDbContext db, Guid parkId, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var counted = await db.MonthlyServiceStats.AsNoTracking()
            .Where(s => s.Month >= first && s.Month <= last && db.Workstations.Any(w => w.Id == s.WorkstationId && w.ParkId == parkId))
            .GroupBy(s => s.Month)
            .Select(g => new { Month = g.Key, Consultations = g.Sum(s => s.Consultations), GuidanceVisits = g.Sum(s => s.GuidanceVisits) })
            .ToDictionaryAsync(m => m.Month, cancellationToken);
        var months = new List<MonthlyServiceStat>();
        for (var month = first; month <= last; month = month.AddMonths(1))
        {
            months.Add(counted.TryGetValue(month, out var sum)
                ? new MonthlyServiceStat { Month = month, Consultations = sum.Consultations, GuidanceVisits = sum.GuidanceVisits }
                : new MonthlyServiceStat { Month = month });
        }

        return months;
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
