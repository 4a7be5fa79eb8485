using System.Buffers;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace IpShield.SharedKernel.GraphQL.Http;

/// <summary>
/// Reads a GraphQL request from GET parameters or a JSON POST body, or says clearly why it cannot. The client gets a
/// fixed message and code; what a parser said (positions, types, our internals) goes to the log only.
/// </summary>
internal sealed partial class GraphQLHttpRequestReader(IGraphQLTextSerializer serializer, GraphQLEndpointOptions options, ILogger logger)
{
    private readonly GraphQLMultipartRequestReader _multipart = new(serializer, options, logger);

    public async Task<(GraphQLRequest? Request, HttpRequestProblem? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return HttpMethods.IsGet(request.Method) ? FromQueryString(request.Query) : await FromBodyAsync(request, cancellationToken);
        }
        catch (JsonException ex)
        {
            LogUnreadable(logger, ex);
            return (null, HttpRequestProblem.BadRequest(HttpRequestProblem.NotJson));
        }
        catch (InvalidOperationException ex)
        {
            LogUnreadable(logger, ex);
            return (null, HttpRequestProblem.BadRequest(HttpRequestProblem.Malformed));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode != StatusCodes.Status413PayloadTooLarge)
        {
            LogUnreadable(logger, ex);
            return (null, HttpRequestProblem.BadRequest(HttpRequestProblem.Unreadable));
        }
        catch (BadHttpRequestException)
        {
            return (null, TooLarge());
        }
    }

    private (GraphQLRequest?, HttpRequestProblem?) FromQueryString(IQueryCollection query)
    {
        foreach (var name in (ReadOnlySpan<string>)["query", "documentId", "operationName", "variables", "extensions"])
        {
            if (query.TryGetValue(name, out var values) && values.Count > 1)
            {
                return (null, HttpRequestProblem.BadRequest($"The parameter '{name}' is given more than once."));
            }
        }

        var graphQLRequest = new GraphQLRequest
        {
            Query = query.TryGetValue("query", out var q) ? q.ToString() : null,
            DocumentId = query.TryGetValue("documentId", out var documentId) && documentId.ToString().Length > 0 ? documentId.ToString() : null,
            OperationName = query.TryGetValue("operationName", out var op) && op.ToString().Length > 0 ? op.ToString() : null,
            Variables = ParseMap(query, "variables"),
            Extensions = ParseMap(query, "extensions"),
        };
        return Complete(graphQLRequest);
    }

    private Inputs? ParseMap(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var raw) || string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var text = raw.ToString();
        if (!text.TrimStart().StartsWith('{'))
        {
            throw new JsonException($"'{name}' is not a JSON object.");
        }

        return serializer.Deserialize<Inputs>(text);
    }

    private async Task<(GraphQLRequest?, HttpRequestProblem?)> FromBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var multipart)
            && string.Equals(multipart.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await _multipart.ReadAsync(request, multipart, cancellationToken);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new HttpRequestProblem(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "POST requests must have Content-Type application/json (or multipart/form-data for file uploads)."));
        }

        if (contentType.Charset.Value is { Length: > 0 } charset && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new HttpRequestProblem(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "Only the utf-8 charset is accepted."));
        }

        if (request.ContentLength > options.MaxRequestBytes)
        {
            return (null, TooLarge());
        }

        // The body is read into a pooled buffer and checked with a forward-only reader: a list query's request costs no
        // per-request buffers beyond the request object itself (docs/benchmarks.md, the GraphQL list).
        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is > 0 and var length && length <= options.MaxRequestBytes ? (int)length : 4096);
        try
        {
            var size = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(size), cancellationToken)) > 0)
            {
                size += read;
                if (size > options.MaxRequestBytes)
                {
                    return (null, TooLarge());
                }

                if (size == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, size).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            if (ShapeProblem(buffer.AsSpan(0, size)) is { } problem)
            {
                return (null, problem);
            }

            using var body = new MemoryStream(buffer, 0, size, writable: false);
            var graphQLRequest = await serializer.ReadAsync<GraphQLRequest>(body, cancellationToken);
            return Complete(graphQLRequest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The body must be one JSON object whose known members have the types the spec gives them.</summary>
    private static HttpRequestProblem? ShapeProblem(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip(); // a malformed document throws JsonException here, reported as not JSON
            return HttpRequestProblem.BadRequest("The body must be a JSON object with a 'query' member.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var expected = reader.ValueTextEquals("query"u8) || reader.ValueTextEquals("operationName"u8) || reader.ValueTextEquals("documentId"u8) ? JsonTokenType.String
                : reader.ValueTextEquals("variables"u8) || reader.ValueTextEquals("extensions"u8) ? JsonTokenType.StartObject
                : JsonTokenType.None;
            var name = expected == JsonTokenType.None ? null : reader.GetString();
            reader.Read();
            if (expected != JsonTokenType.None && reader.TokenType != expected && reader.TokenType != JsonTokenType.Null)
            {
                return HttpRequestProblem.BadRequest($"'{name}' must be a {(expected == JsonTokenType.String ? "string" : "JSON object")}.");
            }

            reader.Skip();
        }

        // Anything after the object (or a truncated one) is not JSON.
        while (reader.Read())
        {
        }

        return null;
    }

    private static (GraphQLRequest?, HttpRequestProblem?) Complete(GraphQLRequest? request) =>
        request is null || (string.IsNullOrWhiteSpace(request.Query) && string.IsNullOrWhiteSpace(request.DocumentId))
            ? (null, HttpRequestProblem.BadRequest("The request has no 'query' (or 'documentId' of a trusted document)."))
            : request is { Query.Length: > 0, DocumentId.Length: > 0 }
                ? (null, HttpRequestProblem.BadRequest("Send either 'query' or 'documentId', not both."))
                : (request, null);

    private HttpRequestProblem TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE", $"The request is larger than {options.MaxRequestBytes} bytes.");

    [LoggerMessage(Level = LogLevel.Information, Message = "A GraphQL request could not be read; the client was told so without these details")]
    internal static partial void LogUnreadable(ILogger logger, Exception detail);
}

internal sealed record HttpRequestProblem(int StatusCode, string Code, string Message)
{
    public const string NotJson = "The request is not valid JSON for a GraphQL request: an object with a 'query' string and optionally 'operationName', 'variables' and 'extensions'.";
    public const string Malformed = "The request parameters are malformed.";
    public const string Unreadable = "The request body could not be read.";

    public static HttpRequestProblem BadRequest(string message) => new(StatusCodes.Status400BadRequest, "INVALID_REQUEST", message);
}
