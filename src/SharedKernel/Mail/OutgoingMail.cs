namespace IpShield.SharedKernel.Mail;

/// <summary>One message to one person: a plain-text and an HTML part of the same content, plus extra headers.</summary>
public sealed record OutgoingMail(string ToAddress, string ToName, string Subject, string Text, string Html)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

/// <summary>Sends the platform's mail. Registered always; <see cref="IsConfigured"/> is false when no SMTP host is set.</summary>
public interface IMailSender
{
    bool IsConfigured { get; }

    /// <summary>Sends one message; throws when the server refuses it or cannot be reached (the caller decides to try again).</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
