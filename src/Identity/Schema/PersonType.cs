using System.Security.Claims;
using GraphQL.Types;
using IpShield.Identity.Domain;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.Workstations.Contracts;
using Microsoft.AspNetCore.Identity;

namespace IpShield.Identity.Schema;

/// <summary>A person as the management API shows them (never their password hash).</summary>
internal sealed record PersonView(Guid Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<Guid> WorkstationIds, Guid? EnterpriseId, Guid? ParkId, bool Disabled,
    MailSettingsView MailSettings)
{
    public const string TypeName = "Person";
    public const string EnterpriseTypeName = "Enterprise";

    public static async Task<PersonView> LoadAsync(UserManager<PlatformUser> users, PlatformUser user)
    {
        var claims = await users.GetClaimsAsync(user);
        return new(
            user.Id,
            user.UserName!,
            user.DisplayName,
            [.. await users.GetRolesAsync(user)],
            [.. claims.Where(c => c.Type == AccessClaims.Workstation).Select(c => Guid.Parse(c.Value))],
            user.EnterpriseId,
            claims.Where(c => c.Type == AccessClaims.Park).Select(c => (Guid?)Guid.Parse(c.Value)).FirstOrDefault(),
            user.Disabled,
            MailSettingsView.Of(user));
    }

    public static Claim WorkstationClaim(Guid workstation) => new(AccessClaims.Workstation, workstation.ToString());

    /// <summary>A park manager's park, kept as a user claim like workstations (no column: one role in a thousand has it).</summary>
    public static Claim ParkClaim(Guid park) => new(AccessClaims.Park, park.ToString());
}

internal sealed class PersonType : ObjectGraphType<PersonView>
{
    public PersonType()
    {
        Name = "Person";
        Description = "Someone who signs in to the web front end.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(PersonView.TypeName, c.Source.Id));
        Field(p => p.UserName);
        Field(p => p.DisplayName);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("roles").Resolve(c => c.Source.Roles);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("workstationIds")
            .Description("Workstations a workstation_staff person serves.")
            .Resolve(c => c.Source.WorkstationIds.Select(w => GlobalId.Encode(WorkstationsGlobalIds.Workstation, w)).ToList());
        Field<IdGraphType>("enterpriseId")
            .Description("The enterprise an enterprise_member belongs to.")
            .DeprecationReason("Use enterprise { id }.")
            .Resolve(c => c.Source.EnterpriseId is { } e ? GlobalId.Encode(PersonView.EnterpriseTypeName, e) : null);
        Field("enterprise", new GraphQLTypeReference(PersonView.EnterpriseTypeName))
            .Description("The enterprise an enterprise_member belongs to; null for other roles.")
            .Resolve(c => c.LoadNode(PersonView.EnterpriseTypeName, c.Source.EnterpriseId));
        Field("park", new GraphQLTypeReference(WorkstationsGlobalIds.Park))
            .Description("The park a park_manager reads the statistics of; null for other roles.")
            .Resolve(c => c.LoadNode(WorkstationsGlobalIds.Park, c.Source.ParkId));
        Field(p => p.Disabled);
        Field<StringGraphType>("email").Description("Where the platform's mail to them goes; null: they get none.").Resolve(c => c.Source.MailSettings.Email);
        Field<NonNullGraphType<LanguageType>>("language").Description("The language of their mail.").Resolve(c => c.Source.MailSettings.Language);
        Field<NonNullGraphType<BooleanGraphType>>("deadlineDigest")
            .Description("Whether they get the daily deadline digest (when they have an e-mail address and something is due or missed).")
            .Resolve(c => c.Source.MailSettings.DeadlineDigest);
    }
}

/// <summary>A machine client as the management API shows it; the secret appears only in the payload that creates it.</summary>
internal sealed record ClientView(string ClientId, string DisplayName, string Kind, string? Secret);

internal sealed class MachineClientType : ObjectGraphType<ClientView>
{
    public MachineClientType()
    {
        Name = "MachineClient";
        Description = "A dashboard or import script using client credentials.";
        Field(c => c.ClientId);
        Field(c => c.DisplayName);
        Field(c => c.Kind).Description("dashboard or importer.");
        Field(c => c.Secret, nullable: true)
            .Description("The client secret: shown once, in the payload that created or rotated it; stored only as a hash.");
    }
}
