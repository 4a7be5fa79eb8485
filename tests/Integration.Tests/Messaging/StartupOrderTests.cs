using IpShield.Integration.Tests.Infrastructure;
using IpShield.SharedKernel.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine.Runtime;

namespace IpShield.Integration.Tests.Messaging;

/// <summary>
/// Events waiting in an outbox when the host starts (after a crash, or the demo data) must reach their subscribers:
/// a relay that ran before the bus had started found no route for them and marked them published, lost.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class StartupOrderTests(SqliteHost host)
{
    [Fact]
    public void The_message_bus_starts_before_any_outbox_relay_publishes_through_it()
    {
        var started = host.Services.GetServices<IHostedService>().Select(s => s.GetType()).ToList();
        var bus = started.FindIndex(t => typeof(IWolverineRuntime).IsAssignableFrom(t));
        var relays = started.Select((type, index) => (type, index)).Where(s => s.type.IsGenericType && s.type.GetGenericTypeDefinition() == typeof(OutboxRelay<>)).ToList();

        Assert.True(bus >= 0, "Wolverine's runtime is not a hosted service.");
        Assert.NotEmpty(relays);
        Assert.All(relays, relay => Assert.True(relay.index > bus, $"{relay.type.Name} starts before the message bus."));
    }
}
