using IpShield.SharedKernel.Time;
using GraphQL.Types;
using IpShield.Enterprises.Contracts;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Persistence;
using IpShield.Enterprises.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Enterprises.Features.ChangeCertificationStatus;

internal sealed class ChangeCertificationStatusInput
{
    public string? Id { get; set; }
    public SalesPlatform Platform { get; set; }
    public CertificationStatus Status { get; set; }
    public DateOnly On { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public string? CertificateNumber { get; set; }
}

internal sealed class ChangeCertificationStatusInputType : InputObjectGraphType<ChangeCertificationStatusInput>
{
    public ChangeCertificationStatusInputType()
    {
        Name = "ChangeCertificationStatusInput";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The enterprise.");
        Field<NonNullGraphType<SalesPlatformType>>("platform");
        Field<NonNullGraphType<CertificationStatusType>>("status");
        Field<NonNullGraphType<DateOnlyGraphType>>("on").Description("When it happened (started, certified, expired, revoked).");
        Field<DateOnlyGraphType>("expiresOn").Description("With CERTIFIED: when the certificate expires.");
        Field<StringGraphType>("certificateNumber").Description("With CERTIFIED.");
    }
}

internal static class ChangeCertificationStatusHandler
{
    public static async Task<Payload<Enterprise>> HandleAsync(ChangeCertificationStatusInput input, AccessContext access, EnterprisesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(input.Id, EnterprisesGlobalIds.Enterprise, true, "input", "id");
        var number = check.Text(input.CertificateNumber, PlatformCertification.CertificateNumberMax, false, "input", "certificateNumber");
        check.Must(input.On <= ParkCalendar.Today(time), EnterpriseErrorCodes.InvalidDate, "on lies in the future.", "input", "on");
        check.Must(input.ExpiresOn is null || input.Status == CertificationStatus.Certified, ErrorCodes.Invalid, "expiresOn goes with CERTIFIED only.", "input", "expiresOn");
        check.Must(input.ExpiresOn is null || input.ExpiresOn > input.On, EnterpriseErrorCodes.InvalidDate, "expiresOn must lie after the certification date.", "input", "expiresOn");
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
            return Payload<Enterprise>.Failure(new UserError(ErrorCodes.Forbidden, "Only the enterprise's workstation and the city centre record certifications."));
        }

        var certification = await db.Certifications.SingleOrDefaultAsync(c => c.EnterpriseId == enterprise.Id && c.Platform == input.Platform, cancellationToken);
        if (certification is null)
        {
            certification = new PlatformCertification { EnterpriseId = enterprise.Id, Platform = input.Platform };
            db.Certifications.Add(certification);
        }

        var allowed = input.Status switch
        {
            CertificationStatus.Expired or CertificationStatus.Revoked => certification.Status == CertificationStatus.Certified,
            _ => true,
        };
        if (!allowed)
        {
            return Payload<Enterprise>.Failure(new UserError(ErrorCodes.InvalidState, $"Only a certified platform can become {input.Status.ToString().ToUpperInvariant()}.", ["input", "status"]));
        }

        enterprise.Events.Add(certification.ChangeTo(input.Status, input.On, input.ExpiresOn, number, time.GetUtcNow()));
        enterprise.Touch(time.GetUtcNow());
        // A stale version or a taken unique key becomes a typed error in the mutation kit.
        await db.SaveChangesAsync(cancellationToken);

        return Payload<Enterprise>.Success(enterprise);
    }
}

internal sealed class ChangeCertificationStatusMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<ChangeCertificationStatusInputType, EnterpriseType>("changeCertificationStatus", EnterpriseAccess.WritePolicy, "enterprise", ChangeCertificationStatusHandler.HandleAsync)
            .Description("Records a platform IP-compliance certification step: started, certified (with expiry), expired or revoked.");
}
