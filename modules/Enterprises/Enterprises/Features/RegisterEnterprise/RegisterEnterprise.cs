using IpShield.SharedKernel.Time;
using GraphQL.Types;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Persistence;
using IpShield.Enterprises.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.Persistence;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Enterprises.Features.RegisterEnterprise;

internal sealed class ContactInput
{
    public string? Name { get; set; }
    public string? Role { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }

    public static List<Contact>? Check(InputCheck check, List<ContactInput>? contacts, Guid enterpriseId)
    {
        if (contacts is null)
        {
            return null;
        }

        check.Must(contacts.Count <= 20, ErrorCodes.TooLong, "At most 20 contacts.", "input", "contacts");
        return [.. contacts.Select((c, i) => new Contact
        {
            EnterpriseId = enterpriseId,
            Name = check.Text(c.Name, Contact.NameMax, true, "input", "contacts", $"{i}", "name") ?? string.Empty,
            Role = check.Text(c.Role, Contact.RoleMax, false, "input", "contacts", $"{i}", "role"),
            Phone = check.Text(c.Phone, Contact.PhoneMax, false, "input", "contacts", $"{i}", "phone"),
            Email = check.Text(c.Email, Contact.EmailMax, false, "input", "contacts", $"{i}", "email"),
        })];
    }
}

internal sealed class ContactInputType : InputObjectGraphType<ContactInput>
{
    public ContactInputType()
    {
        Name = "EnterpriseContactInput";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<StringGraphType>("role");
        Field<StringGraphType>("phone");
        Field<StringGraphType>("email");
    }
}

internal sealed class RegisterEnterpriseInput
{
    public string? CreditCode { get; set; }
    public string? NameZh { get; set; }
    public string? NameEn { get; set; }
    public LegalForm? LegalForm { get; set; }
    public DateOnly? EstablishedOn { get; set; }
    public List<string>? TargetMarkets { get; set; }
    public List<SalesPlatform>? SalesPlatforms { get; set; }
    public List<string>? ProductCategories { get; set; }
    public List<ContactInput>? Contacts { get; set; }
}

internal sealed class RegisterEnterpriseInputType : InputObjectGraphType<RegisterEnterpriseInput>
{
    public RegisterEnterpriseInputType()
    {
        Name = "RegisterEnterpriseInput";
        Field<NonNullGraphType<StringGraphType>>("creditCode").Description("The 18-character unified social credit code.");
        Field<NonNullGraphType<StringGraphType>>("nameZh");
        Field<StringGraphType>("nameEn");
        Field<LegalFormType>("legalForm").Description("LIMITED_LIABILITY_COMPANY unless given.");
        Field<DateOnlyGraphType>("establishedOn");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("targetMarkets").Description("ISO 3166-1 alpha-2 codes or regions (GCC, EU…).");
        Field<ListGraphType<NonNullGraphType<SalesPlatformType>>>("salesPlatforms");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("productCategories");
        Field<ListGraphType<NonNullGraphType<ContactInputType>>>("contacts");
    }
}

internal static class RegisterEnterpriseHandler
{
    public static async Task<Payload<Enterprise>> HandleAsync(RegisterEnterpriseInput input, AccessContext access, EnterprisesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!access.CanRegister())
        {
            return Payload<Enterprise>.Failure(new UserError(ErrorCodes.Forbidden, "Only workstation staff, importer clients and the city centre register enterprises."));
        }

        var check = new InputCheck();
        var record = EnterpriseRecord.Check(
            check, input.CreditCode, input.NameZh, input.NameEn, input.LegalForm, input.EstablishedOn,
            input.TargetMarkets, input.SalesPlatforms, input.ProductCategories, ParkCalendar.Today(time), "input");
        var enterprise = new Enterprise { CreditCode = record?.CreditCode ?? string.Empty, NameZh = record?.NameZh ?? string.Empty };
        var contacts = ContactInput.Check(check, input.Contacts, enterprise.Id);
        if (record is not null && await db.Enterprises.AnyAsync(e => e.CreditCode == record.CreditCode, cancellationToken))
        {
            check.Add(AlreadyRegistered());
        }

        if (check.Failed)
        {
            return Payload<Enterprise>.Failure(check.Errors);
        }

        record!.ApplyTo(enterprise);
        enterprise.Registered(time.GetUtcNow());
        db.Enterprises.Add(enterprise);
        db.Contacts.AddRange(contacts ?? []);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (PersistenceErrors.IsUniqueViolation(exception.InnerException!))
        {
            // Registered by someone else between our check and our insert (the unique index on the credit code).
            return Payload<Enterprise>.Failure(AlreadyRegistered());
        }

        return Payload<Enterprise>.Success(enterprise);
    }

    private static UserError AlreadyRegistered() =>
        new(EnterpriseErrorCodes.AlreadyExists, "An enterprise with this credit code is already registered.", ["input", "creditCode"]);
}

internal sealed class RegisterEnterpriseMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<RegisterEnterpriseInputType, EnterpriseType>("registerEnterprise", EnterpriseAccess.WritePolicy, "enterprise", RegisterEnterpriseHandler.HandleAsync)
            .Description("Registers an enterprise by its unified social credit code (unique).");
}
