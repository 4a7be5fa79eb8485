using System.Collections.Concurrent;
using System.Text.Json;
using IpShield.Identity.Domain;
using IpShield.SharedKernel.GraphQL.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace IpShield.Identity.Server;

/// <summary>
/// Trusted documents live with the client's registration (its OpenIddict properties): they go when the client is revoked.
/// Every request of a machine client asks for them, so they are remembered for <see cref="Lifetime"/>: a change made on
/// this host is seen at once, one made on another host within that time.
/// </summary>
internal sealed class ClientTrustedDocuments(IServiceScopeFactory scopes, TimeProvider time) : ITrustedDocuments
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (TrustedDocumentSet Set, DateTimeOffset Until)> _remembered = new(StringComparer.Ordinal);

    public async ValueTask<TrustedDocumentSet> OfClientAsync(string clientId, CancellationToken cancellationToken)
    {
        if (_remembered.TryGetValue(clientId, out var remembered) && remembered.Until > time.GetUtcNow())
        {
            return remembered.Set;
        }

        var set = await ReadAsync(clientId, cancellationToken);
        _remembered[clientId] = (set, time.GetUtcNow() + Lifetime);
        return set;
    }

    /// <summary>Forgets what was remembered of a client whose documents just changed on this host.</summary>
    public void Forget(string clientId) => _remembered.TryRemove(clientId, out _);

    private async Task<TrustedDocumentSet> ReadAsync(string clientId, CancellationToken cancellationToken)
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
