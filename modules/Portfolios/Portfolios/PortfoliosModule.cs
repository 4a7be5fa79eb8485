using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Portfolios;

/// <summary>The module's one door: what the host calls to add it to the platform.</summary>
public static class PortfoliosModule
{
    public static IServiceCollection AddPortfoliosModule(this IServiceCollection services)
    {
        services.AddModuleDbContext<PortfoliosDbContext>();
        services.AddModuleMessaging<PortfoliosDbContext>();
        services.AddSingleton(DeadlineRuleCatalogue.Shipped);
        services.AddSingleton<DeadlineEngine>();
        return services;
    }
}
