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

internal sealed class EnterpriseFilter
{
    public IdFilter? Park { get; set; }
    public IdFilter? Workstation { get; set; }
    public string? Market { get; set; }
    public SalesPlatform? Platform { get; set; }
    public CertificationFilter? Certification { get; set; }
    public DateFilter? EstablishedOn { get; set; }
    public string? NameContains { get; set; }
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

internal sealed class EnterpriseFilterType : InputObjectGraphType<EnterpriseFilter>
{
    public EnterpriseFilterType()
    {
        Name = "EnterpriseFilter";
        Description = "All given conditions must hold.";
        Field<IdFilterInputType>("park").Description("The park's global id.");
        Field<IdFilterInputType>("workstation").Description("The workstation's global id.");
        Field<StringGraphType>("market").Description("Has this target market (ISO 3166-1 alpha-2 code or region such as GCC, EU).");
        Field<SalesPlatformType>("platform").Description("Sells on this platform.");
        Field<CertificationFilterType>("certification");
        Field<DateFilterInputType>("establishedOn");
        Field<StringGraphType>("nameContains").Description("In the Chinese or the English name, ignoring case.");
    }
}

internal enum EnterpriseOrderField
{
    Name,
    CreditCode,
}

internal sealed class EnterpriseOrder
{
    public EnterpriseOrderField Field { get; set; }
    public OrderDirection Direction { get; set; }
}

internal sealed class EnterpriseOrderFieldType : EnumerationGraphType<EnterpriseOrderField>
{
    public EnterpriseOrderFieldType()
    {
        Name = "EnterpriseOrderField";
        Description = "NAME orders by the Chinese name.";
    }
}

internal sealed class EnterpriseOrderType : InputObjectGraphType<EnterpriseOrder>
{
    public EnterpriseOrderType()
    {
        Name = "EnterpriseOrder";
        Field<NonNullGraphType<EnterpriseOrderFieldType>>("field");
        Field<NonNullGraphType<OrderDirectionType>>("direction").DefaultValue(OrderDirection.Asc);
    }
}

internal static class EnterpriseFiltering
{
    public static IQueryable<Enterprise> Apply(IQueryable<Enterprise> enterprises, EnterpriseFilter? filter, EnterprisesDbContext db, DateOnly today)
    {
        if (filter is null)
        {
            return enterprises;
        }

        enterprises = enterprises
            .Where(e => e.ParkId!.Value, filter.Park, WorkstationsGlobalIds.Park, "where.park")
            .Where(e => e.WorkstationId!.Value, filter.Workstation, WorkstationsGlobalIds.Workstation, "where.workstation")
            .Where(e => e.EstablishedOn!.Value, filter.EstablishedOn, "where.establishedOn");
        if (filter.Market is { } market)
        {
            var normalized = Markets.Normalize(market);
            if (!Markets.IsKnown(normalized))
            {
                throw new UserInputError(ErrorCodes.InvalidFilter, $"'{market}' in where.market is not an ISO 3166-1 alpha-2 code or a known region.");
            }

            var token = Enterprise.MarketToken(normalized);
            enterprises = enterprises.Where(e => e.MarketCodes.Contains(token));
        }

        if (filter.Platform is { } platform)
        {
            var token = Enterprise.PlatformToken(platform);
            enterprises = enterprises.Where(e => e.PlatformCodes.Contains(token));
        }

        if (filter.NameContains is { Length: > 0 } name)
        {
            var lowered = name.ToLowerInvariant();
            enterprises = enterprises.Where(e => e.NameZh.ToLower().Contains(lowered) || (e.NameEn != null && e.NameEn.ToLower().Contains(lowered)));
        }

        if (filter.Certification is { } certification)
        {
            var certifications = Certifications(db.Certifications, certification, today);
            enterprises = enterprises.Where(e => certifications.Any(c => c.EnterpriseId == e.Id));
        }

        return enterprises;
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
    private static readonly SortKey<Enterprise> ByName = SortKey<Enterprise>.By("name", e => e.NameZh);
    private static readonly SortKey<Enterprise> ByCreditCode = SortKey<Enterprise>.By("creditCode", e => e.CreditCode);

    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<EnterpriseType, Enterprise>>>("enterprises")
            .AuthorizeWithPolicy(EnterpriseAccess.ReadPolicy)
            .Description("Enterprises the caller may see, filtered and ordered (by Chinese name unless told otherwise).")
            .Argument<EnterpriseFilterType>("where")
            .Argument<EnterpriseOrderType>("orderBy")
            .PagingArguments()
            .ResolveAsync(async context =>
            {
                var page = PageRequest.From(context);
                var filter = context.GetArgument<EnterpriseFilter?>("where");
                var order = context.GetArgument<EnterpriseOrder?>("orderBy");
                var services = context.RequestServices!;
                var db = services.GetRequiredService<EnterprisesDbContext>();
                var today = ParkCalendar.Today(services.GetRequiredService<TimeProvider>());

                var enterprises = EnterpriseFiltering.Apply(db.Enterprises.Visible(context.Access()), filter, db, today);
                var sort = order?.Field == EnterpriseOrderField.CreditCode ? ByCreditCode : ByName;
                return await enterprises.ToConnectionAsync(sort, order?.Direction == OrderDirection.Desc, page, context.CancellationToken);
            });

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
