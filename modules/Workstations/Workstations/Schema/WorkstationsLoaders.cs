using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Workstations.Schema;

/// <summary>The module's batched reads: one SQL statement per field per level of a query, whatever the page size.</summary>
internal static class WorkstationsLoaders
{
    public static BatchLoader<Guid, IReadOnlyList<Workstation>> WorkstationsOfPark(IServiceProvider services, AccessContext access) =>
        services.GetRequiredService<RequestDataLoaders>().ForMany<Guid, Workstation>("ws:workstations-of-park", async (parkIds, ct) =>
            (await Db(services).Workstations.AsNoTracking().Visible(access)
                .Where(w => parkIds.Contains(w.ParkId)).OrderBy(w => w.Name).ThenBy(w => w.Id).ToListAsync(ct))
            .ToLookup(w => w.ParkId));

    public static BatchLoader<Guid, IReadOnlyList<StaffAssignment>> StaffOf(IServiceProvider services, AccessContext access) =>
        services.GetRequiredService<RequestDataLoaders>().ForMany<Guid, StaffAssignment>("ws:staff", async (workstationIds, ct) =>
            (await Db(services).StaffAssignments.AsNoTracking().Visible(access)
                .Where(s => workstationIds.Contains(s.WorkstationId)).OrderBy(s => s.PersonName).ToListAsync(ct))
            .ToLookup(s => s.WorkstationId));

    /// <summary>
    /// The latest service records of each workstation in the batch. One statement for the whole batch; the
    /// per-workstation limit is applied after reading, so the limit argument is capped (see WorkstationType).
    /// </summary>
    public static BatchLoader<Guid, IReadOnlyList<ServiceRecord>> LatestServiceRecordsOf(IServiceProvider services, AccessContext access, int latest) =>
        services.GetRequiredService<RequestDataLoaders>().ForMany<Guid, ServiceRecord>($"ws:service-records-of:{latest}", async (workstationIds, ct) =>
            (await Db(services).ServiceRecords.AsNoTracking().Visible(access)
                .Where(r => workstationIds.Contains(r.WorkstationId))
                .OrderByDescending(r => r.OccurredOn).ThenByDescending(r => r.Id)
                .ToListAsync(ct))
            .GroupBy(r => r.WorkstationId)
            .SelectMany(g => g.Take(latest))
            .ToLookup(r => r.WorkstationId));

    public static BatchLoader<Guid, IReadOnlyList<MonthlyServiceStat>> MonthlyStatsOf(IServiceProvider services, AccessContext access) =>
        services.GetRequiredService<RequestDataLoaders>().ForMany<Guid, MonthlyServiceStat>("ws:monthly-stats", async (workstationIds, ct) =>
        {
            var visible = workstationIds.Where(access.CanReadInsideOf).ToList();
            return (await Db(services).MonthlyServiceStats.AsNoTracking()
                    .Where(s => visible.Contains(s.WorkstationId)).OrderByDescending(s => s.Month).ToListAsync(ct))
                .ToLookup(s => s.WorkstationId);
        });

    public static BatchLoader<Guid, IReadOnlyList<ServedEnterprise>> ServedEnterprisesOf(IServiceProvider services, AccessContext access) =>
        services.GetRequiredService<RequestDataLoaders>().ForMany<Guid, ServedEnterprise>("ws:served-enterprises", async (workstationIds, ct) =>
        {
            var visible = workstationIds.Where(access.CanReadInsideOf).ToList();
            return (await Db(services).ServedEnterprises.AsNoTracking()
                    .Where(s => visible.Contains(s.WorkstationId) && s.LeftOn == null).OrderBy(s => s.SettledOn).ToListAsync(ct))
                .ToLookup(s => s.WorkstationId);
        });

    private static WorkstationsDbContext Db(IServiceProvider services) => services.GetRequiredService<WorkstationsDbContext>();
}
