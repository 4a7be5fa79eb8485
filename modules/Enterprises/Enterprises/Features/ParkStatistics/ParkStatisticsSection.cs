using GraphQL;
using GraphQL.Types;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Persistence;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Statistics;
using IpShield.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Enterprises.Features.ParkStatistics;

/// <summary><c>ParkStatistics.enterprises</c> and <c>CityStatistics.enterprises</c>: the Enterprises module's section, computed from its own tables.</summary>
internal abstract class EnterpriseStatisticsSection : TypeExtension
{
    protected EnterpriseStatisticsSection(string type, string whose)
        : base(type) =>
        Field<NonNullGraphType<ParkEnterpriseStatisticsType>>("enterprises")
            .Description($"Enterprises of {whose} (from the Enterprises module). Time series cover the months from `from` to `to` (default: the twelve months up to today, in the park's calendar).")
            .AuthorizeWithPolicy(AccessPolicies.Scope(PlatformScopes.StatsRead))
            .Argument<DateOnlyGraphType>("from", "First day of the range (its month is counted whole).")
            .Argument<DateOnlyGraphType>("to", "Last day of the range.")
            .Resolve(context =>
            {
                var services = context.RequestServices!;
                var today = ParkCalendar.Today(services.GetRequiredService<TimeProvider>());
                var range = MonthRange.Of(context.GetArgument<DateOnly?>("from"), context.GetArgument<DateOnly?>("to"), today);
                var privacy = StatisticsPrivacy.For(context.Access(), services.GetRequiredService<IConfiguration>());
                return services.GetRequiredService<RequestDataLoaders>()
                    .StatisticsSection<EnterprisesDbContext, SectionKey, ParkEnterpriseStatistics>("ent:park-statistics", today, k => k.Park, (db, scope, keys, ct) => LoadAsync(db, scope.GetRequiredService<StatisticsReads>(), scope.GetRequiredService<ProfileSpellings>(), keys, today, ct))
                    .Load(new SectionKey(context.ParentKey(), range, privacy));
            });

    /// <summary>
    /// Counts in the database, grouped by park: a handful of GROUP BY queries whose answers are as long as the park has
    /// distinct profiles, days and months, not as long as it has enterprises or sales rows. The city is the same queries
    /// without the park filter, summed over parks here (ADR 0027).
    /// </summary>
    private static async Task<IReadOnlyDictionary<SectionKey, ParkEnterpriseStatistics>> LoadAsync(
        EnterprisesDbContext db, StatisticsReads reads, ProfileSpellings spellings, IReadOnlyCollection<SectionKey> keys, DateOnly today, CancellationToken cancellationToken)
    {
        var parks = keys.Select(k => (Guid?)k.Park).Distinct().ToList();
        var wholeCity = StatisticsScope.IncludesWholeCity(keys.Select(k => k.Park));
        var first = keys.Min(k => k.Range.From);
        var last = keys.Max(k => k.Range.To);
        IQueryable<Enterprise> SettledOf(EnterprisesDbContext context) =>
            context.Enterprises.AsNoTracking().Where(e => e.ParkId != null && (wholeCity || parks.Contains(e.ParkId)));

        // Each certification carries its enterprise's park (CertificationParks): one index range per park.
        IQueryable<PlatformCertification> CertifiedOf(EnterprisesDbContext context) =>
            context.Certifications.AsNoTracking().Where(c => c.ParkId != null && (wholeCity || parks.Contains(c.ParkId)));

        ILookup<Guid, EnterpriseProfile> profiles = null!;
        ILookup<Guid, SettledDay> settledDays = null!;
        ILookup<Guid, CertificationGroup> certifications = null!;
        ILookup<Guid, ExpiringCertification> expiring = null!;
        ILookup<Guid, SalesGroup> sales = null!;
        // Three groups of statements side by side on spare connections when the host has them (ADR 0038).
        await reads.RunAsync(
            db,
            cancellationToken,
            async (context, ct) =>
            {
                // Profiles are counted by their key from the (ParkId, ProfileKey) index, and each is spelled out from one
                // of its enterprises (ADR 0035): grouping the records by the lists themselves sorted 10,000 long rows per park.
                profiles = await ProfilesAsync(SettledOf(context), context, spellings, ct);
            },
            async (context, ct) =>
            {
                // Grouped in the index's own order (park, platform, status) and the lapsed counted within: grouping by
                // "lapsed" too made MariaDB sort the park's certifications in a temporary table (10 -> 4 ms at 10,000).
                certifications = (await (
                        from c in CertifiedOf(context)
                        group c by new { c.ParkId, c.Platform, c.Status } into g
                        select new { g.Key.ParkId, g.Key.Platform, g.Key.Status, Enterprises = g.Count(), Lapsed = g.Count(c => c.ExpiresOn != null && c.ExpiresOn < today) })
                        .ToListAsync(ct))
                    .SelectMany(c => c.Status == CertificationStatus.Certified
                        ? new[] { (c.ParkId, Group: new CertificationGroup(c.Platform, CertificationStatus.Certified, c.Enterprises - c.Lapsed)), (c.ParkId, Group: new CertificationGroup(c.Platform, CertificationStatus.Expired, c.Lapsed)) }
                        : [(c.ParkId, Group: new CertificationGroup(c.Platform, c.Status, c.Enterprises))])
                    .Where(c => c.Group.Enterprises > 0)
                    .ToLookup(c => c.ParkId!.Value, c => c.Group);
                var horizon = today.AddDays(90);
                expiring = (await (
                        from c in CertifiedOf(context)
                        where c.Status == CertificationStatus.Certified && c.ExpiresOn >= today && c.ExpiresOn <= horizon
                        select new { c.ParkId, c.EnterpriseId, ExpiresOn = c.ExpiresOn!.Value })
                        .ToListAsync(ct))
                    .ToLookup(c => c.ParkId!.Value, c => new ExpiringCertification(c.EnterpriseId, c.ExpiresOn));
            },
            async (context, ct) =>
            {
                settledDays = (await SettledOf(context)
                        .Where(e => e.SettledOn >= first && e.SettledOn <= last)
                        .GroupBy(e => new { e.ParkId, e.SettledOn })
                        .Select(g => new { g.Key.ParkId, g.Key.SettledOn, Enterprises = g.Count() })
                        .ToListAsync(ct))
                    .ToLookup(d => d.ParkId!.Value, d => new SettledDay(d.SettledOn!.Value, d.Enterprises));
                sales = (await SalesAsync(context, [.. keys.Select(k => k.Park).Distinct()], wholeCity, first, last, ct)).ToLookup(s => s.Park, s => s.Group);
            });

        return keys.ToDictionary(
            key => key,
            key => EnterpriseStatistics.Compute(
                new EnterpriseAggregates(
                    [.. StatisticsScope.Of(profiles, key.Park)],
                    [.. StatisticsScope.Of(settledDays, key.Park)],
                    [.. StatisticsScope.Of(certifications, key.Park)],
                    [.. StatisticsScope.Of(expiring, key.Park)],
                    [.. StatisticsScope.Of(sales, key.Park)]),
                key.Range,
                today,
                key.Privacy));
    }

