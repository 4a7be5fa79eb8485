namespace IpShield.Identity.Contracts;

/// <summary>
/// A person who wants the daily deadline digest and can receive it: an e-mail address, the digest on, not disabled, and
/// a role that has deadlines to hear about (staff: their workstations'; enterprise members: their enterprise's).
/// </summary>
public sealed record DigestRecipient(
    Guid PersonId, string DisplayName, string Email, string Language, IReadOnlyList<Guid> WorkstationIds, Guid? EnterpriseId);

/// <summary>What other modules may ask Identity about people (read only; Identity's tables stay its own).</summary>
public interface IPeopleDirectory
{
    /// <summary>Everyone who should get a deadline digest today, in one call.</summary>
    Task<IReadOnlyList<DigestRecipient>> DigestRecipientsAsync(CancellationToken cancellationToken);
}

/// <summary>The languages a person can read the platform's mail in.</summary>
public static class PersonLanguages
{
    public const string Chinese = "zh";
    public const string English = "en";
}

/// <summary>The link in every digest that turns it off without signing in (Identity answers it; the kernel's MailLinks signs it).</summary>
public static class DigestOffLink
{
    public const string Path = "/mail/deadline-digest/off";
    public const string Purpose = "deadline-digest-off";
}
