using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.SharedKernel.GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Integration.Tests.Platform;

/// <summary>GraphQL over HTTP as clients see it: media types, status codes, limits and clear errors.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class GraphQLOverHttpTests(MariaDbHost host)
{
    private readonly GraphQLClient _client = host.CreateClient();

    [Fact]
    public async Task A_POST_query_answers_in_the_GraphQL_response_media_type_with_its_cost()
    {
        var response = await _client.PostAsync("{ workstations(first: 5) { totalCount nodes { name } } }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(GraphQLClient.GraphQLResponseJson, response.ContentType);
        Assert.False(response.HasErrors);
        Assert.True(response.Body.At("extensions.cost.complexity").GetDouble() > 0);
        Assert.Equal(15, response.Body.At("extensions.cost.maxDepth").GetInt32());
    }

    [Fact]
    public async Task A_GET_query_with_url_parameters_works_and_a_client_asking_for_json_gets_json()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("query Count($first: Int) { workstations(first: $first) { totalCount } }") + "&variables=" + Uri.EscapeDataString("{\"first\":1}") + "&operationName=Count");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json", response.ContentType);
        Assert.True(response.Data.At("workstations.totalCount").GetInt32() >= 0);
    }

    [Fact]
    public async Task A_mutation_over_GET_is_refused_with_405_and_changes_nothing()
    {
        var name = $"Via GET {WorkstationsTag()}";
        var mutation = $"mutation {{ registerPark(input: {{ name: \"{name}\", city: \"Wuhan\" }}) {{ park {{ id }} }} }}";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString(mutation));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLClient.GraphQLResponseJson));

        var response = await _client.SendAsync(request);
        var parks = await _client.DataAsync("query($name: String!) { parks(where: { name: { eq: $name } }) { totalCount } }", new { name });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal(["MUTATION_OVER_GET"], response.ErrorCodes);
        Assert.Equal(0, parks.At("parks.totalCount").GetInt32());
    }

    [Theory]
    [InlineData("{\"query\": ", "INVALID_REQUEST")]
    [InlineData("{\"variables\": {}}", "INVALID_REQUEST")]
    [InlineData("{\"query\": 42}", "INVALID_REQUEST")]
    [InlineData("[{\"query\": \"{ __typename }\"}]", "INVALID_REQUEST")]
    public async Task A_malformed_body_is_a_400_with_a_clear_code(string body, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLClient.GraphQLResponseJson));

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal([code], response.ErrorCodes);
    }

    [Theory]
    [InlineData("{\"query\": ")]
    [InlineData("{\"query\": \"{ __typename }\", \"variables\": {\"first\": }}")]
    [InlineData("{\"query\": \"{ __typename }\", \"variables\": {\"first\": \"\\uZZZZ\"}}")]
    public async Task A_body_that_is_not_JSON_gets_a_fixed_message_without_the_parser_s_details(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLClient.GraphQLResponseJson));

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["INVALID_REQUEST"], response.ErrorCodes);
        Assert.Equal(NotJson, response.Errors[0].GetProperty("message").GetString());
        AssertNoParserDetails(response);
    }

    [Theory]
    [InlineData("{\"first\": ")]
    [InlineData("[1, 2]")]
    public async Task GET_variables_that_are_not_a_JSON_object_get_a_fixed_message(string variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("query($first: Int) { workstations(first: $first) { totalCount } }") + "&variables=" + Uri.EscapeDataString(variables));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLClient.GraphQLResponseJson));

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["INVALID_REQUEST"], response.ErrorCodes);
        Assert.Equal(NotJson, response.Errors[0].GetProperty("message").GetString());
        AssertNoParserDetails(response);
    }

    [Theory]
    [InlineData("{\"query\": \"{ __typename }\"", "{}")]
    [InlineData("{\"query\": \"{ __typename }\"}", "{\"0\": [\"variables.file\"")]
    public async Task A_multipart_request_whose_parts_are_not_JSON_gets_a_fixed_message(string operations, string map)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new MultipartFormDataContent { { new StringContent(operations), "operations" }, { new StringContent(map), "map" } },
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLClient.GraphQLResponseJson));
        request.Headers.Add("GraphQL-Preflight", "1");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["INVALID_REQUEST"], response.ErrorCodes);
        Assert.Equal(NotJson, response.Errors[0].GetProperty("message").GetString());
        AssertNoParserDetails(response);
    }

    [Fact]
    public async Task A_multipart_body_that_breaks_off_gets_a_fixed_message()
    {
        var body = "--b\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{\"query\": \"{ __typename }\", \"variables\": {\"file\": null}}\r\n"
            + "--b\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n{\"0\": [\"variables.file\"]}\r\n"
            + "--b\r\nContent-Disposition: form-data; name=\"0\"; filename=\"a.csv\"\r\n\r\nthe upload breaks off here";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLClient.GraphQLResponseJson));
        request.Headers.Add("GraphQL-Preflight", "1");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["INVALID_REQUEST"], response.ErrorCodes);
        Assert.Equal("The multipart body is malformed: it does not follow the GraphQL multipart request spec.", response.Errors[0].GetProperty("message").GetString());
        Assert.DoesNotContain("Unexpected end", response.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_syntax_error_is_400_for_GraphQL_response_clients_and_200_for_json_clients()
    {
        var strict = await _client.PostAsync("{ workstations(first: 1) { totalCount ");
        var legacy = await _client.PostAsync("{ workstations(first: 1) { totalCount ", accept: "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, strict.Status);
        Assert.Equal(HttpStatusCode.OK, legacy.Status);
        Assert.Equal(["SYNTAX_ERROR"], strict.ErrorCodes);
        Assert.False(legacy.Body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task An_unknown_operation_name_or_a_badly_typed_variable_is_a_request_error()
    {
        var unknown = await _client.PostAsync("query A { __typename } query B { __typename }", operationName: "C");
        var badVariable = await _client.PostAsync("query($first: Int) { workstations(first: $first) { totalCount } }", new { first = "ten" });

        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains("C", unknown.Errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badVariable.Status);
        Assert.Equal(["INVALID_VALUE"], badVariable.ErrorCodes);
    }

    [Fact]
    public async Task A_request_over_the_size_limit_is_refused_with_413()
    {
        var padding = new string(' ', 1_100_000);
        var response = await _client.PostAsync("{ __typename " + padding + "}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal(["REQUEST_TOO_LARGE"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_client_accepting_neither_media_type_gets_406()
    {
        var response = await _client.PostAsync("{ __typename }", accept: "text/csv");

        Assert.Equal(HttpStatusCode.NotAcceptable, response.Status);
    }

    [Fact]
    public async Task A_query_deeper_than_the_limit_is_refused_before_it_runs()
    {
        // Introspection lists are not multiplied by the cost model, so only the depth can stop this one.
        var ofTypes = string.Concat(Enumerable.Repeat("ofType { ", 13));
        var deep = "{ __schema { types { fields { type { " + ofTypes + "name" + new string('}', 13 + 5);
        host.Statements.Reset();

        var response = await _client.PostAsync(deep);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(response.Errors, e => e.GetProperty("message").GetString()!.Contains("depth", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, host.Statements.Count);
    }

    [Fact]
    public async Task A_query_costing_more_than_the_limit_is_refused_with_its_cost()
    {
        var expensive = "{ workstations(first: 100) { nodes { park { workstations { latestServiceRecords(count: 50) { workstation { staff { personName } } } } } } } }";

        var response = await _client.PostAsync(expensive);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(response.Errors, e => e.GetProperty("message").GetString()!.Contains("complexity", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_standard_introspection_query_runs_within_the_limits()
    {
        var response = await _client.PostAsync(IntrospectionQuery.Text);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.False(response.HasErrors, response.Text[..Math.Min(500, response.Text.Length)]);
        Assert.Contains(response.Data.At("__schema.types").EnumerateArray(), t => t.Str("name") == "Workstation");
    }

    [Fact]
    public async Task A_bug_reaches_the_client_as_a_code_and_trace_id_without_internals()
    {
        var response = await _client.PostAsync("{ failingForTests }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var error = Assert.Single(response.Errors);
        Assert.Equal("INTERNAL_SERVER_ERROR", error.At("extensions.code").GetString());
        Assert.False(string.IsNullOrEmpty(error.At("extensions.traceId").GetString()));
        Assert.DoesNotContain("hunter2", response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperation", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_query_is_not_validated_again_but_still_reports_its_cost()
    {
        var cache = host.Services.GetRequiredService<DocumentCache>();
        var validations = host.Services.GetRequiredService<ValidationCounterForTests>();
        var query = $"{{ workstations(first: 2) {{ totalCount }} }} # {Guid.NewGuid()}";

        var first = await _client.PostAsync(query);
        var hitsBefore = cache.Hits;
        var second = await _client.PostAsync(query);

        Assert.Equal(hitsBefore + 1, cache.Hits);
        Assert.Equal(1, validations.RunsFor(query));
        Assert.False(second.HasErrors, second.Text);
        Assert.Equal(first.Body.At("extensions.cost").GetRawText(), second.Body.At("extensions.cost").GetRawText());
    }

    [Fact]
    public async Task A_caller_repeating_a_query_is_spared_the_access_and_cost_rules_and_another_caller_is_checked_again()
    {
        var cache = host.Services.GetRequiredService<DocumentCache>();
        var query = $"{{ workstations(first: 3) {{ totalCount }} }} # {Guid.NewGuid()}";

        var first = await _client.PostAsync(query);
        var verdictsBefore = cache.VerdictHits;
        var again = await _client.PostAsync(query);
        var verdictsAfterAgain = cache.VerdictHits;
        var anonymous = await host.CreateAnonymousClient().PostAsync(query);
        var paged = $"query($n: Int) {{ workstations(first: $n) {{ totalCount }} }} # {Guid.NewGuid()}";
        await _client.PostAsync(paged, new { n = 3 });
        var withVariablesAgain = await _client.PostAsync(paged, new { n = 3 });

        Assert.False(again.HasErrors, again.Text);
        Assert.Equal(verdictsBefore + 1, verdictsAfterAgain);
        Assert.Equal(first.Body.At("data").GetRawText(), again.Body.At("data").GetRawText());
        Assert.Equal(first.Body.At("extensions.cost").GetRawText(), again.Body.At("extensions.cost").GetRawText());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal(["UNAUTHENTICATED"], anonymous.ErrorCodes);
        Assert.False(withVariablesAgain.HasErrors, withVariablesAgain.Text);
        Assert.Equal(verdictsAfterAgain, cache.VerdictHits);
    }

    [Fact]
    public async Task A_cached_query_asking_for_a_bigger_page_through_a_variable_is_costed_again_and_refused()
    {
        var query = $"query($n: Int) {{ workstations(first: $n) {{ nodes {{ park {{ workstations {{ latestServiceRecords(count: 50) {{ workstation {{ staff {{ personName }} }} }} }} }} }} }} }} # {Guid.NewGuid()}";

        var small = await _client.PostAsync(query, new { n = 1 });
        var large = await _client.PostAsync(query, new { n = 100 });

        Assert.False(small.HasErrors, small.Text);
        Assert.Equal(HttpStatusCode.BadRequest, large.Status);
        Assert.Contains(large.Errors, e => e.GetProperty("message").GetString()!.Contains("complexity", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_query_cached_for_the_city_centre_is_still_refused_to_an_anonymous_caller()
    {
        var query = $"{{ workstations(first: 1) {{ totalCount }} }} # {Guid.NewGuid()}";

        var admin = await _client.PostAsync(query);
        var anonymous = await host.CreateAnonymousClient().PostAsync(query);

        Assert.False(admin.HasErrors, admin.Text);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal(["UNAUTHENTICATED"], anonymous.ErrorCodes);
    }

    [Fact]
    public async Task Health_says_live_and_ready_with_the_database_up()
    {
        var live = await _client.Http.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken);
        var ready = await _client.Http.GetStringAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Contains("\"status\":\"Healthy\"", ready, StringComparison.Ordinal);
        Assert.Contains("\"WorkstationsDbContext\":\"up\"", ready, StringComparison.Ordinal);
        Assert.Contains("\"provider\":\"MySql\"", ready, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_gets_the_offline_IDE_and_its_scripts()
    {
        using var page = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        page.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        using var html = await _client.Http.SendAsync(page, TestContext.Current.CancellationToken);
        var text = await html.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var script = await _client.Http.GetAsync(new Uri("/graphql/ide/graphiql.js", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("GraphiQL.createFetcher", text, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True(script.Content.Headers.ContentLength > 100_000);
    }

    [Fact]
    public async Task The_schema_is_served_as_SDL()
    {
        var sdl = await _client.Http.GetStringAsync(new Uri("/graphql/schema.graphql", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("type Workstation implements Node", sdl, StringComparison.Ordinal);
        Assert.Contains("node(id: ID!): Node", sdl, StringComparison.Ordinal);
    }

    private const string NotJson = "The request is not valid JSON for a GraphQL request: an object with a 'query' string and optionally 'operationName', 'variables' and 'extensions'.";

    private static string WorkstationsTag() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>What System.Text.Json and our code would say about themselves: positions, paths, type names.</summary>
    private static void AssertNoParserDetails(GraphQLResponse response)
    {
        foreach (var detail in (string[])["LineNumber", "BytePosition", "Path: $", "System.", "IpShield.", "Exception"])
        {
            Assert.DoesNotContain(detail, response.Text, StringComparison.Ordinal);
        }
    }
}
