using Microsoft.Extensions.Configuration;

namespace IpShield.Identity.Server;

/// <summary>The <c>Identity</c> configuration section.</summary>
internal sealed class PlatformIdentityOptions
{
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a just-redeemed refresh token may be presented again (network retries); zero means any reuse is a replay.</summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.Zero;

    /// <summary>Accept plain HTTP on the OpenID Connect endpoints (development and tests behind no TLS).</summary>
    public bool AllowHttp { get; set; }

    public CertificateOptions? SigningCertificate { get; set; }
    public CertificateOptions? EncryptionCertificate { get; set; }

    /// <summary>Where the web front end may be sent back with an authorization code.</summary>
    public List<string> WebRedirectUris { get; set; } = [];

    /// <summary>An operator client (client credentials, admin rights) for the centre's automation and the test fixtures.</summary>
    public OperatorClientOptions? OperatorClient { get; set; }

    public static PlatformIdentityOptions From(IConfiguration configuration) =>
        configuration.GetSection("Identity").Get<PlatformIdentityOptions>() ?? new PlatformIdentityOptions();
}

internal sealed class CertificateOptions
{
    public string? Path { get; set; }
    public string? Password { get; set; }
}

internal sealed class OperatorClientOptions
{
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
}
