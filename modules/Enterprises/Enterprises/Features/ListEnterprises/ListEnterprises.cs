using IpShield.Enterprises.Contracts;
using IpShield.SharedKernel.GraphQL.Lists;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.Time;
using GraphQL;
using GraphQL.Types;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Persistence;
using IpShield.Enterprises.Schema;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Filtering;
using IpShield.SharedKernel.GraphQL.Paging;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Enterprises.Features.ListEnterprises;

internal sealed class CertificationFilter
{
    public SalesPlatform? Platform { get; set; }
    public CertificationStatus? Status { get; set; }
    public DateOnly? ExpiresBefore { get; set; }
}

internal sealed class CertificationFilterType : InputObjectGraphType<CertificationFilter>
{
    public CertificationFilterType()
    {
        Name = "CertificationFilter";
        Description = "Enterprises with a certification matching all given conditions. Status is as of today (a certificate past its expiry is EXPIRED).";
        Field<SalesPlatformType>("platform");
        Field<CertificationStatusType>("status");
        Field<DateOnlyGraphType>("expiresBefore").Description("Certified, with an expiry date before this day (includes already expired ones).");
    }
}

/// <summary>The list of enterprises: its filters and orderings, declared once; also behind Workstation.enterprises and Park.enterprises.</summary>
internal sealed class EnterpriseList : EntityList<Enterprise>
{
    public EnterpriseList()
        : base(EnterprisesGlobalIds.Enterprise)
    {
        Order("NAME", e => e.NameZh).Describe("The Chinese name.");
        Order("CREDIT_CODE", e => e.CreditCode);
        Reference("park", e => e.ParkId!.Value, WorkstationsGlobalIds.Park).Describe("The park's global id.");
        Reference("workstation", e => e.WorkstationId!.Value, WorkstationsGlobalIds.Workstation).Describe("The workstation's global id.");
        Add<StringFilterInputType, StringFilter>("name", (rows, filter, context) => Names(rows, filter, context.Path))
            .Describe("The Chinese or the English name.");
        Add<StringFilterInputType, StringFilter>("targetMarket", (rows, filter, context) => TargetMarkets(rows, filter, context.Path))
            .Describe("Has a target market: eq or in, ISO 3166-1 alpha-2 codes or regions such as GCC, EU.");
        Add<EnumFilterInputType<SalesPlatformType, SalesPlatform>, EnumFilter<SalesPlatform>>("salesPlatform", (rows, filter, context) =>
                SoldOn(filter.Eq is { } eq ? SoldOn(rows, [eq]) : rows, filter.In ?? null))
            .Describe("Sells on this platform (eq) or on any of these (in).");
        Add<CertificationFilterType, CertificationFilter>("certification", (rows, filter, context) => Certified(rows, filter, context.Services));
        Date("establishedOn", e => e.EstablishedOn!.Value);
        Add<StringGraphType, string>("market", (rows, market, context) => TargetMarkets(rows, new StringFilter { Eq = market }, context.Path))
            .Deprecate("use targetMarket: { eq: ... }");
        Add<SalesPlatformType, SalesPlatform>("platform", (rows, platform, context) => SoldOn(rows, [platform]))
            .Deprecate("use salesPlatform: { eq: ... }");
        Add<StringGraphType, string>("nameContains", (rows, name, context) => Names(rows, new StringFilter { Contains = name }, context.Path))
            .Deprecate("use name: { contains: ... }");
    }

    private static IQueryable<Enterprise> Names(IQueryable<Enterprise> rows, StringFilter filter, string path)
    {
        if (filter.Eq is { } eq)
        {
            rows = rows.Where(e => e.NameZh == eq || e.NameEn == eq);
        }

        if (filter.In is { } names)
        {
            rows = rows.Where(e => names.Contains(e.NameZh) || (e.NameEn != null && names.Contains(e.NameEn)));
        }

        if (filter.Contains is { Length: > 0 } term)
        {
            var lowered = term.ToLowerInvariant();
            rows = rows.Where(e => e.NameZh.ToLower().Contains(lowered) || (e.NameEn != null && e.NameEn.ToLower().Contains(lowered)));
        }

        return rows;
    }

