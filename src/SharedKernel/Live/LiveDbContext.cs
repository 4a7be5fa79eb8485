using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpShield.SharedKernel.Live;

/// <summary>
/// An event kept for live subscribers (ADR 0022): copied from a module's outbox by a subscriber, numbered in commit
/// order (<see cref="Seq"/>), read by every host's <see cref="LiveEventFeed"/> and replayed to a client that reconnects
/// with the last number it saw. Kept for <see cref="LiveOptions.RetainFor"/>.
/// </summary>
public sealed class LiveEvent
{
    /// <summary>Commit order across every host: the number a client resumes after (SSE <c>id:</c>).</summary>
    public long Seq { get; init; }

    public Guid EventId { get; init; }

    /// <summary>The integration event's stable name (<c>imports.progressed.v1</c> …).</summary>
    public required string Type { get; init; }

    /// <summary>The entity the event is about (an import job, a deadline): replays for one job read only its rows.</summary>
    public Guid SubjectId { get; init; }

    public required string Payload { get; init; }
    public DateTime OccurredAt { get; init; }
    public DateTime CreatedAt { get; init; }
}

/// <summary>
/// The one row holding the last number given out. Taking the next number locks the row until the appending transaction
/// commits, so numbers become visible in the order they were given: a reader asking for "after N" never skips one
/// that commits late (an AUTO_INCREMENT key would allow exactly that).
/// </summary>
public sealed class LiveSequence
{
    public int Id { get; init; }
    public long Last { get; set; }
}

/// <summary>
/// One stamp of a module's data versions (ADRs 0037, 0041): the module's as a whole (<c>city</c>), a park's (its id), or
/// that of writes whose parks were not named (<c>parks-not-named</c>). Each committed write gives new random stamps to the
/// scopes it wrote; the statistics sections read them to know whether an answer they computed still holds.
/// </summary>
public sealed class DataStamp
{
    /// <summary>The module's table prefix.</summary>
    public required string Module { get; init; }

    public required string Scope { get; init; }

    public long Stamp { get; set; }
}

/// <summary>
/// The kernel's live tables (<c>live_</c>): not a module's, since every module's events may be streamed and every
/// module's data is versioned.
/// </summary>
[TablePrefix("live")]
public sealed class LiveDbContext(DbContextOptions<LiveDbContext> options) : DbContext(options)
{
    public DbSet<LiveEvent> Events => Set<LiveEvent>();

    public DbSet<LiveSequence> Sequence => Set<LiveSequence>();

    public DbSet<DataStamp> DataStamps => Set<DataStamp>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.UseModuleCollation(Database);
        modelBuilder.Entity<LiveEvent>(live =>
        {
            live.ToTable("live_events");
            live.HasKey(e => e.Seq);
            live.Property(e => e.Seq).ValueGeneratedNever();
            live.Property(e => e.Type).HasMaxLength(200);
            live.HasIndex(e => e.EventId).IsUnique();
            live.HasIndex(e => new { e.SubjectId, e.Seq });
            live.HasIndex(e => e.CreatedAt);
        });
        modelBuilder.Entity<LiveSequence>(sequence =>
        {
            sequence.ToTable("live_sequence");
            sequence.Property(s => s.Id).ValueGeneratedNever();
            sequence.HasData(new LiveSequence { Id = 1, Last = 0 });
        });
        modelBuilder.Entity<DataStamp>(stamp =>
        {
            stamp.ToTable(Statistics.DataVersions.Table);
            stamp.HasKey(s => new { s.Module, s.Scope });
            stamp.Property(s => s.Module).HasMaxLength(20);
            stamp.Property(s => s.Scope).HasMaxLength(40);
        });
    }
}

/// <summary>For <c>dotnet ef migrations add … --project src/SharedKernel</c>.</summary>
internal sealed class LiveDesignTimeFactory : ModuleDesignTimeFactory<LiveDbContext>;
