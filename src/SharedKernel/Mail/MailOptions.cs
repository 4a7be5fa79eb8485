using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace IpShield.SharedKernel.Mail;

/// <summary>
/// Where the platform's mail goes (<c>Mail:*</c>). No <c>Mail:Host</c>, no mail: <c>build/run.sh</c> and the demo need no
/// SMTP server. With a host, a sender address and the public address of the site (for links in the mail) are required,
/// and outside Development and Testing a key of its own that signs those links (<c>Mail:LinkKey</c>).
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";
    public const string LinkKeySetting = "Mail:LinkKey";
    private const string DevelopmentLinkKey = "ip-shield-development-mail-link-key-not-for-production";

    public string? Host { get; init; }
    public int Port { get; init; } = 25;

    /// <summary>None, StartTls, SslOnConnect or Auto (STARTTLS when the server offers it).</summary>
    public string Security { get; init; } = "Auto";
    public string? UserName { get; init; }
    public string? Password { get; init; }
    public string? From { get; init; }
    public string FromName { get; init; } = "IP Shield";

    /// <summary>The site's address as people reach it (https://shield.example.cn): links in mail start with it.</summary>
    public string? PublicUrl { get; init; }
    public string? LinkKey { get; init; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>Reads and checks the section; throws at start for a configuration that would send broken or forgeable mail.</summary>
    public static MailOptions Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(Section).Get<MailOptions>() ?? new MailOptions();
        if (!options.IsConfigured)
        {
            return options;
        }

        var problems = new List<string>();
        if (options.Port is < 1 or > 65535)
        {
            problems.Add("Mail:Port must be a TCP port (1-65535).");
        }

        if (string.IsNullOrWhiteSpace(options.From) || !System.Net.Mail.MailAddress.TryCreate(options.From, out _))
        {
            problems.Add("Mail:From must be the sender's e-mail address.");
        }

        if (!Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var site) || site.Scheme is not ("http" or "https"))
        {
            problems.Add("Mail:PublicUrl must be the site's absolute http(s) address, for the links in mail.");
        }

        if (!Enum.TryParse<MailSecurity>(options.Security, ignoreCase: true, out _))
        {
            problems.Add("Mail:Security must be None, StartTls, SslOnConnect or Auto.");
        }

        var key = options.LinkKey;
        if (string.IsNullOrWhiteSpace(key) && !environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
        {
            problems.Add($"{LinkKeySetting} (a random secret of at least 32 characters) signs the links in mail; the development key is used only in Development and Testing.");
        }
        else if (!string.IsNullOrWhiteSpace(key) && key.Length < 32)
        {
            problems.Add($"{LinkKeySetting} must be at least 32 characters long.");
        }

        return problems.Count == 0
            ? options
            : throw new InvalidOperationException($"Mail: {string.Join(' ', problems)}");
    }

    /// <summary>The key links are signed with: the configured one, else (Development, Testing, or no mail at all) a fixed development key.</summary>
    internal string EffectiveLinkKey => string.IsNullOrWhiteSpace(LinkKey) ? DevelopmentLinkKey : LinkKey;
}

public enum MailSecurity
{
    None,
    StartTls,
    SslOnConnect,
    Auto,
}
