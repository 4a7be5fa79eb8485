using System.Security.Claims;
using System.Text.Json;
using IpShield.Identity.Domain;
using IpShield.SharedKernel.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpShield.Identity.Server;

/// <summary>
/// What a token says about its holder, in the claim names <see cref="AccessContext.FromPrincipal"/> reads
/// (<see cref="AccessClaims"/>). Built afresh at every code or refresh redemption, so role changes apply at the next refresh.
/// </summary>
internal static class TokenClaims
{
    public static async Task<ClaimsIdentity> ForPersonAsync(PlatformUser user, UserManager<PlatformUser> users, IEnumerable<string> scopes, IOpenIddictScopeManager scopeManager)
    {
        var identity = NewIdentity();
        identity.SetClaim(AccessClaims.Subject, user.Id.ToString());
        identity.SetClaim(Claims.Name, user.UserName);
        identity.SetClaim(Claims.PreferredUsername, user.UserName);
        foreach (var role in await users.GetRolesAsync(user))
        {
            identity.AddClaim(new Claim(AccessClaims.Role, role));
        }

        var claims = await users.GetClaimsAsync(user);
        foreach (var claim in claims.Where(c => c.Type == AccessClaims.Workstation))
        {
            identity.AddClaim(new Claim(AccessClaims.Workstation, claim.Value));
        }

        // A park manager's park (ADR 0025); a person without the role never carries one, so it confines no one else.
        if (claims.FirstOrDefault(c => c.Type == AccessClaims.Park) is { } park)
        {
            identity.SetClaim(AccessClaims.Park, park.Value);
        }

        if (user.EnterpriseId is { } enterprise)
        {
            identity.SetClaim(AccessClaims.Enterprise, enterprise.ToString());
        }

        return await FinishAsync(identity, scopes, scopeManager);
    }

    public static async Task<ClaimsIdentity> ForClientAsync(string clientId, IReadOnlyDictionary<string, JsonElement> properties, IEnumerable<string> scopes, IOpenIddictScopeManager scopeManager)
    {
        var identity = NewIdentity();
        identity.SetClaim(AccessClaims.Subject, clientId);
        var kind = Text(properties, ClientKinds.PropertyKind) ?? ClientKinds.Dashboard;
        identity.SetClaim(AccessClaims.ClientKind, kind);
        if (kind == ClientKinds.Operator)
        {
            identity.AddClaim(new Claim(AccessClaims.Role, PlatformRoles.Admin));
        }

        if (Text(properties, ClientKinds.PropertyPark) is { } park)
        {
            identity.SetClaim(AccessClaims.Park, park);
        }

        if (Text(properties, ClientKinds.PropertyWorkstation) is { } workstation)
        {
            identity.AddClaim(new Claim(AccessClaims.Workstation, workstation));
        }

        if (Text(properties, ClientKinds.PropertyCostBudget) is { } budget)
        {
            identity.SetClaim(AccessClaims.CostBudget, budget);
        }

        return await FinishAsync(identity, scopes, scopeManager);
    }

    private static ClaimsIdentity NewIdentity() =>
        new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    private static async Task<ClaimsIdentity> FinishAsync(ClaimsIdentity identity, IEnumerable<string> scopes, IOpenIddictScopeManager scopeManager)
    {
        identity.SetScopes(scopes);
        var resources = new List<string>();
        await foreach (var resource in scopeManager.ListResourcesAsync(identity.GetScopes()))
        {
            resources.Add(resource);
        }

        identity.SetResources(resources.Distinct(StringComparer.Ordinal));
        // Everything the API needs goes into the access token; the identity token carries only who signed in.
        identity.SetDestinations(claim => claim.Type is Claims.Name or Claims.PreferredUsername
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.AccessToken]);
        return identity;
    }

    private static string? Text(IReadOnlyDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
