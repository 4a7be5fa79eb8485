using System.Security.Claims;
using IpShield.SharedKernel.Access;
using OpenIddict.Abstractions;
using OpenIddict.Validation;

namespace IpShield.Identity.Server.TokenChecks;

/// <summary>OpenIddict's own validation pipeline (the one the bearer handler runs, with this module's token checks) for a token given as text.</summary>
internal sealed class AccessTokenValidator(OpenIddictValidationService validation) : IAccessTokenValidator
{
    public async Task<ClaimsPrincipal?> ValidateAsync(string accessToken, CancellationToken cancellationToken)
    {
        try
        {
            return await validation.ValidateAccessTokenAsync(accessToken, cancellationToken);
        }
        catch (OpenIddictExceptions.ProtocolException)
        {
            return null; // expired, tampered, revoked or meant for another audience: the caller answers "forbidden"
        }
    }
}
