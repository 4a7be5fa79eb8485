using System.Net;
using IpShield.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IpShield.Integration.Tests.Platform;

/// <summary>
/// A browser front end on its own origin (the host allows <see cref="OpenIdConnect.WebOrigin"/> by Cors:AllowedOrigins)
/// and the platform's own pages, as a browser sees their headers.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class BrowserFrontEndTests(SqliteHost host)
{
    private const string ForeignOrigin = "https://evil.example";

    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_front_end_on_an_allowed_origin_gets_its_preflight_and_its_POST_answered()
    {
        using var preflight = await SendAsync(Preflight(OpenIdConnect.WebOrigin));
        using var post = await SendAsync(Post(OpenIdConnect.WebOrigin));

        Assert.True(preflight.IsSuccessStatusCode, $"preflight answered {(int)preflight.StatusCode}");
        Assert.Equal(OpenIdConnect.WebOrigin, preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", preflight.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("authorization", preflight.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Credentials")); // bearer tokens, never cookies
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(OpenIdConnect.WebOrigin, post.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("\"parks\"", await post.Content.ReadAsStringAsync(_cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_on_a_foreign_origin_gets_no_CORS_allowance()
    {
        using var preflight = await SendAsync(Preflight(ForeignOrigin));
        using var post = await SendAsync(Post(ForeignOrigin));

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Headers"));
        Assert.False(post.Headers.Contains("Access-Control-Allow-Origin")); // the browser withholds the answer from the page
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/graphql")]
    public async Task A_page_may_not_be_framed_nor_sniffed_and_sends_no_referrer(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");

        using var page = await SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single()
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ')[1..]);
        Assert.Equal(["'none'"], policy["frame-ancestors"]);
        Assert.Equal(["'none'"], policy["default-src"]);
        Assert.DoesNotContain("'unsafe-inline'", policy.GetValueOrDefault("script-src") ?? []);
        // Nothing is loaded from another host: sources are keywords, hashes or data: (form-action names where sign-in leads).
        Assert.All(policy.Where(d => d.Key != "form-action").SelectMany(d => d.Value), source => Assert.True(source.StartsWith('\'') || source == "data:", source));
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Over_HTTPS_outside_Development_the_host_asks_browsers_to_keep_to_HTTPS()
    {
        using var https = host.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://ipshield.test") });

        using var response = await https.GetAsync(new Uri("/health/live", UriKind.Relative), _cancellation);

        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }

    private HttpRequestMessage Post(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ parks(first: 1) { totalCount } }"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", origin);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", host.AdminToken);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using var http = host.Factory.CreateClient();
        using (request)
        {
            return await http.SendAsync(request, _cancellation);
        }
    }
}
