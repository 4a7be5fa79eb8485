using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace IpShield.SharedKernel.Messaging;

public sealed record DeadLetterView(Guid Id, string Module, Guid MessageId, string Type, string Subscriber, string Error, int Attempts, DateTime FailedAt, DateTime? ReplayedAt, string Payload);

/// <summary>A module's dead letters, for the admins' GraphQL fields.</summary>
public interface IDeadLetterStore
{
    Task<IReadOnlyList<DeadLetterView>> ListAsync(bool includeReplayed, int limit, CancellationToken cancellationToken);

    Task<DeadLetterView?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Delivers the message to its subscriber once more; on success the dead letter is marked replayed.</summary>
    Task<DeliveryOutcome?> ReplayAsync(Guid id, IMessageBus bus, CancellationToken cancellationToken);
}

public sealed class DeadLetterStore<TContext>(IServiceScopeFactory scopes, MessagingOptions options) : IDeadLetterStore
    where TContext : DbContext
{
    private static readonly string Module = typeof(TContext).Name.Replace("DbContext", string.Empty, StringComparison.Ordinal);

    public async Task<IReadOnlyList<DeadLetterView>> ListAsync(bool includeReplayed, int limit, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var letters = scope.ServiceProvider.GetRequiredService<TContext>().Set<DeadLetter>().AsNoTracking();
        if (!includeReplayed)
        {
            letters = letters.Where(d => d.ReplayedAt == null);
        }

        return [.. (await letters.OrderByDescending(d => d.FailedAt).Take(limit).ToListAsync(cancellationToken)).Select(View)];
    }

    public async Task<DeadLetterView?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var letter = await scope.ServiceProvider.GetRequiredService<TContext>().Set<DeadLetter>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return letter is null ? null : View(letter);
    }

    public async Task<DeliveryOutcome?> ReplayAsync(Guid id, IMessageBus bus, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var letter = await db.Set<DeadLetter>().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (letter is null)
        {
            return null;
        }

        var message = Outbox.Deserialize(letter.Type, letter.Payload);
        if (message is null)
        {
            return new DeliveryOutcome(DeliveryStatus.Failed, $"No event type is known as '{letter.Type}'.");
        }

        DeliveryOutcome outcome;
        try
        {
            outcome = await bus.EndpointFor(new Uri(letter.Subscriber)).InvokeAsync<DeliveryOutcome>(message, cancellationToken, options.DeliveryTimeout);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            outcome = new DeliveryOutcome(DeliveryStatus.Failed, $"{ex.GetType().Name}: {ex.Message}");
        }

        await db.Entry(letter).ReloadAsync(cancellationToken);
        if (outcome.Status == DeliveryStatus.Handled)
        {
            letter.ReplayedAt = DateTime.UtcNow;
        }
        else
        {
            letter.Error = outcome.Error ?? letter.Error;
            letter.FailedAt = DateTime.UtcNow;
        }

        await db.SaveChangesAsync(cancellationToken);
        return outcome;
    }

    private static DeadLetterView View(DeadLetter d) =>
        new(d.Id, Module, d.MessageId, d.Type, d.Subscriber, d.Error, d.Attempts, d.FailedAt, d.ReplayedAt, d.Payload);
}
