using System.Security.Claims;

namespace IpShield.SharedKernel.Access;

/// <summary>
/// Checks an access token that did not come in an <c>Authorization</c> header (a WebSocket client sends it in its
/// first message, since a browser cannot set headers on a WebSocket), with every check the header's token gets:
/// signature, expiry, audience, revocation. Implemented by the Identity module.
/// </summary>
public interface IAccessTokenValidator
{
    /// <summary>The token's principal, or null when the token is not valid for this API.</summary>
    Task<ClaimsPrincipal?> ValidateAsync(string accessToken, CancellationToken cancellationToken);
}
