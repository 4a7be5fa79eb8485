using GraphQL;
using GraphQL.Types;
using IpShield.Identity.Contracts;
using IpShield.Identity.Domain;
using IpShield.Identity.Features.ChangeMyMailSettings;
using IpShield.Identity.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Identity.Features.CreatePerson;

internal sealed class CreatePersonInput
{
    public string? UserName { get; set; }
    public string? DisplayName { get; set; }
    public string? Password { get; set; }
    public string? Role { get; set; }
    public List<string>? WorkstationIds { get; set; }
    public string? EnterpriseId { get; set; }
    public string? ParkId { get; set; }
    public string? Email { get; set; }
    public string? Language { get; set; }
}

internal sealed class CreatePersonInputType : InputObjectGraphType<CreatePersonInput>
{
    public CreatePersonInputType()
    {
        Name = "CreatePersonInput";
        Field<NonNullGraphType<StringGraphType>>("userName");
        Field<NonNullGraphType<StringGraphType>>("displayName");
        Field<NonNullGraphType<StringGraphType>>("password").Description("At least 10 characters.");
        Field<NonNullGraphType<StringGraphType>>("role").Description("admin, workstation_staff, enterprise_member, expert or park_manager.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("workstationIds").Description("For workstation_staff: the workstations they serve.");
        Field<IdGraphType>("enterpriseId").Description("For enterprise_member: their enterprise.");
        Field<IdGraphType>("parkId").Description("For park_manager (required): the one park whose statistics they read.");
        Field<StringGraphType>("email").Description("Where the platform's mail to them goes (the daily deadline digest); none when not given.");
        Field<LanguageType>("language").Description("The language of their mail; ZH when not given.");
    }
}

internal sealed class PersonPayloadType() : PayloadType<PersonView, PersonType>("PersonPayload", "person");

/// <summary>The access a person is given: one role, and the workstations, enterprise or park it is confined to.</summary>
internal sealed record PersonAccess(string? Role, List<Guid> Workstations, Guid? Enterprise, Guid? Park);

/// <summary>Role, workstations, enterprise and park must fit together; shared by creating a person and changing their access.</summary>
internal static class PersonAccessInput
{
    public static readonly string[] Roles = [PlatformRoles.Admin, PlatformRoles.WorkstationStaff, PlatformRoles.EnterpriseMember, PlatformRoles.Expert, PlatformRoles.ParkManager];

    public static PersonAccess Check(InputCheck check, string? role, List<string>? workstationIds, string? enterpriseId, string? parkId)
    {
        check.Must(role is not null && Roles.Contains(role), ErrorCodes.Invalid, "role must be admin, workstation_staff, enterprise_member, expert or park_manager.", "input", "role");
        var workstations = (workstationIds ?? []).Select((id, i) => check.Id(id, WorkstationsGlobalIds.Workstation, true, "input", "workstationIds", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).OfType<Guid>().ToList();
        var enterprise = check.Id(enterpriseId, PersonView.EnterpriseTypeName, role == PlatformRoles.EnterpriseMember, "input", "enterpriseId");
        check.Must(role != PlatformRoles.WorkstationStaff || workstations.Count > 0, ErrorCodes.Required, "workstation_staff serve at least one workstation.", "input", "workstationIds");
        // A park manager reads one park's figures; without one the role would mean nothing, so it is refused (fail closed).
        var park = check.Id(parkId, WorkstationsGlobalIds.Park, role == PlatformRoles.ParkManager, "input", "parkId");
        return new PersonAccess(role, workstations, enterprise, role == PlatformRoles.ParkManager ? park : null);
    }
}

internal static class CreatePersonHandler
{
    public static async Task<Payload<PersonView>> HandleAsync(CreatePersonInput input, UserManager<PlatformUser> users, TimeProvider clock)
    {
        var check = new InputCheck();
        var userName = check.Text(input.UserName, 100, true, "input", "userName");
        var displayName = check.Text(input.DisplayName, PlatformUser.NameMax, true, "input", "displayName");
        var access = PersonAccessInput.Check(check, input.Role, input.WorkstationIds, input.EnterpriseId, input.ParkId);
        var email = MailInput.Email(check, input.Email, "input", "email");
        if (userName is not null && await users.FindByNameAsync(userName) is not null)
        {
            check.Add(new UserError(ErrorCodes.Conflict, "This user name is taken.", ["input", "userName"]));
        }

        if (check.Failed)
        {
            return Payload<PersonView>.Failure(check.Errors);
        }

        var user = new PlatformUser { UserName = userName, DisplayName = displayName!, EnterpriseId = access.Enterprise, CreatedAt = clock.GetUtcNow(),
            Email = email, Language = input.Language ?? PersonLanguages.Chinese };
        var created = await users.CreateAsync(user, input.Password ?? string.Empty);
        if (!created.Succeeded)
        {
            return Payload<PersonView>.Failure([.. created.Errors.Select(e => new UserError(ErrorCodes.Invalid, e.Description, ["input", e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "userName"]))]);
        }

        await users.AddToRoleAsync(user, access.Role!);
        foreach (var workstation in access.Workstations)
        {
            await users.AddClaimAsync(user, PersonView.WorkstationClaim(workstation));
        }

        if (access.Park is { } park)
        {
            await users.AddClaimAsync(user, PersonView.ParkClaim(park));
        }

        return Payload<PersonView>.Success(await PersonView.LoadAsync(users, user));
    }
}

internal sealed class CreatePersonMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PersonPayloadType>>("createPerson")
            .Description("Creates a person who can sign in, with one role (city centre only).")
            .AuthorizeWithPolicy(AccessPolicies.Admin)
            .Argument<NonNullGraphType<CreatePersonInputType>>("input")
            .ResolveAsync(async context => await CreatePersonHandler.HandleAsync(
                context.GetArgument<CreatePersonInput>("input"),
                context.RequestServices!.GetRequiredService<UserManager<PlatformUser>>(),
                context.RequestServices!.GetRequiredService<TimeProvider>()));
}
