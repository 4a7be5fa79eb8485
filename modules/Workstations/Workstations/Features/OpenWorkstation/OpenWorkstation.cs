using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Messaging;
using IpShield.Workstations.Contracts;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using IpShield.Workstations.Schema;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Workstations.Features.OpenWorkstation;

internal sealed class OpenWorkstationInput
{
    public string? Name { get; set; }
    public WorkstationLevel Level { get; set; }
    public string? ParkId { get; set; }
    public DateOnly OpenedOn { get; set; }
    public string? Head { get; set; }
    public string? Contact { get; set; }
    public List<WorkstationService>? ServicesOffered { get; set; }
}

internal sealed class OpenWorkstationInputType : InputObjectGraphType<OpenWorkstationInput>
{
    public OpenWorkstationInputType()
    {
        Name = "OpenWorkstationInput";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<WorkstationLevelType>>("level");
        Field<NonNullGraphType<IdGraphType>>("parkId");
        Field<NonNullGraphType<DateOnlyGraphType>>("openedOn");
        Field<StringGraphType>("head");
        Field<StringGraphType>("contact");
        Field<ListGraphType<NonNullGraphType<WorkstationServiceType>>>("servicesOffered");
    }
}

internal static class OpenWorkstationHandler
{
    public static async Task<Payload<Workstation>> HandleAsync(OpenWorkstationInput input, AccessContext access, WorkstationsDbContext db, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var name = check.Text(input.Name, Workstation.NameMax, true, "input", "name");
        var parkId = check.Id(input.ParkId, WorkstationsGlobalIds.Park, true, "input", "parkId");
        var head = check.Text(input.Head, Workstation.HeadMax, false, "input", "head");
        var contact = check.Text(input.Contact, Workstation.ContactMax, false, "input", "contact");
        if (parkId is { } id && !await db.Parks.AnyAsync(p => p.Id == id, cancellationToken))
        {
            check.Add(UserError.NotFound("The park", "input", "parkId"));
        }

        if (name is not null && await db.Workstations.AnyAsync(w => w.Name == name && w.Status == WorkstationStatus.Open, cancellationToken))
        {
            check.Add(new UserError(ErrorCodes.Conflict, "An open workstation already has this name.", ["input", "name"]));
        }

        if (check.Failed)
        {
            return Payload<Workstation>.Failure(check.Errors);
        }

        var workstation = new Workstation
        {
            Name = name!,
            Level = input.Level,
            ParkId = parkId!.Value,
            OpenedOn = input.OpenedOn,
            Head = head,
            Contact = contact,
            ServicesOffered = input.ServicesOffered?.Distinct().ToList() ?? [],
        };
        db.Workstations.Add(workstation);
        db.Publish(new WorkstationOpened(workstation.Id, workstation.ParkId, workstation.Name, workstation.OpenedOn));
        await db.SaveChangesAsync(cancellationToken);
        return Payload<Workstation>.Success(workstation);
    }
}

internal sealed class OpenWorkstationMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<OpenWorkstationInputType, WorkstationType>("openWorkstation", AccessPolicies.Admin, "workstation", OpenWorkstationHandler.HandleAsync)
            .Description("Opens a workstation in a park (city centre only).");
}
