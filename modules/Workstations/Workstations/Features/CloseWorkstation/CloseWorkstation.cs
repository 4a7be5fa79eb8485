using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Contracts;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using IpShield.Workstations.Schema;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Workstations.Features.CloseWorkstation;

internal sealed class CloseWorkstationInput
{
    public string? Id { get; set; }
    public int ExpectedVersion { get; set; }
    public DateOnly ClosedOn { get; set; }
}

internal sealed class CloseWorkstationInputType : InputObjectGraphType<CloseWorkstationInput>
{
    public CloseWorkstationInputType()
    {
        Name = "CloseWorkstationInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<IntGraphType>>("expectedVersion");
        Field<NonNullGraphType<DateOnlyGraphType>>("closedOn");
    }
}

internal static class CloseWorkstationHandler
{
    public static async Task<Payload<Workstation>> HandleAsync(CloseWorkstationInput input, AccessContext access, WorkstationsDbContext db, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(input.Id, WorkstationsGlobalIds.Workstation, true, "input", "id");
        if (check.Failed)
        {
            return Payload<Workstation>.Failure(check.Errors);
        }

        var workstation = await db.Workstations.Visible(access).SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (workstation is null)
        {
            return Payload<Workstation>.Failure(UserError.NotFound("The workstation", "input", "id"));
        }

        check.Must(workstation.Version == input.ExpectedVersion, ErrorCodes.Conflict, "The workstation was changed by someone else meanwhile; reload it and try again.", "input", "expectedVersion");
        check.Must(workstation.Status == WorkstationStatus.Open, ErrorCodes.InvalidState, "The workstation is already closed.", "input", "id");
        check.Must(input.ClosedOn >= workstation.OpenedOn, ErrorCodes.Invalid, "A workstation cannot close before it opened.", "input", "closedOn");
        if (check.Failed)
        {
            return Payload<Workstation>.Failure(check.Errors);
        }

        workstation.Close(input.ClosedOn);
        // A stale version or a taken unique key becomes a typed error in the mutation kit.
        await db.SaveChangesAsync(cancellationToken);

        return Payload<Workstation>.Success(workstation);
    }
}

internal sealed class CloseWorkstationMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<CloseWorkstationInputType, WorkstationType>("closeWorkstation", AccessPolicies.Admin, "workstation", CloseWorkstationHandler.HandleAsync)
            .Description("Closes a workstation; its records stay readable.");
}
