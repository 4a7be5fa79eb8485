using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Contracts;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using IpShield.Workstations.Schema;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Workstations.Features.UpdateWorkstation;

/// <summary>Fields left out (null) stay as they are.</summary>
internal sealed class UpdateWorkstationInput
{
    public string? Id { get; set; }
    public int ExpectedVersion { get; set; }
    public string? Name { get; set; }
    public WorkstationLevel? Level { get; set; }
    public string? Head { get; set; }
    public string? Contact { get; set; }
    public List<WorkstationService>? ServicesOffered { get; set; }
}

internal sealed class UpdateWorkstationInputType : InputObjectGraphType<UpdateWorkstationInput>
{
    public UpdateWorkstationInputType()
    {
        Name = "UpdateWorkstationInput";
        Description = "Fields left out stay as they are.";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<IntGraphType>>("expectedVersion").Description("The version the change is based on.");
        Field<StringGraphType>("name");
        Field<WorkstationLevelType>("level");
        Field<StringGraphType>("head");
        Field<StringGraphType>("contact");
        Field<ListGraphType<NonNullGraphType<WorkstationServiceType>>>("servicesOffered");
    }
}

internal static class UpdateWorkstationHandler
{
    public static async Task<Payload<Workstation>> HandleAsync(UpdateWorkstationInput input, AccessContext access, WorkstationsDbContext db, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(input.Id, WorkstationsGlobalIds.Workstation, true, "input", "id");
        var name = input.Name is null ? null : check.Text(input.Name, Workstation.NameMax, true, "input", "name");
        var head = check.Text(input.Head, Workstation.HeadMax, false, "input", "head");
        var contact = check.Text(input.Contact, Workstation.ContactMax, false, "input", "contact");
        if (check.Failed)
        {
            return Payload<Workstation>.Failure(check.Errors);
        }

        var workstation = await db.Workstations.Visible(access).SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (workstation is null)
        {
            return Payload<Workstation>.Failure(UserError.NotFound("The workstation", "input", "id"));
        }

        if (workstation.Version != input.ExpectedVersion)
        {
            return Conflict(workstation.Version);
        }

        workstation.Name = name ?? workstation.Name;
        workstation.Level = input.Level ?? workstation.Level;
        workstation.Head = input.Head is null ? workstation.Head : head;
        workstation.Contact = input.Contact is null ? workstation.Contact : contact;
        workstation.ServicesOffered = input.ServicesOffered?.Distinct().ToList() ?? workstation.ServicesOffered;
        workstation.Touch();
        // A stale version or a taken unique key becomes a typed error in the mutation kit.
        await db.SaveChangesAsync(cancellationToken);

        return Payload<Workstation>.Success(workstation);
    }

    private static Payload<Workstation> Conflict(int? current) => Payload<Workstation>.Failure(new UserError(
        ErrorCodes.Conflict,
        current is null
            ? "The workstation was changed by someone else meanwhile; reload it and try again."
            : $"The workstation was changed by someone else meanwhile (it is at version {current}); reload it and try again.",
        ["input", "expectedVersion"]));
}

internal sealed class UpdateWorkstationMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<UpdateWorkstationInputType, WorkstationType>("updateWorkstation", AccessPolicies.Admin, "workstation", UpdateWorkstationHandler.HandleAsync)
            .Description("Changes a workstation's details; refused with CONFLICT when expectedVersion is stale.");
}
