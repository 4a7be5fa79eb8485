using System.Text.Json;
using IpShield.Identity.Domain;
using IpShield.SharedKernel.GraphQL.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace IpShield.Identity.Server;

/// <summary>
/// Trusted documents live with the client's registration (its OpenIddict properties): they go when the client is revoked,
/// and reading them uses OpenIddict's application cache rather than a query per request.
/// </summary>
internal sealed class ClientTrustedDocuments(IServiceScopeFactory scopes) : ITrustedDocuments
{
    public async ValueTask<TrustedDocumentSet> OfClientAsync(string clientId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return TrustedDocumentSet.None;
        }

        return Read(await applications.GetPropertiesAsync(application, cancellationToken));
    }

    public static TrustedDocumentSet Read(IReadOnlyDictionary<string, JsonElement> properties)
    {
        var documents = properties.TryGetValue(ClientKinds.PropertyTrustedDocuments, out var stored) && stored.ValueKind == JsonValueKind.Object
            ? stored.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var only = properties.TryGetValue(ClientKinds.PropertyTrustedDocumentsOnly, out var flag) && flag.ValueKind == JsonValueKind.True;
        return new TrustedDocumentSet(documents, only);
    }
}
