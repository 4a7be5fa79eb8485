using IpShield.SharedKernel.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IpShield.Host;

internal static class StartupBanner
{
    public static void Print(WebApplication app, DatabaseOptions database)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            Console.WriteLine($"IP Shield is up ({database.Provider}). GraphQL IDE: {address.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal)}/graphql");
        }
    }
}
