using System.Net.Http.Headers;
using System.Text.Json;
using IpShield.Integration.Tests.Infrastructure;

namespace IpShield.Integration.Tests.Enterprises;

/// <summary>
/// What an import script does: upload a file with the GraphQL multipart request spec, then poll the job. The enterprise
/// import by default; <see cref="ForRights"/> for the rights import (the same kernel pipeline, no policy).
/// </summary>
internal sealed class ImportClient(GraphQLClient client, string mutation = "startEnterpriseImport", string nodeType = "EnterpriseImport", bool hasPolicy = true)
{
    public const string JobFields =
        "id status mode policy format fileName idempotencyKey rowsRead rowsApplied rowsCreated rowsUpdated rowsUnchanged rowsFailed lastLine failureMessage summary errorReportCsvUrl errorReportJsonlUrl " +
        "errors(first: 500) { line column code message originalValues }";

    public static ImportClient ForRights(GraphQLClient client) => new(client, "startIpRightImport", "IpRightImport", hasPolicy: false);

    private string Fields => hasPolicy ? JobFields : JobFields.Replace(" policy", string.Empty, StringComparison.Ordinal);

    private string StartMutation =>
        $"mutation($input: Start{char.ToUpperInvariant(mutation[5])}{mutation[6..]}Input!) {{ {mutation}(input: $input) {{ import {{ {Fields} }} errors {{ code message field }} }} }}";

    public static MultipartFormDataContent Multipart(string query, object variables, IReadOnlyDictionary<string, string[]> map, IEnumerable<(string Name, string FileName, byte[] Content)> files)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(new { query, variables })), "operations" },
            { new StringContent(JsonSerializer.Serialize(map)), "map" },
        };
        foreach (var (name, fileName, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, name, fileName);
        }

        return content;
    }

    public async Task<GraphQLResponse> UploadAsync(string fileName, byte[] file, string idempotencyKey, string mode = "APPLY", string policy = "UPSERT", bool preflight = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = Multipart(
                StartMutation,
                hasPolicy ? new { input = (object)new { file = (string?)null, idempotencyKey, mode, policy } } : new { input = (object)new { file = (string?)null, idempotencyKey, mode } },
                new Dictionary<string, string[]> { ["0"] = ["variables.input.file"] },
                [("0", fileName, file)]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLClient.GraphQLResponseJson));
        if (preflight)
        {
            request.Headers.Add("GraphQL-Preflight", "1");
        }

        return await client.SendAsync(request);
    }

    /// <summary>Starts an import that must be accepted and returns the job as first returned.</summary>
    public async Task<JsonElement> StartAsync(string fileName, byte[] file, string idempotencyKey, string mode = "APPLY", string policy = "UPSERT")
    {
        var response = await UploadAsync(fileName, file, idempotencyKey, mode, policy);
        Assert.False(response.HasErrors, response.Text);
        var payload = response.Data.At(mutation);
        Assert.True(payload.At("errors").GetArrayLength() == 0, payload.At("errors").ToString());
        return payload.At("import");
    }

    /// <summary>Polls the job through node() until it has ended.</summary>
    public async Task<JsonElement> WaitAsync(string jobId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (true)
        {
            var job = (await client.DataAsync($"query($id: ID!) {{ node(id: $id) {{ ... on {nodeType} {{ {Fields} }} }} }}", new { id = jobId })).At("node");
            if (job.Str("status") is "SUCCEEDED" or "FAILED")
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The import did not end in time: {job}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public async Task<JsonElement> ImportAsync(string fileName, byte[] file, string? idempotencyKey = null, string mode = "APPLY", string policy = "UPSERT") =>
        await WaitAsync((await StartAsync(fileName, file, idempotencyKey ?? Guid.NewGuid().ToString("N"), mode, policy)).Str("id"));

    public static IEnumerable<(long Line, string? Column, string Code)> Errors(JsonElement job) =>
        job.At("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt64(), e.GetProperty("column").GetString(), e.Str("code")));
}
