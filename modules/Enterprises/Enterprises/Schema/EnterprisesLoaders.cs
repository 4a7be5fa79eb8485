using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Persistence;
using IpShield.SharedKernel.GraphQL.DataLoading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Enterprises.Schema;

/// <summary>The module's batched reads: one SQL statement per field per level of a query, whatever the page size.</summary>
internal static class EnterprisesLoaders
{
    /// <summary>Contacts of the given enterprises; callers check <see cref="EnterpriseAccess.CanSeeContactsOf"/> first.</summary>
    public static BatchLoader<Guid, IReadOnlyList<Contact>> ContactsOf(IServiceProvider services) =>
        services.GetRequiredService<RequestDataLoaders>().ForMany<Guid, Contact>("ent:contacts", async (ids, ct) =>
            (await Db(services).Contacts.AsNoTracking().Where(c => ids.Contains(c.EnterpriseId)).OrderBy(c => c.Name).ThenBy(c => c.Id).ToListAsync(ct))
            .ToLookup(c => c.EnterpriseId));

    public static BatchLoader<Guid, IReadOnlyList<PlatformCertification>> CertificationsOf(IServiceProvider services) =>
        services.GetRequiredService<RequestDataLoaders>().ForMany<Guid, PlatformCertification>("ent:certifications", async (ids, ct) =>
            (await Db(services).Certifications.AsNoTracking().Where(c => ids.Contains(c.EnterpriseId)).OrderBy(c => c.Platform).ToListAsync(ct))
            .ToLookup(c => c.EnterpriseId));

    /// <summary>The latest months of each enterprise in the batch, newest first; the limit is applied after one read.</summary>
    public static BatchLoader<Guid, IReadOnlyList<MonthlySales>> LatestSalesOf(IServiceProvider services, int months) =>
        services.GetRequiredService<RequestDataLoaders>().ForMany<Guid, MonthlySales>($"ent:sales:{months}", async (ids, ct) =>
            (await Db(services).MonthlySales.AsNoTracking().Where(s => ids.Contains(s.EnterpriseId)).OrderByDescending(s => s.Month).ToListAsync(ct))
            .GroupBy(s => s.EnterpriseId)
            .SelectMany(g => g.Take(months))
            .ToLookup(s => s.EnterpriseId));

    private static EnterprisesDbContext Db(IServiceProvider services) => services.GetRequiredService<EnterprisesDbContext>();
}
