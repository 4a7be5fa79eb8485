using IpShield.Identity.Domain;
using IpShield.Identity.Server;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.Modules;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Abstractions;

namespace IpShield.Identity;

/// <summary>
/// Demo people and machine clients for the embedded default only, printed at startup so a newcomer can sign in.
/// Their passwords and secrets are public: never seeded on MariaDB/MySQL.
/// </summary>
internal sealed class IdentityDemoData : IDemoData
{
    public const string Password = "demo-password-1";

    /// <summary>The demo park and workstation of the Workstations demo data (fixed ids there).</summary>
    public static readonly Guid YangtzeWorkstation = Guid.Parse("0192f0a0-0000-7000-8000-0000000000a1");
    public static readonly Guid YangtzePark = Guid.Parse("0192f0a0-0000-7000-8000-0000000000b1");

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        // Public passwords must never reach a real deployment, even one that runs on the embedded database.
        if (!services.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            return;
        }

        var users = services.GetRequiredService<UserManager<PlatformUser>>();
        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        if (await users.FindByNameAsync("admin") is not null)
        {
            return;
        }

        await Person(users, "admin", "City IP-protection centre", PlatformRoles.Admin);
        var staff = await Person(users, "staff", "Yangtze workstation staff", PlatformRoles.WorkstationStaff);
        await users.AddClaimAsync(staff, new System.Security.Claims.Claim(AccessClaims.Workstation, YangtzeWorkstation.ToString()));
        var manager = await Person(users, "manager", "Yangtze park management", PlatformRoles.ParkManager);
        await users.AddClaimAsync(manager, new System.Security.Claims.Claim(AccessClaims.Park, YangtzePark.ToString()));

        await applications.CreateAsync(PlatformClients.Dashboard("demo-dashboard", "demo-dashboard-secret", "Demo park dashboard", YangtzePark), cancellationToken);
        await applications.CreateAsync(PlatformClients.Importer("demo-importer", "demo-importer-secret", "Demo import script", YangtzeWorkstation), cancellationToken);

        Console.WriteLine($"Demo sign-in (embedded database only): people admin, staff, manager (park manager, /dashboard) with password {Password}; " +
            "clients demo-dashboard/demo-dashboard-secret (stats:read), demo-importer/demo-importer-secret (enterprises:import enterprises:read).");
    }

    private static async Task<PlatformUser> Person(UserManager<PlatformUser> users, string name, string displayName, string role)
    {
        // A reserved domain (RFC 2606): a demo pointed at a real SMTP server mails nobody real.
        var user = new PlatformUser { UserName = name, DisplayName = displayName, CreatedAt = DateTimeOffset.UtcNow, Email = $"{name}@ipshield.example" };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        return user;
    }
}
