using System.Text.Json;
using IpShield.SharedKernel.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Integration.Tests.Infrastructure;

/// <summary>What a module told the others: the events it wrote to its outbox, in the transaction of the change.</summary>
internal static class OutboxEvents
{
    /// <summary>The events of <paramref name="type"/> in <typeparamref name="TDb"/>'s outbox that mention <paramref name="about"/>.</summary>
    public static async Task<List<T>> OfAsync<TDb, T>(IServiceProvider services, string type, Guid about)
        where TDb : DbContext
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var key = about.ToString();
        var payloads = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == type && m.Payload.Contains(key))
            .Select(m => m.Payload)
            .ToListAsync(TestContext.Current.CancellationToken);
        return [.. payloads.Select(p => JsonSerializer.Deserialize<T>(p, JsonSerializerOptions.Web)!)];
    }
}