    /// <summary>
    /// The profiles of the settled enterprises per park. A key is a digest of its profile, so a key the host has spelled
    /// out once is not read again (ADR 0035, amended): the count comes from the index alone, and records are read only for
    /// keys not seen before, one per key. Count and spelling are two statements: should the record read for a key have
    /// changed its profile in between, the count is taken again.
    /// </summary>
    private static async Task<ILookup<Guid, EnterpriseProfile>> ProfilesAsync(
        IQueryable<Enterprise> settled, EnterprisesDbContext context, ProfileSpellings spellings, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var counted = await settled.GroupBy(e => new { e.ParkId, e.ProfileKey })
                .Select(g => new { g.Key.ParkId, g.Key.ProfileKey, Enterprises = g.Count(), AnyId = g.Min(e => e.Id) })
                .ToListAsync(cancellationToken);
            var spelled = new Dictionary<string, ProfileSpelling>(StringComparer.Ordinal);
            var unknown = new List<Guid>();
            foreach (var group in counted)
            {
                if (spellings.TryGet(group.ProfileKey, out var known))
                {
                    spelled[group.ProfileKey] = known;
                }
                else
                {
                    unknown.Add(group.AnyId);
                }
            }

            foreach (var chunk in unknown.Chunk(500))
            {
                foreach (var e in await context.Enterprises.AsNoTracking().Where(e => chunk.Contains(e.Id))
                             .Select(e => new { e.ProfileKey, e.LegalForm, e.MarketCodes, e.PlatformCodes, e.ProductCategories }).ToListAsync(cancellationToken))
                {
                    var spelling = new ProfileSpelling(e.LegalForm, e.MarketCodes, e.PlatformCodes, e.ProductCategories);
                    spelled[e.ProfileKey] = spelling;
                    spellings.Remember(e.ProfileKey, spelling);
                }
            }

            if (counted.All(g => spelled.ContainsKey(g.ProfileKey)))
            {
                return counted.ToLookup(
                    g => g.ParkId!.Value,
                    g => new EnterpriseProfile(spelled[g.ProfileKey].Keys, g.Enterprises));
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException("The park's enterprise profiles changed while they were counted, three times in a row.");
            }
        }
    }

    /// <summary>
    /// Sales per park, month and currency, from the summary kept with every sales and settlement change (ADR 0031): as
    /// many rows as the range has months and currencies, however many enterprises and sales rows the parks have.
    /// </summary>
    private static async Task<List<(Guid Park, SalesGroup Group)>> SalesAsync(
        EnterprisesDbContext db, List<Guid> parks, bool wholeCity, DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        [.. (await db.ParkSalesMonths.AsNoTracking()
                .Where(s => s.Enterprises > 0 && s.Month >= first && s.Month <= last && (wholeCity || parks.Contains(s.ParkId)))
                .ToListAsync(cancellationToken))
            .Select(s => (s.ParkId, new SalesGroup(s.Month, s.Currency, s.Enterprises, s.Units, s.RevenueCents / 100m)))];

    /// <summary>One park's section as one caller asked for it: aliases may ask for different ranges in one request.</summary>
    private readonly record struct SectionKey(Guid Park, MonthRange Range, StatisticsPrivacy Privacy);
}

