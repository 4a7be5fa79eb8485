using Microsoft.Net.Http.Headers;

namespace IpShield.SharedKernel.GraphQL.Http;

/// <summary>Content negotiation as the GraphQL-over-HTTP spec describes it.</summary>
internal static class GraphQLMediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>The media type to answer with, or null when the client accepts none we can produce (406).</summary>
    public static string? Negotiate(IList<string>? acceptHeaders)
    {
        if (acceptHeaders is null || acceptHeaders.Count == 0 || !MediaTypeHeaderValue.TryParseList(acceptHeaders, out var accepted) || accepted.Count == 0)
        {
            // No Accept header: the spec's legacy default.
            return Json;
        }

        string? best = null;
        double bestQuality = 0;
        foreach (var candidate in accepted)
        {
            var quality = candidate.Quality ?? 1;
            var mediaType = candidate.MediaType.Value?.ToLowerInvariant();
            var match = mediaType switch
            {
                GraphQLResponse => GraphQLResponse,
                Json => Json,
                "application/*" or "*/*" => Json,
                _ => null,
            };
            if (match is null || quality <= 0 || !CharsetIsUtf8(candidate))
            {
                continue;
            }

            // Ties go to the spec's own media type.
            if (quality > bestQuality || (quality == bestQuality && match == GraphQLResponse && best != GraphQLResponse))
            {
                best = match;
                bestQuality = quality;
            }
        }

        return best;
    }

    private static bool CharsetIsUtf8(MediaTypeHeaderValue value) =>
        value.Charset.Value is not { Length: > 0 } charset
        || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
        || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
}
