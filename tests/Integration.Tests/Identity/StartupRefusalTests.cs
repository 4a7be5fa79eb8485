using IpShield.Integration.Tests.Infrastructure;

namespace IpShield.Integration.Tests.Identity;

public sealed class StartupRefusalTests
{
    [Fact]
    public async Task Outside_development_the_host_refuses_to_start_without_token_certificates_and_says_so()
    {
        var (exitCode, output) = await HostProcess.RunWithoutCertificatesAsync(TestContext.Current.CancellationToken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("needs certificates to sign and encrypt tokens", output, StringComparison.Ordinal);
        Assert.Contains("Identity:SigningCertificate:Path", output, StringComparison.Ordinal);
    }
}
