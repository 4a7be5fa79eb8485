using GraphQL.Types;
using IpShield.Identity.Contracts;
using IpShield.Identity.Domain;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.GraphQL.Viewer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Identity.Schema;

/// <summary>What the platform's mail to a person needs: where, in which language, and whether they want the digest.</summary>
internal sealed record MailSettingsView(string? Email, string Language, bool DeadlineDigest)
{
    public static MailSettingsView Of(PlatformUser user) => new(string.IsNullOrEmpty(user.Email) ? null : user.Email, user.MailLanguage, !user.DeadlineDigestOff);
}

internal sealed class LanguageType : EnumerationGraphType
{
    public LanguageType()
    {
        Name = "Language";
        Description = "A language the platform writes mail in.";
        Add("ZH", PersonLanguages.Chinese, "Chinese (the default).");
        Add("EN", PersonLanguages.English, "English.");
    }
}

internal sealed class MailSettingsType : ObjectGraphType<MailSettingsView>
{
    public MailSettingsType()
    {
        Name = "MailSettings";
        Description = "Where and how the platform mails a person.";
        Field(m => m.Email, nullable: true).Description("Null: no mail at all.");
        Field<NonNullGraphType<LanguageType>>("language").Resolve(c => c.Source.Language);
        Field(m => m.DeadlineDigest).Description("The daily deadline digest at 08:00 in the park's time zone.");
    }
}

/// <summary><c>viewer { mailSettings }</c>: the signed-in person's own settings; null for a machine client.</summary>
internal sealed class ViewerMailSettings : TypeExtension
{
    public ViewerMailSettings()
        : base(ViewerType.TypeName) =>
        Field<MailSettingsType>("mailSettings")
            .Description("A signed-in person's mail settings (changeMyMailSettings changes them); null for a machine client.")
            .ResolveAsync(async context =>
            {
                var access = context.Access();
                if (access.Kind != CallerKind.Person || access.SubjectId is null)
                {
                    return null;
                }

                var user = await context.RequestServices!.GetRequiredService<UserManager<PlatformUser>>().FindByIdAsync(access.SubjectId);
                return user is null ? null : MailSettingsView.Of(user);
            });
}