    private static IQueryable<Enterprise> TargetMarkets(IQueryable<Enterprise> rows, StringFilter filter, string path)
    {
        if (filter.Contains is not null)
        {
            throw new UserInputError(ErrorCodes.InvalidFilter, $"{path} takes eq or in: market codes are matched whole.");
        }

        var asked = (filter.In ?? []).Concat(filter.Eq is { } eq ? [eq] : []).ToList();
        if (asked.Count > FilterTranslation.MaxInValues)
        {
            throw new UserInputError(ErrorCodes.InvalidFilter, $"{path}.in accepts at most {FilterTranslation.MaxInValues} values.");
        }

        foreach (var market in asked)
        {
            if (!Markets.IsKnown(Markets.Normalize(market)))
            {
                throw new UserInputError(ErrorCodes.InvalidFilter, $"'{market}' in {path} is not an ISO 3166-1 alpha-2 code or a known region.");
            }
        }

        if (filter.Eq is { } one)
        {
            var token = Enterprise.MarketToken(Markets.Normalize(one));
            rows = rows.Where(e => e.MarketCodes.Contains(token));
        }

        if (filter.In is { Count: > 0 } any)
        {
            var tokens = any.Select(m => Enterprise.MarketToken(Markets.Normalize(m))).ToList();
            rows = rows.Where(AnyToken(tokens, isMarket: true));
        }

        return rows;
    }

    private static IQueryable<Enterprise> SoldOn(IQueryable<Enterprise> rows, IReadOnlyList<SalesPlatform>? platforms) =>
        platforms is null ? rows : rows.Where(AnyToken([.. platforms.Select(Enterprise.PlatformToken)], isMarket: false));

    /// <summary>Has any of these tokens in its market or platform codes: an OR of LIKEs, which EF translates on both databases.</summary>
    private static System.Linq.Expressions.Expression<Func<Enterprise, bool>> AnyToken(IReadOnlyList<string> tokens, bool isMarket)
    {
        var e = System.Linq.Expressions.Expression.Parameter(typeof(Enterprise), "e");
        var column = System.Linq.Expressions.Expression.Property(e, isMarket ? nameof(Enterprise.MarketCodes) : nameof(Enterprise.PlatformCodes));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        System.Linq.Expressions.Expression body = System.Linq.Expressions.Expression.Constant(false);
        foreach (var token in tokens)
        {
            body = System.Linq.Expressions.Expression.OrElse(body, System.Linq.Expressions.Expression.Call(column, contains, System.Linq.Expressions.Expression.Constant(token)));
        }

        return System.Linq.Expressions.Expression.Lambda<Func<Enterprise, bool>>(body, e);
    }

    private static IQueryable<Enterprise> Certified(IQueryable<Enterprise> rows, CertificationFilter filter, IServiceProvider services)
    {
        var db = services.GetRequiredService<EnterprisesDbContext>();
        var certifications = Certifications(db.Certifications, filter, ParkCalendar.Today(services.GetRequiredService<TimeProvider>()));
        return rows.Where(e => certifications.Any(c => c.EnterpriseId == e.Id));
    }

    private static IQueryable<PlatformCertification> Certifications(IQueryable<PlatformCertification> certifications, CertificationFilter filter, DateOnly today)
    {
        if (filter.Platform is { } platform)
        {
            certifications = certifications.Where(c => c.Platform == platform);
        }

        // The status as of today, in SQL: a CERTIFIED one whose expiry date has passed is EXPIRED.
        certifications = filter.Status switch
        {
            CertificationStatus.Certified => certifications.Where(c => c.Status == CertificationStatus.Certified && (c.ExpiresOn == null || c.ExpiresOn >= today)),
            CertificationStatus.Expired => certifications.Where(c => c.Status == CertificationStatus.Expired || (c.Status == CertificationStatus.Certified && c.ExpiresOn < today)),
            { } status => certifications.Where(c => c.Status == status),
            null => certifications,
        };
        if (filter.ExpiresBefore is { } before)
        {
            certifications = certifications.Where(c => c.Status == CertificationStatus.Certified && c.ExpiresOn < before);
        }

        return certifications;
    }
}

internal sealed class ListEnterprises : IQueryFieldContribution
{
    private static readonly EnterpriseList List = ListDeclarations.Of<EnterpriseList, Enterprise>();

    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<EnterpriseType, Enterprise>>>("enterprises")
            .AuthorizeWithPolicy(EnterpriseAccess.ReadPolicy)
            .Description("Enterprises the caller may see, filtered and ordered (by Chinese name unless told otherwise).")
            .ListArguments(List)
            .ResolveAsync(async context => await List.PageAsync(
                context, context.RequestServices!.GetRequiredService<EnterprisesDbContext>().Rows<Enterprise>(context.Access(), context.RequestServices!)));

        query.Field<EnterpriseType>("enterpriseByCreditCode")
            .AuthorizeWithPolicy(EnterpriseAccess.ReadPolicy)
            .Description("The enterprise with this unified social credit code, if the caller may see it.")
            .Argument<NonNullGraphType<StringGraphType>>("creditCode")
            .ResolveAsync(async context =>
            {
                var code = CreditCode.Normalize(context.GetArgument<string>("creditCode"));
                var db = context.RequestServices!.GetRequiredService<EnterprisesDbContext>();
                return await db.Enterprises.AsNoTracking().Visible(context.Access()).SingleOrDefaultAsync(e => e.CreditCode == code, context.CancellationToken);
            });
    }
}
