using Microsoft.Playwright;

namespace IpShield.Integration.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright for .NET. Playwright's own browser download cannot work here (only package
/// registries are reachable), so the test command installs the distribution's <c>chromium</c> and tests launch it by path.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: build/test.sh installs Debian's chromium (apt-get install chromium).");
        var playwright = await Playwright.CreateAsync();
        // Tests run as root, where Chromium's sandbox cannot start.
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = ["--no-sandbox"] });
        return (playwright, browser);
    }
}
