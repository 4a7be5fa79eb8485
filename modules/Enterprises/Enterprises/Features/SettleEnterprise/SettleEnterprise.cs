using IpShield.SharedKernel.Time;
using GraphQL.Types;
using IpShield.Enterprises.Contracts;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Persistence;
using IpShield.Enterprises.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Contracts;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Enterprises.Features.SettleEnterprise;

internal sealed class SettleEnterpriseInput
{
    public string? Id { get; set; }
    public string? ParkId { get; set; }
    public string? WorkstationId { get; set; }
    public DateOnly SettledOn { get; set; }
}

internal sealed class SettleEnterpriseInputType : InputObjectGraphType<SettleEnterpriseInput>
{
    public SettleEnterpriseInputType()
    {
        Name = "SettleEnterpriseInput";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The enterprise.");
        Field<NonNullGraphType<IdGraphType>>("parkId");
        Field<NonNullGraphType<IdGraphType>>("workstationId").Description("An open workstation of that park, which will serve the enterprise.");
        Field<NonNullGraphType<DateOnlyGraphType>>("settledOn");
    }
}

internal static class SettleEnterpriseHandler
{
    public static async Task<Payload<Enterprise>> HandleAsync(
        SettleEnterpriseInput input, AccessContext access, EnterprisesDbContext db, IWorkstationDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(input.Id, EnterprisesGlobalIds.Enterprise, true, "input", "id");
        var parkId = check.Id(input.ParkId, WorkstationsGlobalIds.Park, true, "input", "parkId");
        var workstationId = check.Id(input.WorkstationId, WorkstationsGlobalIds.Workstation, true, "input", "workstationId");
        check.Must(input.SettledOn <= ParkCalendar.Today(time), EnterpriseErrorCodes.InvalidDate, "settledOn lies in the future.", "input", "settledOn");
        if (check.Failed)
        {
            return Payload<Enterprise>.Failure(check.Errors);
        }

        var enterprise = await db.Enterprises.Visible(access).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (enterprise is null)
        {
            return Payload<Enterprise>.Failure(UserError.NotFound("The enterprise", "input", "id"));
        }

        if (!access.CanSettleInto(workstationId!.Value) || (enterprise.WorkstationId is not null && !access.CanChange(enterprise.WorkstationId)))
        {
            return Payload<Enterprise>.Failure(new UserError(ErrorCodes.Forbidden, "Only the city centre, or staff of both workstations concerned, settle or move an enterprise."));
        }

        var parks = await directory.ParksOfOpenWorkstationsAsync([workstationId.Value], cancellationToken);
        if (!parks.TryGetValue(workstationId.Value, out var parkOfWorkstation))
        {
            return Payload<Enterprise>.Failure(new UserError(ErrorCodes.NotFound, "The workstation does not exist or is closed.", ["input", "workstationId"]));
        }

        if (parkOfWorkstation != parkId)
        {
            return Payload<Enterprise>.Failure(new UserError(ErrorCodes.Invalid, "The workstation is not in this park.", ["input", "workstationId"]));
        }

        if (enterprise.ParkId == parkId && enterprise.WorkstationId == workstationId)
        {
            return Payload<Enterprise>.Failure(new UserError(ErrorCodes.InvalidState, "The enterprise is already settled there.", ["input", "parkId"]));
        }

        enterprise.SettleIn(parkId!.Value, workstationId.Value, input.SettledOn, time.GetUtcNow());
        // A stale version or a taken unique key becomes a typed error in the mutation kit.
        await db.SaveChangesAsync(cancellationToken);

        return Payload<Enterprise>.Success(enterprise);
    }
}

internal sealed class SettleEnterpriseMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<SettleEnterpriseInputType, EnterpriseType>("settleEnterprise", AccessPolicies.People, "enterprise", SettleEnterpriseHandler.HandleAsync)
            .Description("Settles an enterprise in a park, served by one of its workstations, or moves it to another park.");
}
