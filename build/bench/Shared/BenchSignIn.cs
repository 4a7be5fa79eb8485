using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.Workstations.Contracts;

// Shared by the benchmark tools (compiled into each): signing people in and posting GraphQL as a client would.
/// <summary>Access tokens the way people get them: created by the centre, signed in through /connect/authorize with PKCE.</summary>
internal static partial class BenchSignIn
{
    public const string RedirectPath = "/bench-callback";
    private const string WebClientId = "ipshield-web";

    /// <summary>A new workstation staff member of <paramref name="workstation"/>, signed in: their access token.</summary>
    public static async Task<string> StaffTokenAsync(Uri host, string operatorToken, Guid workstation)
    {
        var userName = $"bench-staff-{Guid.NewGuid():N}"[..30];
        const string Password = "bench-staff-password-0123";
        using (var http = new HttpClient { BaseAddress = host })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);
            var created = await GraphQLHttp.PostAsync(http, """
                mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } errors { code message } } }
                """, new
            {
                input = new
                {
                    userName, displayName = "Bench workstation staff", password = Password, role = "workstation_staff",
                    workstationIds = new[] { GlobalId.Encode(WorkstationsGlobalIds.Workstation, workstation) },
                },
            });
            if (created.GetProperty("data").GetProperty("createPerson").GetProperty("errors").GetArrayLength() > 0)
            {
                throw new InvalidOperationException($"createPerson: {created}");
            }
        }

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = host };
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var redirect = new Uri(host, RedirectPath).ToString();
        var authorize = "/connect/authorize?" + string.Join('&', new Dictionary<string, string>
        {
            ["client_id"] = WebClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirect,
            ["scope"] = "openid api",
            ["state"] = "bench",
            ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        using var toLogin = await Expect(browser.GetAsync(new Uri(authorize, UriKind.Relative)), HttpStatusCode.Redirect, "authorize");
        var page = await browser.GetStringAsync(toLogin.Headers.Location!);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value),
            ["returnUrl"] = WebUtility.HtmlDecode(ReturnUrlField().Match(page).Groups[1].Value),
            ["userName"] = userName,
            ["password"] = Password,
        });
        using var signedIn = await Expect(browser.PostAsync(new Uri("/account/login", UriKind.Relative), form), HttpStatusCode.Redirect, "sign-in");
        using var toCallback = await Expect(browser.GetAsync(signedIn.Headers.Location!), HttpStatusCode.Redirect, "authorize after sign-in");
        var code = Regex.Match(toCallback.Headers.Location!.Query, "[?&]code=([^&]+)").Groups[1].Value;
        using var redeem = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = WebClientId,
            ["code"] = Uri.UnescapeDataString(code),
            ["redirect_uri"] = redirect,
            ["code_verifier"] = verifier,
        });
        using var token = await Expect(browser.PostAsync(new Uri("/connect/token", UriKind.Relative), redeem), HttpStatusCode.OK, "token");
        return JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<HttpResponseMessage> Expect(Task<HttpResponseMessage> request, HttpStatusCode status, string step)
    {
        var response = await request;
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();
}

internal static class GraphQLHttp
{
    public static async Task<JsonElement> PostAsync(HttpClient http, string query, object variables)
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/graphql", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"/graphql {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

