using IpShield.SharedKernel.Time;
using GraphQL.Types;
using IpShield.Enterprises.Contracts;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Features.RegisterEnterprise;
using IpShield.Enterprises.Persistence;
using IpShield.Enterprises.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Enterprises.Features.UpdateEnterprise;

/// <summary>Fields left out (null) stay as they are; the credit code never changes.</summary>
internal sealed class UpdateEnterpriseInput
{
    public string? Id { get; set; }
    public int ExpectedVersion { get; set; }
    public string? NameZh { get; set; }
    public string? NameEn { get; set; }
    public LegalForm? LegalForm { get; set; }
    public DateOnly? EstablishedOn { get; set; }
    public List<string>? TargetMarkets { get; set; }
    public List<SalesPlatform>? SalesPlatforms { get; set; }
    public List<string>? ProductCategories { get; set; }
    public List<ContactInput>? Contacts { get; set; }
}

internal sealed class UpdateEnterpriseInputType : InputObjectGraphType<UpdateEnterpriseInput>
{
    public UpdateEnterpriseInputType()
    {
        Name = "UpdateEnterpriseInput";
        Description = "Fields left out stay as they are. Lists given replace the old ones (contacts too).";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<IntGraphType>>("expectedVersion").Description("The version the change is based on.");
        Field<StringGraphType>("nameZh");
        Field<StringGraphType>("nameEn");
        Field<LegalFormType>("legalForm");
        Field<DateOnlyGraphType>("establishedOn");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("targetMarkets");
        Field<ListGraphType<NonNullGraphType<SalesPlatformType>>>("salesPlatforms");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("productCategories");
        Field<ListGraphType<NonNullGraphType<ContactInputType>>>("contacts");
    }
}

internal static class UpdateEnterpriseHandler
{
    public static async Task<Payload<Enterprise>> HandleAsync(UpdateEnterpriseInput input, AccessContext access, EnterprisesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(input.Id, EnterprisesGlobalIds.Enterprise, true, "input", "id");
        if (check.Failed)
        {
            return Payload<Enterprise>.Failure(check.Errors);
        }

        var enterprise = await db.Enterprises.Visible(access).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (enterprise is null)
        {
            return Payload<Enterprise>.Failure(UserError.NotFound("The enterprise", "input", "id"));
        }

        if (!access.CanChange(enterprise.WorkstationId))
        {
            return Payload<Enterprise>.Failure(new UserError(ErrorCodes.Forbidden, "Only the enterprise's workstation and the city centre change its record."));
        }

        if (enterprise.Version != input.ExpectedVersion)
        {
            return Conflict(enterprise.Version);
        }

        var record = EnterpriseRecord.Check(
            check,
            enterprise.CreditCode,
            input.NameZh ?? enterprise.NameZh,
            input.NameEn ?? enterprise.NameEn,
            input.LegalForm ?? enterprise.LegalForm,
            input.EstablishedOn ?? enterprise.EstablishedOn,
            input.TargetMarkets ?? enterprise.TargetMarkets,
            input.SalesPlatforms ?? enterprise.SalesPlatforms,
            input.ProductCategories ?? enterprise.ProductCategories,
            ParkCalendar.Today(time),
            "input");
        var contacts = ContactInput.Check(check, input.Contacts, enterprise.Id);
        if (check.Failed)
        {
            return Payload<Enterprise>.Failure(check.Errors);
        }

        record!.ApplyTo(enterprise);
        if (contacts is not null)
        {
            db.Contacts.RemoveRange(await db.Contacts.Where(c => c.EnterpriseId == enterprise.Id).ToListAsync(cancellationToken));
            db.Contacts.AddRange(contacts);
        }

        enterprise.Touch(time.GetUtcNow());
        // A stale version or a taken unique key becomes a typed error in the mutation kit.
        await db.SaveChangesAsync(cancellationToken);

        return Payload<Enterprise>.Success(enterprise);
    }

    private static Payload<Enterprise> Conflict(int? current) => Payload<Enterprise>.Failure(new UserError(
        ErrorCodes.Conflict,
        current is null
            ? "The enterprise was changed by someone else meanwhile; reload it and try again."
            : $"The enterprise was changed by someone else meanwhile (it is at version {current}); reload it and try again.",
        ["input", "expectedVersion"]));
}

internal sealed class UpdateEnterpriseMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<UpdateEnterpriseInputType, EnterpriseType>("updateEnterprise", EnterpriseAccess.WritePolicy, "enterprise", UpdateEnterpriseHandler.HandleAsync)
            .Description("Changes an enterprise's record; refused with CONFLICT when expectedVersion is stale.");
}
