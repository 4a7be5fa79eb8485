using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Contracts;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using IpShield.Workstations.Schema;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Workstations.Features.AssignStaff;

internal sealed class AssignStaffInput
{
    public string? WorkstationId { get; set; }
    public string? PersonName { get; set; }
    public string? Title { get; set; }
    public DateOnly AssignedOn { get; set; }
}

internal sealed class AssignStaffInputType : InputObjectGraphType<AssignStaffInput>
{
    public AssignStaffInputType()
    {
        Name = "AssignStaffInput";
        Field<NonNullGraphType<IdGraphType>>("workstationId");
        Field<NonNullGraphType<StringGraphType>>("personName");
        Field<StringGraphType>("title");
        Field<NonNullGraphType<DateOnlyGraphType>>("assignedOn");
    }
}

internal static class AssignStaffHandler
{
    public static async Task<Payload<StaffAssignment>> HandleAsync(AssignStaffInput input, AccessContext access, WorkstationsDbContext db, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var workstationId = check.Id(input.WorkstationId, WorkstationsGlobalIds.Workstation, true, "input", "workstationId");
        var name = check.Text(input.PersonName, StaffAssignment.NameMax, true, "input", "personName");
        var title = check.Text(input.Title, StaffAssignment.TitleMax, false, "input", "title");
        if (workstationId is { } id && !await db.Workstations.AnyAsync(w => w.Id == id && w.Status == WorkstationStatus.Open, cancellationToken))
        {
            check.Add(UserError.NotFound("An open workstation with this id", "input", "workstationId"));
        }

        if (check.Failed)
        {
            return Payload<StaffAssignment>.Failure(check.Errors);
        }

        var assignment = new StaffAssignment { WorkstationId = workstationId!.Value, PersonName = name!, Title = title, AssignedOn = input.AssignedOn };
        db.StaffAssignments.Add(assignment);
        await db.SaveChangesAsync(cancellationToken);
        return Payload<StaffAssignment>.Success(assignment);
    }
}

internal sealed class AssignStaffMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<AssignStaffInputType, StaffAssignmentType>("assignStaff", AccessPolicies.Admin, "assignment", AssignStaffHandler.HandleAsync)
            .Description("Assigns a person to a workstation (city centre only).");
}
