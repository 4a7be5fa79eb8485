using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Imports;
using IpShield.SharedKernel.Persistence;
using IpShield.SharedKernel.Statistics;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Live;

public static class LiveRegistration
{
    /// <summary>
    /// Live subscriptions (ADR 0022): the live-event tables, each host's feed, and <c>importProgress</c>; and each module's
    /// data versions with the statistics answers kept by them and computed again after writes (ADRs 0037, 0041, 0042), and the
    /// spare connections sections compute on (ADR 0038).
    /// </summary>
    public static IServiceCollection AddPlatformLive(this IServiceCollection services, LiveOptions options)
    {
        services.AddSingleton(options);
        services.AddModuleDbContext<LiveDbContext>();
        services.AddSingleton<IInterceptor, DataVersionInterceptor>();
        services.AddSingleton<StatisticsAnswers>();
        services.AddHostedService<StatisticsRefresher>();
        services.AddSingleton<StatisticsReads>();
        services.AddSingleton<LiveEventFeed>();
        services.AddSingleton<LiveSharedWork>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveEventFeed>());
        services.AddSingleton<ISubscriptionFieldContribution, ImportProgressSubscription>();
        return services;
    }
}
