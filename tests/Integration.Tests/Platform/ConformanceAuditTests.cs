using System.Diagnostics;
using IpShield.Integration.Tests.Infrastructure;

namespace IpShield.Integration.Tests.Platform;

/// <summary>
/// The graphql-http audit suite (npm, build/conformance) against the host running as its own process:
/// any error or warning fails the test, and its lines are shown. The audit sends a token, as every client does:
/// several audits ask <c>__type</c>, which outside Development answers only signed-in callers.
/// </summary>
public sealed class ConformanceAuditTests
{
    [Fact]
    public async Task The_graphql_http_audit_finds_no_error_and_no_warning()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var conformance = Path.Combine(RepositoryRoot.Path, "build", "conformance");
        Assert.True(
            File.Exists(Path.Combine(conformance, "node_modules", "graphql-http", "package.json")),
            "The audit suite is not installed; build/test.sh runs 'npm ci' in build/conformance.");
        await using var host = await HostProcess.StartAsync(cancellation);
        using var http = new HttpClient { BaseAddress = new Uri(host.Url) };
        var token = await OpenIdConnect.ClientCredentialsAsync(http, PlatformHost.OperatorClientId, PlatformHost.OperatorClientSecret, "api");

        var audit = new ProcessStartInfo("node") { WorkingDirectory = conformance, RedirectStandardOutput = true, RedirectStandardError = true };
        audit.ArgumentList.Add("audit.mjs");
        audit.ArgumentList.Add($"{host.Url}/graphql");
        audit.ArgumentList.Add("--header");
        audit.ArgumentList.Add($"Authorization: Bearer {token.AccessToken}");
        using var process = Process.Start(audit)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellation);
        var errors = await process.StandardError.ReadToEndAsync(cancellation);
        await process.WaitForExitAsync(cancellation);

        var problems = string.Join('\n', output.Split('\n').Where(line => line.StartsWith("warn", StringComparison.Ordinal) || line.StartsWith("error", StringComparison.Ordinal)));
        Assert.True(process.ExitCode == 0, $"graphql-http audit failed (exit {process.ExitCode}):\n{problems}\n{errors}\n{output.Split('\n').LastOrDefault(l => l.Length > 0)}");
        Assert.Matches(@"conformance: \d+ passed, 0 failed", output);
    }
}
