using System.Text.Json;
using IpShield.Identity.Domain;
using IpShield.SharedKernel.Access;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpShield.Identity.Server;

/// <summary>
/// A machine client's access as its tokens carry it (<see cref="TokenClaims.ForClientAsync"/>), with every scope it is
/// permitted: read from its registration each time, so a revoked client (deleted) or a changed one counts at once.
/// </summary>
internal sealed class MachineClientDirectory(IOpenIddictApplicationManager applications) : IMachineClientDirectory
{
    public async Task<AccessContext?> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        var kind = Text(properties, ClientKinds.PropertyKind);
        if (kind is not (ClientKinds.Dashboard or ClientKinds.Importer or ClientKinds.Operator))
        {
            return null; // the web front end acts for people, never on its own
        }

        var scopes = (await applications.GetPermissionsAsync(application, cancellationToken))
            .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..])
            .ToHashSet(StringComparer.Ordinal);
        return new AccessContext
        {
            Kind = CallerKind.Client,
            SubjectId = clientId,
            Roles = kind == ClientKinds.Operator ? new HashSet<string>(StringComparer.Ordinal) { PlatformRoles.Admin } : new HashSet<string>(StringComparer.Ordinal),
            Scopes = scopes,
            WorkstationIds = Guid.TryParse(Text(properties, ClientKinds.PropertyWorkstation), out var workstation) ? new HashSet<Guid> { workstation } : new HashSet<Guid>(),
            ParkId = Guid.TryParse(Text(properties, ClientKinds.PropertyPark), out var park) ? park : null,
        };
    }

    private static string? Text(IReadOnlyDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
