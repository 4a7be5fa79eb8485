using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Statistics;
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
        : base(StatisticsScope.ParkType, s => s.ParkId)
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
        this.ServicesPerMonth(s => s.ParkId, "the park's");
    }
}

/// <summary>The figures of the whole city, for the city centre: the Workstations module's counts, every park's own, and each module's sections (keyed by <see cref="StatisticsScope.WholeCity"/>).</summary>
internal sealed record CityStatistics(int WorkstationCount, int OpenWorkstationCount, int ServiceRecordCount, IReadOnlyList<ParkStatistics> Parks);

internal sealed class CityStatisticsType : KeyedObjectType<CityStatistics>
{
    public CityStatisticsType()
        : base(StatisticsScope.CityType, _ => StatisticsScope.WholeCity)
    {
        Description = "Aggregate figures of the whole city for the city centre: every module's section over all parks together, and each park's own statistics.";
        Field(s => s.WorkstationCount).Description("Workstations in every park, open or closed.");
        Field(s => s.OpenWorkstationCount);
        Field(s => s.ServiceRecordCount).Description("Consultations and guidance visits given by every workstation.");
        this.ServicesPerMonth(_ => StatisticsScope.WholeCity, "every");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ParkStatisticsType>>>>("parks")
            .Description("Each park's statistics, by park name: the same sections a park's own dashboard reads, exact.")
            .Resolve(c => c.Source.Parks);
    }
}

internal static class ServicesPerMonthField
{
    /// <summary><c>servicesPerMonth</c> on park or city statistics: one grouped statement over the monthly counts.</summary>
    public static void ServicesPerMonth<TSource>(this ObjectGraphType<TSource> type, Func<TSource, Guid> park, string whose) =>
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<MonthlyServiceStatType>>>>("servicesPerMonth")
            .Description($"Consultations and guidance visits {whose} workstations gave, month by month from `from` to `to` (every month, zero when none), by the day each was given. Counts of the workstations' own work: exact for every reader.")
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

                return await ServicesPerMonthAsync(services.GetRequiredService<WorkstationsDbContext>(), park(context.Source), first, last, context.CancellationToken);
            });

    /// <summary>Sums the workstations' monthly counts (kept from <c>ServiceRecorded</c> events) in one grouped statement.</summary>
    private static async Task<IReadOnlyList<MonthlyServiceStat>> ServicesPerMonthAsync(
        WorkstationsDbContext db, Guid parkId, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var counted = await db.MonthlyServiceStats.AsNoTracking()
            .Where(s => s.Month >= first && s.Month <= last && (parkId == StatisticsScope.WholeCity || db.Workstations.Any(w => w.Id == s.WorkstationId && w.ParkId == parkId)))
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

                // The park and its counts in one statement, one snapshot: four statements one after another could count a
                // workstation opened between them in one figure and not the other.
                var db = context.RequestServices!.GetRequiredService<WorkstationsDbContext>();
                var workstations = db.Workstations.Where(w => w.ParkId == parkId);
                return await db.Parks.AsNoTracking()
                    .Where(p => p.Id == parkId)
                    .Select(p => new ParkStatistics(
                        p.Id,
                        workstations.Count(),
                        workstations.Count(w => w.Status == WorkstationStatus.Open),
                        db.ServiceRecords.Count(r => workstations.Select(w => w.Id).Contains(r.WorkstationId))))
                    .FirstOrDefaultAsync(context.CancellationToken);
            });
}

/// <summary><c>cityStatistics</c>: the whole city and every park, for the city centre only.</summary>
internal sealed class CityStatisticsQuery : IQueryFieldContribution
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<CityStatisticsType>>("cityStatistics")
            .Description("Aggregate figures of the whole city and of each park: the city centre's view. Each module adds the same sections as to ParkStatistics.")
            .AuthorizeWithPolicy(AccessPolicies.Admin)
            .ResolveAsync(async context =>
            {
                var db = context.RequestServices!.GetRequiredService<WorkstationsDbContext>();
                var parks = await db.Parks.AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.Id).Select(p => p.Id).ToListAsync(context.CancellationToken);
                var workstations = await db.Workstations.AsNoTracking()
                    .GroupBy(w => w.ParkId)
                    .Select(g => new { Park = g.Key, Total = g.Count(), Open = g.Count(w => w.Status == WorkstationStatus.Open) })
                    .ToDictionaryAsync(w => w.Park, context.CancellationToken);
                var records = await db.ServiceRecords.AsNoTracking()
                    .Join(db.Workstations, r => r.WorkstationId, w => w.Id, (r, w) => w.ParkId)
                    .GroupBy(park => park)
                    .Select(g => new { Park = g.Key, Count = g.Count() })
                    .ToDictionaryAsync(r => r.Park, r => r.Count, context.CancellationToken);
                var perPark = parks.Select(park => new ParkStatistics(
                    park,
                    workstations.TryGetValue(park, out var w) ? w.Total : 0,
                    w?.Open ?? 0,
                    records.GetValueOrDefault(park))).ToList();
                return new CityStatistics(perPark.Sum(p => p.WorkstationCount), perPark.Sum(p => p.OpenWorkstationCount), perPark.Sum(p => p.ServiceRecordCount), perPark);
            });
}
