using IpShield.SharedKernel.Auditing;
using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpShield.SharedKernel.Webhooks;

/// <summary>
/// A URL a machine client registered to be told of events it may see (ADR 0024). The signing secret is kept as issued:
/// signing needs it, unlike a password that only has to be compared.
/// </summary>
public sealed class WebhookEndpoint : IEntity
{
    public const int UrlMax = 500;
    public const int DescriptionMax = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The machine client that owns it (its token's subject): only it sees and changes the endpoint.</summary>
    public required string ClientId { get; init; }

    public required string Url { get; set; }

    public string? Description { get; set; }

    /// <summary>The public event names wanted (<c>CERTIFICATION_STATUS_CHANGED</c> …), space-separated.</summary>
    public required string EventTypes { get; set; }

    public required string Secret { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>The live-event number when it was registered: it is told of what happens after, never of history.</summary>
    public long StartsAfter { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    public IReadOnlyList<string> Wanted => EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool Wants(string eventType) => Wanted.Contains(eventType, StringComparer.Ordinal);
}

public enum WebhookDeliveryStatus
{
    /// <summary>Not delivered yet: waiting for its next attempt.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Succeeded,

    /// <summary>Every attempt failed: in the dead letters until replayed.</summary>
    DeadLettered,
}

/// <summary>
/// One event for one endpoint: the exact body sent (so every attempt and a replay send the same bytes). Not audited, as the
/// outbox is not: the endpoint's registration and changes are.
/// </summary>
public sealed class WebhookDelivery : IEntity, INotAudited
{
    public const int ErrorMax = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EndpointId { get; init; }

    /// <summary>The event's id, sent in every attempt so that a receiver can drop a repeat (delivery is at least once).</summary>
    public Guid EventId { get; init; }

    /// <summary>The event's number in the live-event table.</summary>
    public long Seq { get; init; }

    public required string EventType { get; init; }
    public required string Body { get; init; }
    public WebhookDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }

    /// <summary>The host sending it now, until <see cref="ClaimedUntil"/>: two hosts never send the same attempt.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntil { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? SucceededAt { get; set; }
    public DateTime? DeadLetteredAt { get; set; }
    public DateTime? ReplayedAt { get; set; }
}

/// <summary>One POST of a delivery and what came of it: the delivery log a client reads.</summary>
public sealed class WebhookAttempt : INotAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid DeliveryId { get; init; }
    public int Number { get; init; }
    public DateTime AttemptedAt { get; init; }

    /// <summary>Null when no answer came (refused, timed out).</summary>
    public int? StatusCode { get; init; }

    public string? Error { get; init; }
    public int DurationMs { get; init; }
    public bool Succeeded { get; init; }
}

/// <summary>The one row saying up to which live event deliveries have been created; moved by a conditional update.</summary>
public sealed class WebhookCursor : INotAudited
{
    public int Id { get; init; }
    public long Last { get; set; }
}

/// <summary>The kernel's webhook tables (<c>wh_</c>): any module's events may be delivered, like live events.</summary>
[TablePrefix("wh")]
public sealed class WebhookDbContext(DbContextOptions<WebhookDbContext> options) : DbContext(options)
{
    public DbSet<WebhookEndpoint> Endpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookDelivery> Deliveries => Set<WebhookDelivery>();

    public DbSet<WebhookAttempt> Attempts => Set<WebhookAttempt>();

    public DbSet<WebhookCursor> Cursor => Set<WebhookCursor>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.UseModuleCollation(Database);
        modelBuilder.Entity<WebhookEndpoint>(endpoint =>
        {
            endpoint.ToTable("wh_endpoints");
            endpoint.Property(e => e.ClientId).HasMaxLength(100);
            endpoint.Property(e => e.Url).HasMaxLength(WebhookEndpoint.UrlMax);
            endpoint.Property(e => e.Description).HasMaxLength(WebhookEndpoint.DescriptionMax);
            endpoint.Property(e => e.EventTypes).HasMaxLength(1000);
            endpoint.Property(e => e.Secret).HasMaxLength(100);
            endpoint.Ignore(e => e.Wanted);
            // A client's URLs are unique: two registrations racing with one URL end in DUPLICATE for the second.
            endpoint.HasIndex(e => new { e.ClientId, e.Url }).IsUnique();
        });
        modelBuilder.Entity<WebhookDelivery>(delivery =>
        {
            delivery.ToTable("wh_deliveries");
            delivery.Property(d => d.EventType).HasMaxLength(100);
            delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            delivery.Property(d => d.ClaimedBy).HasMaxLength(100);
            delivery.Property(d => d.LastError).HasMaxLength(WebhookDelivery.ErrorMax);
            delivery.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
            // One delivery per event and endpoint, whichever host fans it out.
            delivery.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique();
            delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        });
        modelBuilder.Entity<WebhookAttempt>(attempt =>
        {
            attempt.ToTable("wh_attempts");
            attempt.Property(a => a.Error).HasMaxLength(WebhookDelivery.ErrorMax);
            attempt.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
            attempt.HasIndex(a => new { a.DeliveryId, a.Number }).IsUnique();
        });
        modelBuilder.Entity<WebhookCursor>(cursor =>
        {
            cursor.ToTable("wh_cursor");
            cursor.Property(c => c.Id).ValueGeneratedNever();
            cursor.HasData(new WebhookCursor { Id = 1, Last = 0 });
        });
    }
}

/// <summary>For <c>dotnet ef migrations add … --project src/SharedKernel --context WebhookDbContext</c>.</summary>
internal sealed class WebhookDesignTimeFactory : ModuleDesignTimeFactory<WebhookDbContext>;
