using System.Security.Cryptography;
using System.Text;

namespace IpShield.SharedKernel.GraphQL.Http;

/// <summary>A machine client's registered operations, and whether it may send anything else.</summary>
public sealed record TrustedDocumentSet(IReadOnlyDictionary<string, string> Documents, bool Only)
{
    public static TrustedDocumentSet None { get; } = new(new Dictionary<string, string>(), false);
}

/// <summary>
/// Where the endpoint finds a client's trusted documents (operations the city centre registered for it, called by id).
/// Implemented by Identity, which keeps them with the client's registration.
/// </summary>
public interface ITrustedDocuments
{
    ValueTask<TrustedDocumentSet> OfClientAsync(string clientId, CancellationToken cancellationToken);
}

public static class TrustedDocumentIds
{
    /// <summary>The id of a document: <c>sha256:</c> and the hex SHA-256 of its text, as the GraphQL-over-HTTP persisted-documents convention writes it.</summary>
    public static string Of(string document) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
}
