using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Imports;
using IpShield.SharedKernel.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Live;

public static class LiveRegistration
{
    /// <summary>Live subscriptions (ADR 0022): the live-event tables, each host's feed, and <c>importProgress</c>.</summary>
    public static IServiceCollection AddPlatformLive(this IServiceCollection services, LiveOptions options)
    {
        services.AddSingleton(options);
        services.AddModuleDbContext<LiveDbContext>();
        services.AddSingleton<LiveEventFeed>();
        services.AddSingleton<LiveSharedWork>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveEventFeed>());
        services.AddSingleton<ISubscriptionFieldContribution, ImportProgressSubscription>();
        return services;
    }
}
