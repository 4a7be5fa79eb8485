using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IpShield.SharedKernel.Messaging;

public static class MessagingRegistration
{
    /// <summary>The platform's messaging services: the relays' signal, options, metrics and the dead-letter GraphQL fields.</summary>
    public static IServiceCollection AddPlatformMessaging(this IServiceCollection services, MessagingOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<MessagingMeter>();
        services.AddSingleton<IEventSubscribers, WolverineEventSubscribers>();
        services.AddSingleton<IInterceptor, OutboxSignalInterceptor>();
        services.AddSingleton<IQueryFieldContribution, DeadLetterFields>();
        services.AddSingleton<IMutationFieldContribution, DeadLetterFields>();
        return services;
    }

    /// <summary>A module's outbox relay, dead-letter store, monitor and retention, over its own DbContext.</summary>
    public static IServiceCollection AddModuleMessaging<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        services.TryAddSingleton<OutboxMonitor<TContext>>();
        services.AddSingleton<IMessagingMonitor>(sp => sp.GetRequiredService<OutboxMonitor<TContext>>());
        services.AddSingleton<IDeadLetterStore, DeadLetterStore<TContext>>();
        services.AddSingleton<OutboxRelay<TContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay<TContext>>());
        services.AddHostedService<MessagingRetention<TContext>>();
        return services;
    }
}
