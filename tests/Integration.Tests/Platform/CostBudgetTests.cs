using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;

namespace IpShield.Integration.Tests.Platform;

/// <summary>
/// A third-party client spends a budget of query cost per minute: the remaining budget comes with every answer, a
/// client over it gets 429 with Retry-After, and its budget comes back with time (the host's clock is moved).
/// </summary>
[Collection(ClockMovingMariaDbCollection.Name)]
public sealed class CostBudgetTests(ClockMovingMariaDbHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Statistics = "query($id: ID!) { parkStatistics(parkId: $id) { workstationCount } }";

    [Fact]
    public async Task A_dashboard_over_its_budget_gets_429_with_Retry_After_and_its_budget_comes_back()
    {
        var admin = host.CreateClient();
        var park = await new WorkstationScenario(admin).RegisterParkAsync($"Budget park {WorkstationScenario.Tag()}");
        // The operation costs 1.1 (one object field, one scalar leaf): a budget of 3 per minute pays for two in a row.
        var registered = await admin.DataAsync(
            "mutation($input: RegisterClientInput!) { registerClient(input: $input) { client { clientId secret } errors { code } } }",
            new { input = new { kind = "DASHBOARD", displayName = "Budgeted dashboard", parkId = park, costBudgetPerMinute = 3 } });
        Assert.Empty(registered.At("registerClient.errors").EnumerateArray());
        var token = await host.Identity.ClientTokenAsync(registered.Str("registerClient.client.clientId"), registered.Str("registerClient.client.secret"), "stats:read");
        using var http = host.Factory.CreateClient().WithBearer(token);

        var first = await PostAsync(http, park);
        var second = await PostAsync(http, park);
        var third = await PostAsync(http, park);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(1.1, first.Body.At("extensions.cost.complexity").GetDouble());
        Assert.Equal(3, first.Body.At("extensions.cost.budget.perMinute").GetInt32());
        Assert.Equal(1, first.Body.At("extensions.cost.budget.remaining").GetDouble()); // 3 − 1.1, rounded down
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(0, second.Body.At("extensions.cost.budget.remaining").GetDouble());

        Assert.Equal((HttpStatusCode)429, third.Status);
        Assert.Equal("BUDGET_EXCEEDED", third.Body.At("errors.0.extensions.code").GetString());
        Assert.False(third.Body.TryGetProperty("data", out _));
        Assert.InRange(third.RetryAfter, 1, 60);

        host.Clock.Advance(TimeSpan.FromSeconds(third.RetryAfter));
        var later = await PostAsync(http, park);
        Assert.Equal(HttpStatusCode.OK, later.Status);
        Assert.Equal(0, later.Body.At("data.parkStatistics.workstationCount").GetInt32());
    }

    [Fact]
    public async Task People_are_not_budgeted_and_a_budget_below_one_is_refused()
    {
        var admin = host.CreateClient();
        var park = await new WorkstationScenario(admin).RegisterParkAsync($"Budget park {WorkstationScenario.Tag()}");

        var refused = await admin.DataAsync(
            "mutation($input: RegisterClientInput!) { registerClient(input: $input) { client { clientId } errors { code field } } }",
            new { input = new { kind = "DASHBOARD", displayName = "No budget", parkId = park, costBudgetPerMinute = 0 } });
        var answer = await admin.PostAsync(Statistics, new { id = park });

        Assert.Equal("INVALID", refused.Str("registerClient.errors.0.code"));
        Assert.Equal(JsonValueKind.Null, refused.At("registerClient.client").ValueKind);
        Assert.False(answer.Body.At("extensions.cost").TryGetProperty("budget", out _));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, int RetryAfter)> PostAsync(HttpClient http, string park)
    {
        using var response = await http.PostAsJsonAsync("/graphql", new { query = Statistics, variables = new { id = park } }, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : -1;
        return (response.StatusCode, body, retryAfter);
    }
}
