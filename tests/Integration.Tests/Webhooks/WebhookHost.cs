using IpShield.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Integration.Tests.Webhooks;

/// <summary>A MariaDB host of its own for webhook tests: plain http to this machine allowed, retries a fraction of a second apart.</summary>
public sealed class WebhookHost : MariaDbHost
{
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Webhooks:AllowLocalHttp"] = "true",
        ["Webhooks:Poll"] = "00:00:00.100",
        ["Webhooks:FirstRetryDelay"] = "00:00:00.200",
        ["Webhooks:MaxRetryDelay"] = "00:00:00.500",
        ["Webhooks:MaxAttempts"] = "5",
        ["Webhooks:Timeout"] = "00:00:05",
    };

    protected override async Task<IReadOnlyDictionary<string, string?>> PrepareDatabaseAsync() =>
        new Dictionary<string, string?>((await base.PrepareDatabaseAsync()).Concat(Settings));

    protected override void ConfigureTestServices(IServiceCollection services)
    {
    }
}

[CollectionDefinition(Name)]
public sealed class WebhookCollection : ICollectionFixture<WebhookHost>
{
    public const string Name = "Webhook MariaDB host";
}
