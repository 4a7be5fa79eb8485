using Microsoft.Playwright;

namespace IpShield.Integration.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright for .NET. Playwright's own browser download cannot work here (only package
/// registries are reachable), so the test command installs the distribution's <c>chromium</c> and tests launch it by path.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: build/test.sh installs Debian's chromium (apt-get install chromium).");
        var playwright = await Playwright.CreateAsync();
        try
        {
            // Tests run as root, where Chromium's sandbox cannot start.
            return new Chromium(playwright, await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = ["--no-sandbox"] }));
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A new page in a fresh context (no cookies, no storage) whose browser language is <paramref name="locale"/>.</summary>
    public async Task<IPage> NewPageAsync(string locale) =>
        await (await Browser.NewContextAsync(new() { Locale = locale })).NewPageAsync();

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