internal sealed class ParkStatisticsEnterprises() : EnterpriseStatisticsSection(StatisticsScope.ParkType, "the park");

internal sealed class CityStatisticsEnterprises() : EnterpriseStatisticsSection(StatisticsScope.CityType, "every park of the city");

internal sealed class ParkEnterpriseStatisticsType : ObjectGraphType<ParkEnterpriseStatistics>
{
    public ParkEnterpriseStatisticsType()
    {
        Name = "ParkEnterpriseStatistics";
        Description = "The Enterprises module's section of a park's statistics.";
        Field(s => s.Settled).Description("Enterprises settled in the park now.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MonthCountType>>>>("settledPerMonth")
            .Description("Enterprises settled in each month of the range (those still in the park).")
            .Resolve(c => c.Source.SettledPerMonth);
        Field<NonNullGraphType<BreakdownType>>("byTargetMarket").Description("Enterprises by target market (ISO 3166-1 code); an enterprise counts in each of its markets.").Resolve(c => c.Source.ByTargetMarket);
        Field<NonNullGraphType<BreakdownType>>("bySalesPlatform").Description("Enterprises by sales platform.").Resolve(c => c.Source.BySalesPlatform);
        Field<NonNullGraphType<BreakdownType>>("byProductCategory").Description("Enterprises by product category.").Resolve(c => c.Source.ByProductCategory);
        Field<NonNullGraphType<BreakdownType>>("byLegalForm").Description("Enterprises by legal form.").Resolve(c => c.Source.ByLegalForm);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CertificationCountType>>>>("certifications")
            .Description("Enterprises by platform and certification status (as of today: a certificate past its expiry counts as expired).")
            .Resolve(c => c.Source.Certifications);
        Field(s => s.CertificationsExpiringIn30Days, nullable: true).Description("Enterprises with a certificate expiring in the next 30 days; null when withheld.");
        Field(s => s.CertificationsExpiringIn90Days, nullable: true).Description("Enterprises with a certificate expiring in the next 90 days; null when withheld.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SalesMonthType>>>>("sales")
            .Description("Units and revenue per month and currency in the range. Sales are recorded per enterprise and month, not per platform.")
            .Resolve(c => c.Source.Sales);
        Field<NonNullGraphType<StatisticsPrivacyType>>("privacy").Description("Whether these figures are exact or protected for small groups.").Resolve(c => c.Source.Privacy);
    }
}

internal sealed class MonthCountType : ObjectGraphType<MonthCount>
{
    public MonthCountType()
    {
        Name = "MonthCount";
        Field<NonNullGraphType<DateOnlyGraphType>>("month").Description("The month's first day.").Resolve(c => c.Source.Month);
        Field(m => m.Enterprises, nullable: true).Description("Enterprises; null when too few to show.");
    }
}

internal sealed class CertificationCountType : ObjectGraphType<CertificationCount>
{
    public CertificationCountType()
    {
        Name = "CertificationCount";
        Field(c => c.Platform).Description("The sales platform, as SalesPlatform spells it.");
        Field(c => c.Status).Description("The certification status, as CertificationStatus spells it.");
        Field(c => c.Enterprises, nullable: true).Description("Enterprises; null when too few to show.");
    }
}

internal sealed class SalesMonthType : ObjectGraphType<SalesMonth>
{
    public SalesMonthType()
    {
        Name = "SalesMonth";
        Field<NonNullGraphType<DateOnlyGraphType>>("month").Description("The month's first day.").Resolve(c => c.Source.Month);
        Field(s => s.Currency).Description("ISO 4217 code.");
        Field(s => s.Enterprises, nullable: true).Description("Enterprises that reported sales; null when too few to show.");
        Field(s => s.Units, nullable: true).Description("Units sold; null when too few enterprises make it up.");
        Field(s => s.Revenue, nullable: true).Description("Revenue in the currency; null when too few enterprises make it up.");
    }
}
