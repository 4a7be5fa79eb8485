using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.GraphQL.DataLoading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Portfolios.Schema;

/// <summary>
/// The module's batched reads of a right's children: one statement per field per level of a query. The right itself was
/// read under the row rules, so its children need none of their own.
/// </summary>
internal static class PortfoliosLoaders
{
    public static BatchLoader<Guid, IReadOnlyList<IpRightEvent>> HistoryOf(IServiceProvider services) =>
        services.GetRequiredService<RequestDataLoaders>().ForMany<Guid, IpRightEvent>("pf:history", async (rightIds, ct) =>
            (await Db(services).IpRightEvents.AsNoTracking()
                .Where(e => rightIds.Contains(e.RightId)).OrderBy(e => e.OccurredOn).ThenBy(e => e.Id).ToListAsync(ct))
            .ToLookup(e => e.RightId));

    public static BatchLoader<Guid, IReadOnlyList<Designation>> DesignationsOf(IServiceProvider services) =>
        services.GetRequiredService<RequestDataLoaders>().ForMany<Guid, Designation>("pf:designations", async (rightIds, ct) =>
            (await Db(services).Designations.AsNoTracking()
                .Where(d => rightIds.Contains(d.RightId)).OrderBy(d => d.Country).ToListAsync(ct))
            .ToLookup(d => d.RightId));

    private static PortfoliosDbContext Db(IServiceProvider services) => services.GetRequiredService<PortfoliosDbContext>();
}
