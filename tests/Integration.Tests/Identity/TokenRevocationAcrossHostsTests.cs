using System.Diagnostics;
using System.Net;
using IpShield.Integration.Tests.Infrastructure;

namespace IpShield.Integration.Tests.Identity;

/// <summary>
/// Two real host processes on one MariaDB database with the same certificates and issuer, as a deployment behind a
/// load balancer runs them. Each host remembers a token check for Identity:TokenEntryCacheLifetime (ADR 0008).
/// </summary>
public sealed class TokenRevocationAcrossHostsTests
{
    private const string Query = "{ parks(first: 1) { totalCount } }";
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_token_revoked_on_one_host_is_refused_there_at_once_and_by_the_other_host_within_the_cache_lifetime()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var database = await TestDatabases.CreateMariaDbAsync("hosts");
        var certificate = HostProcess.WriteSelfSignedCertificate(TestDatabases.NewSqliteFile() + ".pfx");
        try
        {
            var settings = new Dictionary<string, string>(HostProcess.CertificateSettings(certificate))
            {
                ["ConnectionStrings:MySql"] = database,
                ["Database:MigrateOnStartup"] = "true",
                ["Identity:Issuer"] = "https://ipshield.test/",
                ["Identity:TokenEntryCacheLifetime"] = CacheLifetime.ToString(),
            };
            await using var first = await HostProcess.StartAsync(settings, cancellation);
            await using var second = await HostProcess.StartAsync(settings, cancellation);
            using var firstHttp = new HttpClient { BaseAddress = new Uri(first.Url) };
            var token = await OpenIdConnect.ClientCredentialsAsync(firstHttp, PlatformHost.OperatorClientId, PlatformHost.OperatorClientSecret, "api");
            var onFirst = new GraphQLClient(new HttpClient { BaseAddress = new Uri(first.Url) }.WithBearer(token.AccessToken));
            var onSecond = new GraphQLClient(new HttpClient { BaseAddress = new Uri(second.Url) }.WithBearer(token.AccessToken));
            Assert.Equal(HttpStatusCode.OK, (await onFirst.PostAsync(Query)).Status);
            Assert.Equal(HttpStatusCode.OK, (await onSecond.PostAsync(Query)).Status);

            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = PlatformHost.OperatorClientId,
                ["client_secret"] = PlatformHost.OperatorClientSecret,
                ["token"] = token.AccessToken,
            });
            using var revoked = await firstHttp.PostAsync(new Uri("/connect/revoke", UriKind.Relative), form, cancellation);
            var clock = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

            Assert.Equal(HttpStatusCode.Unauthorized, (await onFirst.PostAsync(Query)).Status);
            await Eventually.MatchAsync(async () => (await onSecond.PostAsync(Query)).Status, s => s == HttpStatusCode.Unauthorized, "the second host to refuse the revoked token", seconds: 10);
            var elapsed = clock.Elapsed;
            Assert.Equal(["UNAUTHENTICATED"], (await onSecond.PostAsync(Query)).ErrorCodes);
            // The bound the ADR states, plus room for one poll and a loaded machine's request.
            Assert.True(elapsed < CacheLifetime + TimeSpan.FromSeconds(1.5), $"The second host took {elapsed} to refuse the token; the stated bound is {CacheLifetime}.");
        }
        finally
        {
            await TestDatabases.DropMariaDbAsync(database);
            File.Delete(certificate);
        }
    }
}
