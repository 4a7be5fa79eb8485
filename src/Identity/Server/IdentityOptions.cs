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

    /// <summary>
    /// How long this host trusts a token's stored entry it found valid before reading it again. A revocation made on
    /// this host applies at once; one made on another host applies here within this time (ADR 0008). Zero reads the
    /// entry on every request.
    /// </summary>
    public TimeSpan TokenEntryCacheLifetime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Accept plain HTTP on the OpenID Connect endpoints (development and tests behind no TLS).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// The issuer tokens name, e.g. the platform's public URL. Unset, each host names the URL it was reached at; hosts
    /// that share one database and validate each other's tokens need the same issuer (and the same certificates).
    /// </summary>
    public Uri? Issuer { get; set; }

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
