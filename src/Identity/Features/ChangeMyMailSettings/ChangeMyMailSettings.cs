using GraphQL.Types;
using IpShield.Identity.Domain;
using IpShield.Identity.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.AspNetCore.Identity;

namespace IpShield.Identity.Features.ChangeMyMailSettings;

internal sealed class ChangeMyMailSettingsInput
{
    public string? Email { get; set; }
    public string? Language { get; set; }
    public bool? DeadlineDigest { get; set; }
}

internal sealed class ChangeMyMailSettingsInputType : InputObjectGraphType<ChangeMyMailSettingsInput>
{
    public ChangeMyMailSettingsInputType()
    {
        Name = "ChangeMyMailSettingsInput";
        Description = "Only the fields given change.";
        Field<StringGraphType>("email").Description("A new address; an empty string removes it (no mail at all).");
        Field<LanguageType>("language");
        Field<BooleanGraphType>("deadlineDigest").Description("false turns the daily deadline digest off, true on again.");
    }
}

/// <summary>Validating an e-mail address the way every input that takes one does.</summary>
internal static class MailInput
{
    /// <summary>RFC 5321's limit on a forward path.</summary>
    public const int EmailMax = 254;

    /// <summary>The address trimmed; null when not given or empty. An address that is not one is an INVALID error.</summary>
    public static string? Email(InputCheck check, string? value, params string[] field)
    {
        var email = check.Text(value, EmailMax, required: false, field);
        check.Must(email is null || (System.Net.Mail.MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && parsed.DisplayName.Length == 0),
            ErrorCodes.Invalid, $"{field[^1]} is not an e-mail address (name@example.cn).", field);
        return email;
    }
}

internal static class ChangeMyMailSettingsHandler
{
    public static async Task<Payload<MailSettingsView>> HandleAsync(ChangeMyMailSettingsInput input, AccessContext access, UserManager<PlatformUser> users)
    {
        var check = new InputCheck();
        var email = MailInput.Email(check, input.Email, "input", "email");
        var user = access.SubjectId is { } subject ? await users.FindByIdAsync(subject) : null;
        if (user is null)
        {
            check.Add(UserError.NotFound("The signed-in person"));
        }

        if (check.Failed)
        {
            return Payload<MailSettingsView>.Failure(check.Errors);
        }

        if (input.Email is not null)
        {
            await users.SetEmailAsync(user!, email);
        }

        user!.Language = input.Language ?? user.Language;
        user.DeadlineDigestOff = input.DeadlineDigest is { } wanted ? !wanted : user.DeadlineDigestOff;
        await users.UpdateAsync(user);
        return Payload<MailSettingsView>.Success(MailSettingsView.Of(user));
    }
}

internal sealed class ChangeMyMailSettingsMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<ChangeMyMailSettingsInputType, MailSettingsType>(
                "changeMyMailSettings", AccessPolicies.People, "mailSettings", ChangeMyMailSettingsHandler.HandleAsync)
            .Description("The signed-in person's e-mail address, mail language and daily deadline digest.");
}
