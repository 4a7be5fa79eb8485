using System.Net;
using System.Text.Json;
using IpShield.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace IpShield.Integration.Tests.Identity;

/// <summary>
/// Tokens as callers obtain and lose them, over HTTP against the real OpenIddict endpoints on MariaDB: code + PKCE with
/// refresh rotation, client credentials, introspection, revocation, and every kind of bad token the API must refuse.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class TokenLifecycleTests(MariaDbHost host)
{
    private const string ParkQuery = "query($id: ID!) { parkStatistics(parkId: $id) { parkId workstationCount } }";

    private readonly HttpClient _http = host.Factory.CreateClient();
    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_discovery_document_and_the_signing_keys_are_published()
    {
        using var discovery = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative), _cancellation));
        var root = discovery.RootElement;

        Assert.EndsWith("/connect/token", root.GetProperty("token_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/connect/authorize", root.GetProperty("authorization_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/connect/introspect", root.GetProperty("introspection_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/connect/revoke", root.GetProperty("revocation_endpoint").GetString(), StringComparison.Ordinal);
        Assert.Equal(["S256"], root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
        var jwks = root.GetProperty("jwks_uri").GetString()!;
        using var keys = JsonDocument.Parse(await _http.GetStringAsync(new Uri(new Uri(jwks).PathAndQuery, UriKind.Relative), _cancellation));
        Assert.NotEmpty(keys.RootElement.GetProperty("keys").EnumerateArray());
    }

    [Fact]
    public async Task A_person_signs_in_with_code_and_PKCE_and_uses_the_API()
    {
        var userName = await host.Identity.CreatePersonAsync("workstation_staff");

        var token = await OpenIdConnect.SignInAsync(host.Factory, userName, IdentityScenario.Password);

        Assert.Null(token.Error);
        Assert.NotNull(token.RefreshToken);
        Assert.True(token.Body.TryGetProperty("id_token", out _));
        var response = await host.CreateClient(token.AccessToken).PostAsync("{ parks(first: 1) { totalCount } }");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.False(response.HasErrors, response.Text);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData(null)] // no method means plain (RFC 7636)
    public async Task A_code_asked_for_with_PKCE_plain_is_refused_before_anyone_signs_in(string? method)
    {
        using var browser = host.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var parameters = new Dictionary<string, string>
        {
            ["client_id"] = OpenIdConnect.WebClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = OpenIdConnect.WebRedirectUri,
            ["scope"] = "openid api",
            ["state"] = "s1",
            ["code_challenge"] = "a-verifier-sent-as-its-own-challenge-0123456789",
        };
        if (method is not null)
        {
            parameters["code_challenge_method"] = method;
        }

        using var response = await browser.GetAsync(new Uri("/connect/authorize?" + string.Join('&', parameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")), UriKind.Relative), _cancellation);

        var answer = response.Headers.Location?.ToString() ?? await response.Content.ReadAsStringAsync(_cancellation);
        Assert.DoesNotContain("/account/login", answer, StringComparison.Ordinal);
        Assert.Contains("invalid_request", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_token_rotates_and_its_replay_revokes_the_whole_chain()
    {
        var userName = await host.Identity.CreatePersonAsync("workstation_staff");
        var first = await OpenIdConnect.SignInAsync(host.Factory, userName, IdentityScenario.Password);

        var second = await OpenIdConnect.RefreshAsync(_http, first.RefreshToken!);
        Assert.Null(second.Error);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient(second.AccessToken).PostAsync("{ parks(first: 1) { totalCount } }")).Status);

        var replay = await OpenIdConnect.RefreshAsync(_http, first.RefreshToken!);

        Assert.Equal("invalid_grant", replay.Error);
        Assert.Equal("invalid_grant", (await OpenIdConnect.RefreshAsync(_http, second.RefreshToken!)).Error);
        var afterReplay = await host.CreateClient(second.AccessToken).PostAsync("{ parks(first: 1) { totalCount } }");
        Assert.Equal(HttpStatusCode.Unauthorized, afterReplay.Status);
        Assert.Equal(["UNAUTHENTICATED"], afterReplay.ErrorCodes);
    }

    [Fact]
    public async Task A_wrong_password_does_not_sign_in_and_five_of_them_lock_the_account()
    {
        var userName = await host.Identity.CreatePersonAsync("workstation_staff");

        for (var attempt = 0; attempt < 4; attempt++)
        {
            Assert.Equal("sign_in_failed", (await OpenIdConnect.SignInAsync(host.Factory, userName, "wrong password!")).Error);
        }

        var fifth = await OpenIdConnect.SignInAsync(host.Factory, userName, "wrong password!");
        var withRightPassword = await OpenIdConnect.SignInAsync(host.Factory, userName, IdentityScenario.Password);

        Assert.Equal(423, fifth.Body.GetProperty("status").GetInt32());
        Assert.Equal("sign_in_failed", withRightPassword.Error);
        Assert.Equal(423, withRightPassword.Body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_machine_client_gets_a_token_with_its_secret_and_not_without_it()
    {
        var (clientId, secret) = await host.Identity.CreateDashboardAsync(Guid.NewGuid());

        var good = await OpenIdConnect.ClientCredentialsAsync(_http, clientId, secret, "stats:read");
        var bad = await OpenIdConnect.ClientCredentialsAsync(_http, clientId, "not-the-secret", "stats:read");
        var beyondItsScopes = await OpenIdConnect.ClientCredentialsAsync(_http, clientId, secret, "enterprises:import");

        Assert.Null(good.Error);
        Assert.Equal("invalid_client", bad.Error);
        Assert.NotNull(beyondItsScopes.Error);
        Assert.False(beyondItsScopes.Body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task Introspection_reports_a_live_token_as_active_and_a_revoked_one_as_inactive()
    {
        var (clientId, secret) = await host.Identity.CreateDashboardAsync(Guid.NewGuid());
        var token = (await OpenIdConnect.ClientCredentialsAsync(_http, clientId, secret, "stats:read")).AccessToken;

        var live = await PostFormAsync("/connect/introspect", new() { ["client_id"] = clientId, ["client_secret"] = secret, ["token"] = token });
        Assert.True(live.GetProperty("active").GetBoolean(), live.ToString());
        Assert.True(live.TryGetProperty("client_id", out var presenter) && presenter.GetString() == clientId, live.ToString());
        Assert.Equal("ipshield-api", live.GetProperty("aud").GetString());

        await PostFormAsync("/connect/revoke", new() { ["client_id"] = clientId, ["client_secret"] = secret, ["token"] = token });
        var revoked = await PostFormAsync("/connect/introspect", new() { ["client_id"] = clientId, ["client_secret"] = secret, ["token"] = token });

        Assert.False(revoked.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_revoked_access_token_is_refused_at_once_with_401_UNAUTHENTICATED()
    {
        var (clientId, secret) = await host.Identity.CreateDashboardAsync(Guid.NewGuid());
        var token = (await OpenIdConnect.ClientCredentialsAsync(_http, clientId, secret, "stats:read")).AccessToken;
        var client = host.CreateClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(ParkQuery, new { id = "x" })).Status);

        await PostFormAsync("/connect/revoke", new() { ["client_id"] = clientId, ["client_secret"] = secret, ["token"] = token });
        var response = await client.PostAsync(ParkQuery, new { id = "x" });

        AssertUnauthenticated(response);
    }

    [Fact]
    public async Task A_tampered_token_is_refused_with_401_UNAUTHENTICATED()
    {
        var token = await host.Identity.DashboardTokenAsync(Guid.NewGuid());
        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];

        AssertUnauthenticated(await host.CreateClient(tampered).PostAsync(ParkQuery, new { id = "x" }));
        AssertUnauthenticated(await host.CreateClient("not-a-token-at-all").PostAsync("{ __typename }"));
    }

    [Fact]
    public async Task A_token_issued_for_another_audience_is_refused_with_401_UNAUTHENTICATED()
    {
        using (var scope = host.Services.CreateScope())
        {
            var scopes = scope.ServiceProvider.GetRequiredService<IOpenIddictScopeManager>();
            if (await scopes.FindByNameAsync("partner:read", _cancellation) is null)
            {
                await scopes.CreateAsync(new OpenIddictScopeDescriptor { Name = "partner:read", Resources = { "partner-api" } }, _cancellation);
            }
        }

        var (clientId, secret) = await host.Identity.CreateClientAsync(id => IpShield.Identity.Server.PlatformClients.Machine(id, $"secret-of-{id}", "partner", "dashboard", Guid.NewGuid(), null, ["partner:read"]));
        var token = await host.Identity.ClientTokenAsync(clientId, secret, "partner:read");

        AssertUnauthenticated(await host.CreateClient(token).PostAsync("{ __typename }"));
    }

    [Fact]
    public async Task Without_a_token_only_typename_answers_and_anything_else_is_401_UNAUTHENTICATED()
    {
        var anonymous = host.CreateAnonymousClient();

        var typename = await anonymous.PostAsync("{ __typename }");
        var schema = await anonymous.PostAsync("{ __schema { queryType { name } } }");
        var type = await anonymous.PostAsync("{ __typename __type(name: \"Query\") { name } }");
        var parks = await anonymous.PostAsync("{ parks(first: 1) { totalCount } }");
        var mutation = await anonymous.PostAsync("mutation { registerPark(input: { name: \"x\", city: \"y\" }) { errors { code } } }");

        Assert.Equal(HttpStatusCode.OK, typename.Status);
        Assert.False(typename.HasErrors, typename.Text);
        AssertUnauthenticated(schema, challenge: "Bearer");
        AssertUnauthenticated(type, challenge: "Bearer");
        AssertUnauthenticated(parks, challenge: "Bearer");
        AssertUnauthenticated(mutation, challenge: "Bearer");
    }

    [Fact]
    public async Task Without_a_token_the_schema_is_still_published_as_SDL()
    {
        using var response = await _http.GetAsync(new Uri("/graphql/schema.graphql", UriKind.Relative), _cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("type Query", await response.Content.ReadAsStringAsync(_cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_caller_may_introspect_the_schema()
    {
        var token = await host.Identity.DashboardTokenAsync(Guid.NewGuid());

        var response = await host.CreateClient(token).PostAsync("{ __schema { queryType { name } } }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Query", response.Data.Str("__schema.queryType.name"));
    }

    private static void AssertUnauthenticated(GraphQLResponse response, string challenge = "Bearer error=\"invalid_token\"")
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Contains("UNAUTHENTICATED", response.ErrorCodes);
        Assert.False(response.Body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object, response.Text);
        Assert.Equal(challenge, response.WwwAuthenticate);
    }

    private async Task<JsonElement> PostFormAsync(string path, Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content, _cancellation);
        var text = await response.Content.ReadAsStringAsync(_cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>Expiry needs the host's clock moved, so it has a host of its own.</summary>
[Collection(ClockMovingMariaDbCollection.Name)]
public sealed class TokenExpiryTests(ClockMovingMariaDbHost host)
{
    [Fact]
    public async Task An_expired_access_token_is_refused_with_401_UNAUTHENTICATED()
    {
        var token = await host.Identity.DashboardTokenAsync(Guid.NewGuid());
        var client = host.CreateClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("{ __typename }")).Status);

        host.Clock.Advance(TimeSpan.FromMinutes(16)); // the default access token lifetime is 15 minutes
        var response = await client.PostAsync("{ __typename }");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
    }
}
