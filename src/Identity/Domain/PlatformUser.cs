using Microsoft.AspNetCore.Identity;

namespace IpShield.Identity.Domain;

/// <summary>A person who signs in through the web front end. Roles and workstation assignments are Identity roles and claims.</summary>
internal sealed class PlatformUser : IdentityUser<Guid>
{
    public const int NameMax = 100;

    public PlatformUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>For an <c>enterprise_member</c>: the one enterprise whose data they see.</summary>
    public Guid? EnterpriseId { get; set; }

    /// <summary>A disabled person cannot sign in, and their refresh tokens stop working.</summary>
    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The language of the mail the platform sends them: zh (the default) or en.</summary>
    public string Language { get; set; } = Contracts.PersonLanguages.Chinese;

    /// <summary>
    /// They turned the daily deadline digest off (by its link or through GraphQL). Stored as "off" so that everyone who
    /// existed before the digest, and everyone created without saying, gets it.
    /// </summary>
    public bool DeadlineDigestOff { get; set; }

    /// <summary>What the person reads mail in; anything unknown (an empty column) reads as Chinese.</summary>
    public string MailLanguage => Language == Contracts.PersonLanguages.English ? Contracts.PersonLanguages.English : Contracts.PersonLanguages.Chinese;
}
