using GraphQL;
using GraphQL.Types;
using IpShield.Identity.Domain;
using IpShield.Identity.Features.CreatePerson;
using IpShield.Identity.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Identity.Features.ChangePersonAccess;

internal sealed class ChangePersonAccessInput
{
    public string? PersonId { get; set; }
    public string? Role { get; set; }
    public List<string>? WorkstationIds { get; set; }
    public string? EnterpriseId { get; set; }
    public string? ParkId { get; set; }
}

internal sealed class ChangePersonAccessInputType : InputObjectGraphType<ChangePersonAccessInput>
{
    public ChangePersonAccessInputType()
    {
        Name = "ChangePersonAccessInput";
        Description = "Replaces the person's role, workstations, enterprise and park; takes effect at their next token refresh.";
        Field<NonNullGraphType<IdGraphType>>("personId");
        Field<NonNullGraphType<StringGraphType>>("role");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("workstationIds");
        Field<IdGraphType>("enterpriseId");
        Field<IdGraphType>("parkId").Description("For park_manager (required): the one park whose statistics they read.");
    }
}

internal static class ChangePersonAccessHandler
{
    public static async Task<Payload<PersonView>> HandleAsync(ChangePersonAccessInput input, UserManager<PlatformUser> users)
    {
        var check = new InputCheck();
        var id = check.Id(input.PersonId, PersonView.TypeName, true, "input", "personId");
        var access = PersonAccessInput.Check(check, input.Role, input.WorkstationIds, input.EnterpriseId, input.ParkId);
        var user = id is { } key ? await users.FindByIdAsync(key.ToString()) : null;
        if (id is not null && user is null)
        {
            check.Add(UserError.NotFound("A person with this id", "input", "personId"));
        }

        if (check.Failed)
        {
            return Payload<PersonView>.Failure(check.Errors);
        }

        await users.RemoveFromRolesAsync(user!, await users.GetRolesAsync(user!));
        await users.AddToRoleAsync(user!, access.Role!);
        await users.RemoveClaimsAsync(user!, (await users.GetClaimsAsync(user!)).Where(c => c.Type is AccessClaims.Workstation or AccessClaims.Park));
        await users.AddClaimsAsync(user!, access.Workstations.Select(PersonView.WorkstationClaim));
        if (access.Park is { } park)
        {
            await users.AddClaimAsync(user!, PersonView.ParkClaim(park));
        }

        user!.EnterpriseId = access.Enterprise;
        await users.UpdateAsync(user);
        return Payload<PersonView>.Success(await PersonView.LoadAsync(users, user));
    }
}

internal sealed class ChangePersonAccessMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PersonPayloadType>>("changePersonAccess")
            .Description("Assigns a person's role, workstations, enterprise and park (city centre only).")
            .AuthorizeWithPolicy(AccessPolicies.Admin)
            .Argument<NonNullGraphType<ChangePersonAccessInputType>>("input")
            .ResolveAsync(async context => await ChangePersonAccessHandler.HandleAsync(
                context.GetArgument<ChangePersonAccessInput>("input"),
                context.RequestServices!.GetRequiredService<UserManager<PlatformUser>>()));
}
