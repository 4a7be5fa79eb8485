using System.Net;
using IpShield.Integration.Tests.Infrastructure;

namespace IpShield.Integration.Tests.Platform;

/// <summary>The host as a developer runs it (Development environment, its own process).</summary>
public sealed class DevelopmentHostTests
{
    [Fact]
    public async Task In_Development_a_caller_without_a_token_may_introspect_the_schema()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var host = await HostProcess.StartAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" }, cancellation);
        var anonymous = new GraphQLClient(new HttpClient { BaseAddress = new Uri(host.Url) });

        var response = await anonymous.PostAsync("{ __schema { queryType { name } } }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Query", response.Data.Str("__schema.queryType.name"));
    }
}
