using System.Security.Claims;
using IpShield.Identity.Domain;
using IpShield.Identity.Server;
using IpShield.SharedKernel.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace IpShield.Integration.Tests.Infrastructure;

/// <summary>
/// Arranges people and machine clients in the host's identity store (the same stores the management API uses), then
/// obtains their tokens over HTTP from the real endpoints.
/// </summary>
public sealed class IdentityScenario(PlatformHost host)
{
    public const string Password = "correct horse battery";

    public async Task<string> PersonTokenAsync(string role, IEnumerable<Guid>? workstations = null, Guid? enterprise = null, Guid? park = null)
    {
        var userName = await CreatePersonAsync(role, workstations, enterprise, park);
        var token = await OpenIdConnect.SignInAsync(host.Factory, userName, Password);
        Assert.True(token.Error is null, $"sign-in of {userName} failed: {token.Body}");
        return token.AccessToken;
    }

    public async Task<string> CreatePersonAsync(string role, IEnumerable<Guid>? workstations = null, Guid? enterprise = null, Guid? park = null)
    {
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
        var user = new PlatformUser { UserName = $"{role}-{Guid.NewGuid():N}"[..30], DisplayName = role, EnterpriseId = enterprise, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        foreach (var workstation in workstations ?? [])
        {
            await users.AddClaimAsync(user, new Claim(AccessClaims.Workstation, workstation.ToString()));
        }

        if (park is { } parkId)
        {
            await users.AddClaimAsync(user, new Claim(AccessClaims.Park, parkId.ToString()));
        }

        return user.UserName!;
    }

    public async Task<string> UserIdAsync(string userName)
    {
        using var scope = host.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>().FindByNameAsync(userName);
        return user!.Id.ToString();
    }

    public async Task<(string ClientId, string Secret)> CreateDashboardAsync(Guid park) =>
        await CreateClientAsync(id => PlatformClients.Dashboard(id, Secret(id), "test dashboard", park));

    public async Task<(string ClientId, string Secret)> CreateImporterAsync(Guid workstation) =>
        await CreateClientAsync(id => PlatformClients.Importer(id, Secret(id), "test importer", workstation));

    public async Task<string> DashboardTokenAsync(Guid park)
    {
        var (id, secret) = await CreateDashboardAsync(park);
        return await ClientTokenAsync(id, secret, "stats:read");
    }

    public async Task<string> ImporterTokenAsync(Guid workstation)
    {
        var (id, secret) = await CreateImporterAsync(workstation);
        return await ClientTokenAsync(id, secret, "enterprises:import enterprises:read");
    }

    public async Task<string> ClientTokenAsync(string clientId, string secret, string scope)
    {
        using var http = host.Factory.CreateClient();
        var token = await OpenIdConnect.ClientCredentialsAsync(http, clientId, secret, scope);
        Assert.True(token.Error is null, $"client credentials for {clientId} failed: {token.Body}");
        return token.AccessToken;
    }

    public async Task<(string ClientId, string Secret)> CreateClientAsync(Func<string, OpenIddictApplicationDescriptor> describe)
    {
        var id = $"client-{Guid.NewGuid():N}"[..20];
        using var scope = host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(describe(id));
        return (id, Secret(id));
    }

    private static string Secret(string clientId) => $"secret-of-{clientId}";
}
