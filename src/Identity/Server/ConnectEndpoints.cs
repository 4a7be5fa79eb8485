using System.Security.Claims;
using IpShield.Identity.Domain;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpShield.Identity.Server;

/// <summary>
/// The two OpenID Connect endpoints OpenIddict hands back to the application: authorize (who is signed in) and token
/// (what the token says). Discovery, JWKS, introspection and revocation are answered by OpenIddict itself.
/// </summary>
internal static class ConnectEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        endpoints.MapPost("/connect/token", TokenAsync);
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, UserManager<PlatformUser> users, IOpenIddictScopeManager scopes)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal) : null;
        if (user is null || user.Disabled)
        {
            // The login page brings the person back here with the same parameters.
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + QueryOrForm(http) },
                [IdentityConstants.ApplicationScheme]);
        }

        // A first-party front end: no consent screen.
        var identity = await TokenClaims.ForPersonAsync(user, users, request.GetScopes(), scopes);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext http, UserManager<PlatformUser> users, IOpenIddictApplicationManager applications, IOpenIddictScopeManager scopes)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("The client was validated but is gone.");
            var properties = await applications.GetPropertiesAsync(application);
            var identity = await TokenClaims.ForClientAsync(request.ClientId!, properties, request.GetScopes(), scopes);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var stored = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            var user = stored?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
            if (user is null || user.Disabled || await users.IsLockedOutAsync(user))
            {
                return Results.Forbid(
                    new AuthenticationProperties(new Dictionary<string, string?>
                    {
                        [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidGrant,
                        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The person is no longer allowed to sign in.",
                    }),
                    [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            // Claims are rebuilt from the current roles and assignments; the granted scopes stay those of the code.
            var identity = await TokenClaims.ForPersonAsync(user, users, stored!.GetScopes(), scopes);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Results.BadRequest();
    }

    private static string QueryOrForm(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType
            ? QueryString.Create(http.Request.Form.Select(f => KeyValuePair.Create(f.Key, (string?)f.Value.ToString()))).ToUriComponent()
            : http.Request.QueryString.Value ?? string.Empty;
}
