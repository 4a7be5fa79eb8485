using IpShield.Training.CheckIn;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace IpShield.Training.Tests;

public sealed class CheckInKeyTests
{
    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "IpShield.Host";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static IConfiguration Settings(string? key) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [CheckInOptions.KeySetting] = key }).Build();

    [Fact]
    public void Production_refuses_to_start_without_a_key_and_says_which_setting()
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => CheckInOptions.CodeFrom(Settings(null), new Environment("Production")));
        Assert.Contains("Training:CheckInKey", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_key_is_refused_everywhere() =>
        Assert.Throws<InvalidOperationException>(() => CheckInOptions.CodeFrom(Settings("short"), new Environment("Development")));

    [Fact]
    public void Development_signs_with_its_own_key_and_codes_of_a_configured_key_do_not_pass_there()
    {
        var development = CheckInOptions.CodeFrom(Settings(null), new Environment("Development"));
        var production = CheckInOptions.CodeFrom(Settings("the production key, at least thirty-two characters"), new Environment("Production"));
        var code = production.Issue(Guid.CreateVersion7(), Guid.CreateVersion7());

        Assert.True(production.TryRead(code, out _, out _));
        Assert.False(development.TryRead(code, out _, out _));
    }
}
