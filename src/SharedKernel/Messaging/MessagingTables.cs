using IpShield.SharedKernel.Auditing;
using Microsoft.EntityFrameworkCore;

namespace IpShield.SharedKernel.Messaging;

/// <summary>An event waiting in (or delivered from) a module's outbox. Messaging plumbing is not audited: the change that raised it is.</summary>
public sealed class OutboxMessage : INotAudited
{
    public Guid Id { get; init; }
    public required string Type { get; init; }
    public required string Payload { get; init; }
    public DateTime OccurredAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? PublishedAt { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }
}

/// <summary>One subscriber finished with one outbox message (handled or dead-lettered): not delivered again.</summary>
public sealed class OutboxDelivery : INotAudited
{
    public Guid MessageId { get; init; }
    public required string Subscriber { get; init; }
    public DateTime CompletedAt { get; init; }
}

/// <summary>A message a subscriber has applied; its presence makes a redelivery a no-op.</summary>
public sealed class InboxRecord : INotAudited
{
    public Guid MessageId { get; init; }
    public required string Subscriber { get; init; }
    public DateTime HandledAt { get; init; }

    /// <summary>When the event happened, kept to measure end-to-end latency.</summary>
    public DateTime OccurredAt { get; init; }
}

/// <summary>Failed attempts of a subscriber on a message, until it succeeds or is dead-lettered.</summary>
public sealed class DeliveryAttempt : INotAudited
{
    public Guid MessageId { get; init; }
    public required string Subscriber { get; init; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A message a subscriber gave up on, with its error, until an admin replays it.</summary>
public sealed class DeadLetter : INotAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MessageId { get; init; }
    public required string Type { get; init; }
    public required string Payload { get; init; }
    public required string Subscriber { get; init; }
    public required string Error { get; set; }
    public int Attempts { get; set; }
    public DateTime FailedAt { get; set; }
    public DateTime? ReplayedAt { get; set; }
}

public static class MessagingModelBuilderExtensions
{
    /// <summary>The messaging tables of one module, under its own prefix (<c>ws_outbox</c>, <c>ws_inbox</c>, …).</summary>
    public static ModelBuilder AddMessagingTables(this ModelBuilder modelBuilder, string prefix)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable($"{prefix}_outbox");
            outbox.Property(m => m.Type).HasMaxLength(200);
            outbox.Property(m => m.LastError).HasMaxLength(2000);
            outbox.Property(m => m.ClaimedBy).HasMaxLength(100);
            outbox.HasIndex(m => new { m.PublishedAt, m.NextAttemptAt });
        });
        modelBuilder.Entity<OutboxDelivery>(delivery =>
        {
            delivery.ToTable($"{prefix}_outbox_deliveries");
            delivery.HasKey(d => new { d.MessageId, d.Subscriber });
            delivery.Property(d => d.Subscriber).HasMaxLength(200);
        });
        modelBuilder.Entity<InboxRecord>(inbox =>
        {
            inbox.ToTable($"{prefix}_inbox");
            inbox.HasKey(r => new { r.MessageId, r.Subscriber });
            inbox.Property(r => r.Subscriber).HasMaxLength(200);
        });
        modelBuilder.Entity<DeliveryAttempt>(attempt =>
        {
            attempt.ToTable($"{prefix}_delivery_attempts");
            attempt.HasKey(a => new { a.MessageId, a.Subscriber });
            attempt.Property(a => a.Subscriber).HasMaxLength(200);
            attempt.Property(a => a.LastError).HasMaxLength(2000);
        });
        modelBuilder.Entity<DeadLetter>(dead =>
        {
            dead.ToTable($"{prefix}_dead_letters");
            dead.Property(d => d.Type).HasMaxLength(200);
            dead.Property(d => d.Subscriber).HasMaxLength(200);
            dead.Property(d => d.Error).HasMaxLength(2000);
            dead.HasIndex(d => new { d.MessageId, d.Subscriber }).IsUnique();
        });
        return modelBuilder;
    }
}
