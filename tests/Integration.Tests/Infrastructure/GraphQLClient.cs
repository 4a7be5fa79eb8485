using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace IpShield.Integration.Tests.Infrastructure;

/// <summary>Talks GraphQL over HTTP to the host the way a front end or script does.</summary>
public sealed class GraphQLClient(HttpClient http)
{
    public const string GraphQLResponseJson = "application/graphql-response+json";

    public HttpClient Http => http;

    public async Task<GraphQLResponse> PostAsync(string query, object? variables = null, string accept = GraphQLResponseJson, string? operationName = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables, operationName }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return await SendAsync(request);
    }

    public async Task<GraphQLResponse> SendAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var body = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return new GraphQLResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, text)
        {
            WwwAuthenticate = response.Headers.WwwAuthenticate.ToString(),
            TraceId = response.Headers.TryGetValues("trace-id", out var traceId) ? traceId.Single() : null,
        };
    }

    /// <summary>Runs a query or mutation that must succeed, and returns its data.</summary>
    public async Task<JsonElement> DataAsync(string query, object? variables = null)
    {
        var response = await PostAsync(query, variables);
        Assert.True(response.Status == HttpStatusCode.OK && !response.HasErrors, $"Expected success, got {(int)response.Status}: {response.Text}");
        return response.Data;
    }
}

public sealed record GraphQLResponse(HttpStatusCode Status, string? ContentType, JsonElement Body, string Text)
{
    public string WwwAuthenticate { get; init; } = string.Empty;

    /// <summary>The trace the request ran in (the <c>trace-id</c> header), for finding its spans.</summary>
    public string? TraceId { get; init; }

    public JsonElement Data => Body.GetProperty("data");

    public bool HasErrors => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("errors", out _);

    public IReadOnlyList<JsonElement> Errors =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateArray()] : [];

    public IReadOnlyList<string?> ErrorCodes =>
        [.. Errors.Select(e => e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var c) ? c.GetString() : null)];
}

public static class JsonElementPaths
{
    /// <summary>Walks a dotted path such as "workstations.pageInfo.endCursor".</summary>
    public static JsonElement At(this JsonElement element, string path)
    {
        foreach (var part in path.Split('.'))
        {
            element = int.TryParse(part, out var index) ? element[index] : element.GetProperty(part);
        }

        return element;
    }

    public static string Str(this JsonElement element, string path) => element.At(path).GetString()!;
}
