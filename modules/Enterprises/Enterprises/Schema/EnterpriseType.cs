using IpShield.Enterprises.Persistence;
using IpShield.SharedKernel.Time;
using GraphQL;
using GraphQL.Types;
using IpShield.Enterprises.Contracts;
using IpShield.Enterprises.Domain;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.Workstations.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Enterprises.Schema;

/// <summary>The enterprise record; other modules add their own fields to this type (trademarks, cases…).</summary>
internal sealed class EnterpriseType : EntityNodeType<Enterprise, EnterprisesDbContext>
{
    public const int MaxSalesMonths = 120;

    public EnterpriseType()
        : base(EnterprisesGlobalIds.Enterprise)
    {
        Description = "An exporter, keyed by its unified social credit code.";
        this.AuthorizeWithPolicy(EnterpriseAccess.ReadPolicy);
        Field(e => e.CreditCode).Description("The 18-character unified social credit code (GB 32100-2015).");
        Field(e => e.NameZh).Description("The registered Chinese name.");
        Field(e => e.NameEn, nullable: true).Description("The English name used abroad.");
        Field<NonNullGraphType<LegalFormType>>("legalForm").Resolve(c => c.Source.LegalForm);
        Field(e => e.EstablishedOn, nullable: true);
        Field<IdGraphType>("parkId")
            .Description("Global id of the park it is settled in (a Park).")
            .DeprecationReason("use park")
            .Resolve(c => c.Source.ParkId is { } id ? GlobalId.Encode(WorkstationsGlobalIds.Park, id) : null);
        Field<IdGraphType>("workstationId")
            .Description("Global id of the workstation serving it (a Workstation).")
            .DeprecationReason("use workstation")
            .Resolve(c => c.Source.WorkstationId is { } id ? GlobalId.Encode(WorkstationsGlobalIds.Workstation, id) : null);
        Field(e => e.SettledOn, nullable: true).Description("When it settled in its current park.");
        Field("park", new GraphQLTypeReference(WorkstationsGlobalIds.Park))
            .Description("The park it is settled in; null when not settled or not visible to the caller.")
            .Resolve(c => c.LoadNode(WorkstationsGlobalIds.Park, c.Source.ParkId));
        Field("workstation", new GraphQLTypeReference(WorkstationsGlobalIds.Workstation))
            .Description("The workstation serving it; null when not settled or not visible to the caller. (Until this release a SettledWorkstation: its parkName is now park.name, its isOpen is status.)")
            .Resolve(c => c.LoadNode(WorkstationsGlobalIds.Workstation, c.Source.WorkstationId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("targetMarkets")
            .Description("ISO 3166-1 alpha-2 country codes and named regions (GCC, EU, EEA, ASEAN, MENA, LATAM, CIS, AFRICA, GLOBAL).")
            .Resolve(c => c.Source.TargetMarkets);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SalesPlatformType>>>>("salesPlatforms").Resolve(c => c.Source.SalesPlatforms);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("productCategories").Resolve(c => c.Source.ProductCategories);
        Field(e => e.Version).Description("Pass it back as expectedVersion when updating; a stale one is a CONFLICT.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlatformCertificationType>>>>("certifications")
            .Description("Platform IP-compliance certifications, one per platform.")
            .Resolve(c => EnterprisesLoaders.CertificationsOf(c.RequestServices!).Load(c.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MonthlySalesType>>>>("monthlySales")
            .Description($"Sales by month, newest first (at most {MaxSalesMonths} months).")
            .Argument<IntGraphType>("last", a => a.DefaultValue = 12)
            .Resolve(c =>
            {
                var last = c.GetArgument<int>("last");
                if (last is < 1 or > MaxSalesMonths)
                {
                    throw new UserInputError(ErrorCodes.InvalidPaging, $"last must be between 1 and {MaxSalesMonths}.");
                }

                return EnterprisesLoaders.LatestSalesOf(c.RequestServices!, last).Load(c.Source.Id);
            });
        Field<ListGraphType<NonNullGraphType<ContactType>>>("contacts")
            .Description("Personal data: null unless the caller is staff of its workstation, the city centre or a member of the enterprise.")
            .Resolve(c => c.Access().CanSeeContactsOf(c.Source) ? EnterprisesLoaders.ContactsOf(c.RequestServices!).Load(c.Source.Id) : null);
    }
}

internal sealed class ContactType : ObjectGraphType<Contact>
{
    public ContactType()
    {
        Name = "EnterpriseContact";
        Field(c => c.Name);
        Field(c => c.Role, nullable: true);
        Field(c => c.Phone, nullable: true);
        Field(c => c.Email, nullable: true);
    }
}

internal sealed class MonthlySalesType : ObjectGraphType<MonthlySales>
{
    public MonthlySalesType()
    {
        Name = "MonthlySales";
        Field<NonNullGraphType<StringGraphType>>("month").Description("YYYY-MM.").Resolve(c => c.Source.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        Field<NonNullGraphType<LongGraphType>>("units").Resolve(c => c.Source.Units);
        Field(s => s.Revenue, nullable: true);
        Field(s => s.Currency, nullable: true).Description("ISO 4217 code of the revenue.");
    }
}

internal sealed class PlatformCertificationType : ObjectGraphType<PlatformCertification>
{
    public PlatformCertificationType()
    {
        Name = "PlatformCertification";
        Description = "IP-compliance certification on one sales platform.";
        Field<NonNullGraphType<SalesPlatformType>>("platform").Resolve(c => c.Source.Platform);
        Field<NonNullGraphType<CertificationStatusType>>("status")
            .Description("As of today: a certificate past its expiry date is EXPIRED.")
            .Resolve(c => c.Source.StatusOn(ParkCalendar.Today(c.RequestServices!.GetRequiredService<TimeProvider>())));
        Field<NonNullGraphType<CertificationStatusType>>("recordedStatus")
            .Description("The status last recorded, before expiry is taken into account.")
            .Resolve(c => c.Source.Status);
        Field(p => p.StartedOn, nullable: true);
        Field(p => p.CertifiedOn, nullable: true);
        Field(p => p.ExpiresOn, nullable: true);
        Field(p => p.RevokedOn, nullable: true);
        Field(p => p.CertificateNumber, nullable: true);
    }
}
