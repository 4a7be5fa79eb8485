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
using OpenIddict.Abstractions;

namespace IpShield.Identity.Features.DisablePerson;

internal sealed class DisablePersonInput
{
    public string? PersonId { get; set; }
}

internal sealed class DisablePersonInputType : InputObjectGraphType<DisablePersonInput>
{
    public DisablePersonInputType()
    {
        Name = "DisablePersonInput";
        Field<NonNullGraphType<IdGraphType>>("personId");
    }
}

internal static class DisablePersonHandler
{
    /// <summary>Disabling also revokes every token the person holds, so their access ends now, not at token expiry.</summary>
    public static async Task<Payload<PersonView>> HandleAsync(DisablePersonInput input, UserManager<PlatformUser> users, IOpenIddictTokenManager tokens, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(input.PersonId, PersonView.TypeName, true, "input", "personId");
        var user = id is { } key ? await users.FindByIdAsync(key.ToString()) : null;
        if (id is not null && user is null)
        {
            check.Add(UserError.NotFound("A person with this id", "input", "personId"));
        }

        if (check.Failed)
        {
            return Payload<PersonView>.Failure(check.Errors);
        }

        user!.Disabled = true;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await tokens.RevokeBySubjectAsync(user.Id.ToString(), cancellationToken);
        return Payload<PersonView>.Success(await PersonView.LoadAsync(users, user));
    }
}

internal sealed class DisablePersonMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PersonPayloadType>>("disablePerson")
            .Description("Stops a person from signing in and revokes their tokens (city centre only).")
            .AuthorizeWithPolicy(AccessPolicies.Admin)
            .Argument<NonNullGraphType<DisablePersonInputType>>("input")
            .ResolveAsync(async context => await DisablePersonHandler.HandleAsync(
                context.GetArgument<DisablePersonInput>("input"),
                context.RequestServices!.GetRequiredService<UserManager<PlatformUser>>(),
                context.RequestServices!.GetRequiredService<IOpenIddictTokenManager>(),
                context.CancellationToken));
}
