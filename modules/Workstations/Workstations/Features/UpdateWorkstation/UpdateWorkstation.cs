using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Contracts;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using IpShield.Workstations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

internal sealed class UpdateWorkstationPayloadType() : PayloadType<Workstation, WorkstationType>("UpdateWorkstationPayload", "workstation");

internal static class UpdateWorkstationHandler
{
    public static async Task<Payload<Workstation>> HandleAsync(UpdateWorkstationInput input, AccessContext access, WorkstationsDbContext db, CancellationToken cancellationToken)
    {
        if (!access.CanManageNetwork())
        {
            return Payload<Workstation>.Failure(new UserError(ErrorCodes.Forbidden, "Only the city IP-protection centre changes workstations."));
        }

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
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else saved between our read and our write.
            return Conflict(null);
        }

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
        mutation.Field<NonNullGraphType<UpdateWorkstationPayloadType>>("updateWorkstation")
            .Description("Changes a workstation's details; refused with CONFLICT when expectedVersion is stale.")
            .Argument<NonNullGraphType<UpdateWorkstationInputType>>("input")
            .ResolveAsync(async context => await UpdateWorkstationHandler.HandleAsync(
                context.GetArgument<UpdateWorkstationInput>("input"),
                context.Access(),
                context.RequestServices!.GetRequiredService<WorkstationsDbContext>(),
                context.CancellationToken));
}
