using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;

namespace IpShield.Integration.Tests.Platform;

/// <summary>
/// A park dashboard calls the operations the centre registered for it by id over GET: cacheable, answering 304 with the
/// same ETag until a write changes what it shows; a client limited to its trusted documents can send nothing else.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class TrustedDocumentTests(MariaDbHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Statistics = "query Stats($id: ID!) { parkStatistics(parkId: $id) { workstationCount openWorkstationCount } }";

    private readonly GraphQLClient _admin = host.CreateClient();

    [Fact]
    public async Task A_trusted_document_GET_answers_304_with_the_same_ETag_until_a_write_changes_its_data()
    {
        var (park, http) = await DashboardAsync(trustedOnly: false);
        var url = $"/graphql?documentId={Id(Statistics)}&variables={Uri.EscapeDataString(JsonSerializer.Serialize(new { id = park }))}";

        using var first = await http.GetAsync(url, Ct);
        var etag = first.Headers.ETag?.Tag;
        var body = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        using var unchanged = await GetAsync(http, url, etag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(0, body.At("data.parkStatistics.workstationCount").GetInt32());
        Assert.NotNull(etag);
        Assert.Contains("no-cache", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(etag, unchanged.Headers.ETag?.Tag);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync(Ct));

        await new WorkstationScenario(_admin).OpenAsync(park, $"WS {WorkstationScenario.Tag()}");
        using var changed = await GetAsync(http, url, etag);
        var changedBody = await changed.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag?.Tag);
        Assert.Equal(1, changedBody.At("data.parkStatistics.workstationCount").GetInt32());
    }

    [Fact]
    public async Task A_client_limited_to_its_trusted_documents_cannot_send_another_query_nor_an_unknown_id()
    {
        var (park, http) = await DashboardAsync(trustedOnly: true);

        using var other = await http.PostAsJsonAsync("/graphql", new { query = "query($id: ID!) { parkStatistics(parkId: $id) { serviceRecordCount } }", variables = new { id = park } }, Ct);
        using var unknown = await http.GetAsync($"/graphql?documentId={Id("{ viewer { kind } }")}", Ct);
        using var own = await http.PostAsJsonAsync("/graphql", new { documentId = Id(Statistics), variables = new { id = park } }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("TRUSTED_DOCUMENTS_ONLY", (await other.Content.ReadFromJsonAsync<JsonElement>(Ct)).At("errors.0.extensions.code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("DOCUMENT_NOT_FOUND", (await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).At("errors.0.extensions.code").GetString());
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(0, (await own.Content.ReadFromJsonAsync<JsonElement>(Ct)).At("data.parkStatistics.openWorkstationCount").GetInt32());
    }

    [Fact]
    public async Task A_document_that_is_not_GraphQL_is_refused_and_nothing_is_registered()
    {
        var park = await new WorkstationScenario(_admin).RegisterParkAsync($"Docs park {WorkstationScenario.Tag()}");
        var client = await RegisterDashboardAsync(park);

        var refused = await _admin.DataAsync(
            "mutation($input: RegisterTrustedDocumentsInput!) { registerTrustedDocuments(input: $input) { trustedDocuments { documentIds } errors { code field } } }",
            new { input = new { clientId = client.Id, documents = new[] { Statistics, "query { unclosed" } } });

        Assert.Equal("INVALID", refused.Str("registerTrustedDocuments.errors.0.code"));
        Assert.Equal("1", refused.At("registerTrustedDocuments.errors.0.field").EnumerateArray().Last().GetString());
        using var http = host.Factory.CreateClient().WithBearer(await host.Identity.ClientTokenAsync(client.Id, client.Secret, "stats:read"));
        using var notRegistered = await http.GetAsync($"/graphql?documentId={Id(Statistics)}&variables={Uri.EscapeDataString(JsonSerializer.Serialize(new { id = park }))}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, notRegistered.StatusCode);
    }

    private async Task<(string Park, HttpClient Http)> DashboardAsync(bool trustedOnly)
    {
        var park = await new WorkstationScenario(_admin).RegisterParkAsync($"Docs park {WorkstationScenario.Tag()}");
        var client = await RegisterDashboardAsync(park);
        var registered = await _admin.DataAsync(
            "mutation($input: RegisterTrustedDocumentsInput!) { registerTrustedDocuments(input: $input) { trustedDocuments { documentIds trustedDocumentsOnly } errors { code } } }",
            new { input = new { clientId = client.Id, documents = new[] { Statistics }, trustedDocumentsOnly = trustedOnly } });
        Assert.Empty(registered.At("registerTrustedDocuments.errors").EnumerateArray());
        Assert.Equal(Id(Statistics), registered.Str("registerTrustedDocuments.trustedDocuments.documentIds.0"));
        var token = await host.Identity.ClientTokenAsync(client.Id, client.Secret, "stats:read");
        return (park, host.Factory.CreateClient().WithBearer(token));
    }

    private async Task<(string Id, string Secret)> RegisterDashboardAsync(string park)
    {
        var registered = await _admin.DataAsync(
            "mutation($input: RegisterClientInput!) { registerClient(input: $input) { client { clientId secret } errors { code } } }",
            new { input = new { kind = "DASHBOARD", displayName = "Trusted dashboard", parkId = park } });
        return (registered.Str("registerClient.client.clientId"), registered.Str("registerClient.client.secret"));
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string url, string? etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return await http.SendAsync(request, Ct);
    }

    /// <summary>The id a client computes itself: sha256 of the document's UTF-8 text, in lower-case hex.</summary>
    private static string Id(string document) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
}
