using IpShield.SharedKernel.Modules;

namespace IpShield.Host;

internal static class DemoData
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        foreach (var module in services.GetServices<IDemoData>())
        {
            using var scope = services.CreateScope();
            await module.SeedAsync(scope.ServiceProvider, cancellationToken);
        }
    }
}
