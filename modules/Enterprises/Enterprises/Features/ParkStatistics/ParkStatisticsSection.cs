using GraphQL;
using GraphQL.Types;
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
                    .For<SectionKey, ParkEnterpriseStatistics>("ent:park-statistics", (keys, ct) => LoadAsync(services.GetRequiredService<EnterprisesDbContext>(), keys, today, ct))
                    .Load(new SectionKey(context.ParentKey(), range, privacy));
            });

    private static async Task<IReadOnlyDictionary<SectionKey, ParkEnterpriseStatistics>> LoadAsync(
        EnterprisesDbContext db, IReadOnlyCollection<SectionKey> keys, DateOnly today, CancellationToken cancellationToken)
    {
        var parks = keys.Select(k => (Guid?)k.Park).Distinct().ToList();
        var wholeCity = StatisticsScope.IncludesWholeCity(keys.Select(k => k.Park));
        var first = keys.Min(k => k.Range.From);
        var last = keys.Max(k => k.Range.To);
        var settled = db.Enterprises.AsNoTracking().Where(e => e.ParkId != null && (wholeCity || parks.Contains(e.ParkId)));

        var enterprises = (await settled
                .Select(e => new { Park = e.ParkId!.Value, e.Id, e.SettledOn, e.LegalForm, e.MarketCodes, e.PlatformCodes, e.ProductCategories })
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.Park, e => new EnterpriseFacts(e.Id, e.SettledOn, e.LegalForm, e.MarketCodes, e.PlatformCodes, e.ProductCategories));
        var certifications = (await (
                from c in db.Certifications.AsNoTracking()
                join e in settled on c.EnterpriseId equals e.Id
                select new { Park = e.ParkId!.Value, Certification = c })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.Park, c => new CertificationFacts(c.Certification.EnterpriseId, c.Certification.Platform, c.Certification.StatusOn(today), c.Certification.ExpiresOn));
        var sales = (await (
                from s in db.MonthlySales.AsNoTracking()
                join e in settled on s.EnterpriseId equals e.Id
                where s.Month >= first && s.Month <= last
                select new { Park = e.ParkId!.Value, s.EnterpriseId, s.Month, s.Units, s.Revenue, s.Currency })
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.Park, s => new SalesFacts(s.EnterpriseId, s.Month, s.Units, s.Revenue, s.Currency));

        return keys.ToDictionary(
            key => key,
            key => EnterpriseStatistics.Compute(
                [.. StatisticsScope.Of(enterprises, key.Park)], [.. StatisticsScope.Of(certifications, key.Park)], [.. StatisticsScope.Of(sales, key.Park)], key.Range, today, key.Privacy));
    }

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
