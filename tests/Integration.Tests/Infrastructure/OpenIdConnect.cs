using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IpShield.Integration.Tests.Infrastructure;

/// <summary>A token response of the real token endpoint.</summary>
public sealed record TokenResponse(HttpStatusCode Status, JsonElement Body)
{
    public string AccessToken => Body.GetProperty("access_token").GetString()!;
    public string? RefreshToken => Body.TryGetProperty("refresh_token", out var t) ? t.GetString() : null;
    public string? Error => Body.TryGetProperty("error", out var e) ? e.GetString() : null;
}

/// <summary>
/// Obtains tokens the way the platform's callers do: client credentials for machine clients, authorization code with
/// PKCE through the sign-in page for people. Everything goes over HTTP to the host's OpenIddict endpoints.
/// </summary>
public static partial class OpenIdConnect
{
    public const string WebClientId = "ipshield-web";
    public const string WebRedirectUri = "https://app.test/callback";

    /// <summary>The web front end's own origin, allowed by the host's CORS policy.</summary>
    public const string WebOrigin = "https://app.test";

    public static async Task<TokenResponse> ClientCredentialsAsync(HttpClient http, string clientId, string secret, string scope) =>
        await PostTokenAsync(http, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = scope,
        });

    public static async Task<TokenResponse> RefreshAsync(HttpClient http, string refreshToken) =>
        await PostTokenAsync(http, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = WebClientId,
            ["refresh_token"] = refreshToken,
        });

    public static async Task<TokenResponse> PostTokenAsync(HttpClient http, Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(new Uri("/connect/token", UriKind.Relative), content, TestContext.Current.CancellationToken);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
        return new TokenResponse(response.StatusCode, body);
    }

    /// <summary>Signs a person in through the sign-in page and redeems the code with its PKCE verifier.</summary>
    public static async Task<TokenResponse> SignInAsync(WebApplicationFactory<Program> factory, string userName, string password, string scope = "openid offline_access api")
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = "/connect/authorize?" + string.Join('&', new Dictionary<string, string>
        {
            ["client_id"] = WebClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = WebRedirectUri,
            ["scope"] = scope,
            ["state"] = "s1",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

        using var toLogin = await browser.GetAsync(new Uri(authorize, UriKind.Relative), cancellation);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        var loginUrl = toLogin.Headers.Location!;
        Assert.Contains("/account/login", loginUrl.ToString(), StringComparison.Ordinal);

        var page = await browser.GetStringAsync(loginUrl.IsAbsoluteUri ? loginUrl.PathAndQuery : loginUrl.ToString(), cancellation);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value),
            ["returnUrl"] = WebUtility.HtmlDecode(ReturnUrlField().Match(page).Groups[1].Value),
            ["userName"] = userName,
            ["password"] = password,
        };
        using var content = new FormUrlEncodedContent(form);
        using var signedIn = await browser.PostAsync(new Uri("/account/login", UriKind.Relative), content, cancellation);
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            return new TokenResponse(signedIn.StatusCode, JsonDocument.Parse($$"""{"error":"sign_in_failed","status":{{(int)signedIn.StatusCode}}}""").RootElement.Clone());
        }

        using var toCallback = await browser.GetAsync(signedIn.Headers.Location!, cancellation);
        Assert.Equal(HttpStatusCode.Redirect, toCallback.StatusCode);
        var callback = toCallback.Headers.Location!;
        Assert.StartsWith(WebRedirectUri, callback.ToString(), StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("s1", query["state"].ToString());

        return await PostTokenAsync(browser, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = WebClientId,
            ["code"] = query["code"].ToString(),
            ["redirect_uri"] = WebRedirectUri,
            ["code_verifier"] = verifier,
        });
    }

    public static HttpClient WithBearer(this HttpClient http, string token)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();
}
