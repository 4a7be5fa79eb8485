using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace IpShield.SharedKernel.GraphQL.Http;

/// <summary>
/// The GraphQL multipart request spec: an <c>operations</c> part (the JSON request), a <c>map</c> part (file part
/// name → variable paths), then the files. Files are streamed to disk, never held in memory. Anything not shaped
/// like the spec is refused. A preflight header is required so a cross-site HTML form cannot post here.
/// </summary>
internal sealed class GraphQLMultipartRequestReader(IGraphQLTextSerializer serializer, GraphQLEndpointOptions options, ILogger logger)
{
    public static readonly string[] PreflightHeaders = ["GraphQL-Preflight", "Apollo-Require-Preflight", "X-Apollo-Operation-Name"];

    public async Task<(GraphQLRequest?, HttpRequestProblem?)> ReadAsync(HttpRequest request, MediaTypeHeaderValue contentType, CancellationToken cancellationToken)
    {
        if (!PreflightHeaders.Any(h => request.Headers.ContainsKey(h)))
        {
            return (null, HttpRequestProblem.BadRequest("A multipart request needs a GraphQL-Preflight (or Apollo-Require-Preflight) header."));
        }

        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return (null, HttpRequestProblem.BadRequest("The multipart request has no boundary."));
        }

        if (request.ContentLength > options.MaxUploadBytes)
        {
            return (null, TooLarge());
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxUploadBytes;
        }

        var files = new UploadedFiles(options.UploadFolder);
        request.HttpContext.Response.RegisterForDisposeAsync(files);
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = options.MaxUploadBytes, HeadersLengthLimit = 16 * 1024 };
        try
        {
            var operations = await ReadTextPartAsync(reader, "operations", cancellationToken);
            var map = await ReadTextPartAsync(reader, "map", cancellationToken);
            if (operations is null || map is null)
            {
                return (null, HttpRequestProblem.BadRequest("A multipart GraphQL request starts with an 'operations' part, then a 'map' part."));
            }

            var paths = JsonSerializer.Deserialize<Dictionary<string, string[]>>(map) ?? [];
            var graphQLRequest = serializer.Deserialize<GraphQLRequest>(operations);
            if (graphQLRequest is null || string.IsNullOrWhiteSpace(graphQLRequest.Query))
            {
                return (null, HttpRequestProblem.BadRequest("The 'operations' part has no 'query' (batched operations are not supported)."));
            }

            var variables = graphQLRequest.Variables is null ? [] : new Dictionary<string, object?>(graphQLRequest.Variables);
            long total = 0;
            while (await NextSectionAsync(reader, cancellationToken) is { } section)
            {
                var disposition = section.GetContentDispositionHeader();
                var name = disposition?.Name.Value;
                if (name is null || !paths.Remove(name, out var targets))
                {
                    return (null, HttpRequestProblem.BadRequest($"The file part '{name}' is not in the 'map'."));
                }

                var path = files.NewTemporaryPath();
                long length;
                await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
                {
                    await CopyAsync(section.Body, target, cancellationToken);
                    length = target.Length;
                }

                total += length;
                if (total > options.MaxUploadBytes)
                {
                    File.Delete(path);
                    return (null, TooLarge());
                }

                var file = files.Add(disposition!.FileName.Value ?? disposition.FileNameStar.Value ?? name, section.ContentType, path, length);
                foreach (var target in targets)
                {
                    if (!Place(variables, target, file))
                    {
                        return (null, HttpRequestProblem.BadRequest($"The map path '{target}' does not point into the variables."));
                    }
                }
            }

            if (paths.Count > 0)
            {
                return (null, HttpRequestProblem.BadRequest($"The 'map' names file parts that were not sent: {string.Join(", ", paths.Keys)}."));
            }

            graphQLRequest.Variables = new Inputs(variables);
            return (graphQLRequest, null);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return (null, TooLarge());
        }
        catch (InvalidDataException ex)
        {
            GraphQLHttpRequestReader.LogUnreadable(logger, ex);
            return (null, HttpRequestProblem.BadRequest("The multipart body is malformed: it does not follow the GraphQL multipart request spec."));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
    }

    private async Task<string?> ReadTextPartAsync(MultipartReader reader, string expectedName, CancellationToken cancellationToken)
    {
        var section = await NextSectionAsync(reader, cancellationToken);
        if (section?.GetContentDispositionHeader()?.Name.Value != expectedName)
        {
            return null;
        }

        var buffer = new byte[options.MaxRequestBytes + 1];
        var length = 0;
        int read;
        while ((read = await ReadAsync(section.Body, buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
            if (length > options.MaxRequestBytes)
            {
                throw new InvalidDataException($"The '{expectedName}' part is larger than the request limit.");
            }
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    // A body that ends in the middle of a part is the client's mistake (MultipartReader says so with an IOException);
    // a failure writing the temporary file is ours and stays an exception, so reading and writing are kept apart.
    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            throw new InvalidDataException("The multipart body ended early.", ex);
        }
    }

    private static async ValueTask<int> ReadAsync(Stream body, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(buffer, cancellationToken);
        }
        catch (IOException ex)
        {
            throw new InvalidDataException("The multipart body ended early.", ex);
        }
    }

    private static async Task CopyAsync(Stream body, Stream target, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await ReadAsync(body, buffer, cancellationToken)) > 0)
        {
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    /// <summary>Puts the file where a path such as <c>variables.input.file</c> or <c>variables.files.0</c> says (the spec's object path).</summary>
    private static bool Place(Dictionary<string, object?> variables, string path, UploadedFile file)
    {
        var parts = path.Split('.');
        if (parts.Length < 2 || parts[0] != "variables")
        {
            return false;
        }

        object? container = variables;
        for (var i = 1; i < parts.Length; i++)
        {
            var last = i == parts.Length - 1;
            switch (container)
            {
                case IDictionary<string, object?> dictionary when dictionary.ContainsKey(parts[i]):
                    if (last)
                    {
                        dictionary[parts[i]] = file;
                        return true;
                    }

                    container = dictionary[parts[i]];
                    break;
                case IList<object?> list when int.TryParse(parts[i], out var index) && index >= 0 && index < list.Count:
                    if (last)
                    {
                        list[index] = file;
                        return true;
                    }

                    container = list[index];
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    private HttpRequestProblem TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE", $"The upload is larger than {options.MaxUploadBytes} bytes.");
}
