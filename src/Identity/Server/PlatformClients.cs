using System.Text.Json;
using IpShield.Identity.Domain;
using IpShield.SharedKernel.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpShield.Identity.Server;

/// <summary>The scopes, the web front end's client and machine clients, as OpenIddict applications.</summary>
internal static class PlatformClients
{
    public const string WebClientId = "ipshield-web";

    /// <summary>
    /// Creates or updates roles, scopes and platform clients. Hosts starting together on one database all write the
    /// same things: one that loses a race (a concurrency token, a unique name) starts over in a fresh scope, where
    /// every step finds what the winner wrote.
    /// </summary>
    public static async Task EnsureAsync(IServiceProvider root, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var scope = root.CreateScope();
                await EnsureOnceAsync(scope.ServiceProvider, cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < 5 && ex is OpenIddictExceptions.ConcurrencyException or DbUpdateException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
            }
        }
    }

    private static async Task EnsureOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var scopes = services.GetRequiredService<IOpenIddictScopeManager>();
        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        var options = services.GetRequiredService<PlatformIdentityOptions>();
        var roles = services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in new[] { PlatformRoles.Admin, PlatformRoles.WorkstationStaff, PlatformRoles.EnterpriseMember, PlatformRoles.Expert, PlatformRoles.ParkManager })
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }

        foreach (var name in PlatformScopes.ApiScopes)
        {
            if (await scopes.FindByNameAsync(name, cancellationToken) is null)
            {
                var descriptor = new OpenIddictScopeDescriptor { Name = name };
                descriptor.Resources.Add(PlatformScopes.Resource);
                await scopes.CreateAsync(descriptor, cancellationToken);
            }
        }

        var web = new OpenIddictApplicationDescriptor
        {
            ClientId = WebClientId,
            ClientType = ClientTypes.Public,
            DisplayName = "IP Shield web front end",
            ApplicationType = ApplicationTypes.Web,
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Prefixes.Scope + PlatformScopes.Api,
            },
        };
        foreach (var uri in options.WebRedirectUris)
        {
            web.RedirectUris.Add(new Uri(uri));
        }

        await UpsertAsync(applications, web, cancellationToken);

        if (options.OperatorClient is { ClientId: { Length: > 0 } id, ClientSecret: { Length: > 0 } secret })
        {
            await UpsertAsync(applications, Machine(id, secret, "Operator client (configured)", ClientKinds.Operator, null, null, [PlatformScopes.Api]), cancellationToken);
        }
    }

    /// <summary>A confidential machine client using client credentials; the secret is stored hashed by OpenIddict.</summary>
    public static OpenIddictApplicationDescriptor Machine(string clientId, string secret, string displayName, string kind, Guid? park, Guid? workstation, IEnumerable<string> scopes)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = displayName,
            Permissions =
            {
                Permissions.Endpoints.Token, Permissions.Endpoints.Introspection, Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.ClientCredentials,
            },
        };
        foreach (var name in scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + name);
        }

        descriptor.Properties[ClientKinds.PropertyKind] = JsonSerializer.SerializeToElement(kind);
        if (park is { } p)
        {
            descriptor.Properties[ClientKinds.PropertyPark] = JsonSerializer.SerializeToElement(p.ToString());
        }

        if (workstation is { } w)
        {
            descriptor.Properties[ClientKinds.PropertyWorkstation] = JsonSerializer.SerializeToElement(w.ToString());
        }

        return descriptor;
    }

    /// <summary>Gives the client its own query-cost budget per minute (carried in its tokens).</summary>
    public static OpenIddictApplicationDescriptor WithCostBudget(this OpenIddictApplicationDescriptor descriptor, int? perMinute)
    {
        if (perMinute is { } budget)
        {
            descriptor.Properties[ClientKinds.PropertyCostBudget] = JsonSerializer.SerializeToElement(budget.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return descriptor;
    }

    public static OpenIddictApplicationDescriptor Dashboard(string clientId, string secret, string displayName, Guid park) =>
        Machine(clientId, secret, displayName, ClientKinds.Dashboard, park, null, [PlatformScopes.StatsRead]);

    public static OpenIddictApplicationDescriptor Importer(string clientId, string secret, string displayName, Guid workstation) =>
        Machine(clientId, secret, displayName, ClientKinds.Importer, null, workstation, [PlatformScopes.EnterprisesImport, PlatformScopes.EnterprisesRead]);

    private static async Task UpsertAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        var existing = await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }
}
