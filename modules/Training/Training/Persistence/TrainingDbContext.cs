using IpShield.SharedKernel.Persistence;
using IpShield.Training.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpShield.Training.Persistence;

/// <summary>The Training module's tables, all prefixed <c>trn_</c>. Workstations, parks and enterprises appear only as ids.</summary>
[TablePrefix("trn")]
internal sealed class TrainingDbContext(DbContextOptions<TrainingDbContext> options) : ModuleDbContext(options)
{
    public DbSet<TrainingSession> Sessions => Set<TrainingSession>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<EnterprisePlacement> EnterprisePlacements => Set<EnterprisePlacement>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<AttendeeFeedback> AttendeeFeedback => Set<AttendeeFeedback>();

    /// <summary>
    /// Registrations and feedback count for the park of their session (its organiser's), as the save finds the session
    /// tracked (ADR 0041).
    /// </summary>
    protected override IEnumerable<Guid?>? ParksOf(EntityEntry entry) => entry.Entity switch
    {
        Registration registration => ParksOfTracked<TrainingSession>(registration.SessionId),
        AttendeeFeedback feedback => ParksOfTracked<TrainingSession>(feedback.SessionId),
        _ => null,
    };

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<EnterprisePlacement>(placement =>
        {
            placement.ToTable("trn_enterprise_placements");
            placement.HasKey(p => p.EnterpriseId);
        });

        modelBuilder.Entity<TrainingSession>(session =>
        {
            session.ToTable("trn_sessions");
            session.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
            session.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
            session.Property(s => s.Title).HasMaxLength(TrainingSession.TitleMax);
            StringList(session.Property(s => s.Topics), '\n').HasMaxLength(TrainingSession.ListMax);
            session.Property(s => s.TopicsText).HasMaxLength(TrainingSession.ListMax + 2);
            StringList(session.Property(s => s.Speakers), '\n').HasMaxLength(TrainingSession.ListMax);
            StringList(session.Property(s => s.Materials), '\n').HasMaxLength(TrainingSession.ListMax);
            session.Property(s => s.Venue).HasMaxLength(TrainingSession.TextMax);
            session.Property(s => s.OnlineLink).HasMaxLength(TrainingSession.TextMax);
            session.Property(s => s.CancellationReason).HasMaxLength(TrainingSession.TextMax);
            session.Property(s => s.Version).IsConcurrencyToken();
            session.Ignore(s => s.IsOnline);
            session.HasIndex(s => new { s.StartsAt, s.Id });
            session.HasIndex(s => new { s.Title, s.Id });
            session.HasIndex(s => new { s.WorkstationId, s.StartsAt });
            session.HasIndex(s => new { s.Status, s.EndsAt });
            session.HasIndex(s => new { s.ParkId, s.StartsAt }); // a park's sessions for its statistics, without scanning the city's
        });

        modelBuilder.Entity<Registration>(registration =>
        {
            registration.ToTable("trn_registrations");
            registration.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            registration.Property(r => r.AttendanceSource).HasConversion<string>().HasMaxLength(20);
            StringList(registration.Property(r => r.Attendees), '\n').HasMaxLength(Registration.AttendeesMax * (Registration.AttendeeMax + 1));
            registration.Property(r => r.RegisteredBy).HasMaxLength(100);
            registration.Property(r => r.FeedbackComment).HasMaxLength(Registration.CommentMax);
            registration.Property(r => r.Version).IsConcurrencyToken();
            registration.Ignore(r => r.HoldsSeat);
            // One registration per enterprise and session; a cancelled one is taken up again rather than duplicated.
            registration.HasIndex(r => new { r.SessionId, r.EnterpriseId }).IsUnique();
            registration.HasIndex(r => new { r.SessionId, r.Status, r.QueuedAt });
            registration.Property(r => r.AttendeeCount).UsePropertyAccessMode(PropertyAccessMode.Property);
            // Covering for the park statistics: a park's ~6,000 attended and no-show registrations read from the index
            // alone, where the attendee lists made each one a row lookup.
            registration.HasIndex(r => new { r.SessionId, r.Status, r.EnterpriseId, r.AttendeeCount, r.Satisfaction });
            registration.HasIndex(r => new { r.EnterpriseId, r.Id });
            registration.HasIndex(r => new { r.RegisteredAt, r.Id });
            registration.HasIndex(r => r.EnterpriseWorkstationId);
            registration.HasIndex(r => r.SessionWorkstationId);
            registration.HasOne<TrainingSession>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AttendeeFeedback>(feedback =>
        {
            feedback.ToTable("trn_attendee_feedback");
            feedback.Property(f => f.Attendee).HasMaxLength(Registration.AttendeeMax);
            feedback.Property(f => f.Comment).HasMaxLength(Registration.CommentMax);
            feedback.Property(f => f.GivenBy).HasMaxLength(100);
            // One score per named attendee: a second one is a typed DUPLICATE, also when two requests race.
            feedback.HasIndex(f => new { f.RegistrationId, f.Attendee }).IsUnique();
            // Covering for the statistics' scores: a park's ~4,000 read by its ~300 sessions without a row lookup each (ADR 0039).
            feedback.HasIndex(f => new { f.SessionId, f.RegistrationId, f.Satisfaction });
            feedback.HasOne<Registration>().WithMany().HasForeignKey(f => f.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CalendarFeed>(feed =>
        {
            feed.ToTable("trn_calendar_feeds");
            feed.Property(f => f.OwnerKind).HasConversion<string>().HasMaxLength(20);
            feed.Property(f => f.Token).HasMaxLength(64);
            feed.HasIndex(f => f.Token).IsUnique();
            feed.HasIndex(f => new { f.OwnerKind, f.OwnerId });
        });
    }

    private static PropertyBuilder<List<string>> StringList(PropertyBuilder<List<string>> property, char separator) =>
        property.HasConversion(
            items => string.Join(separator, items),
            text => text.Split(separator, StringSplitOptions.RemoveEmptyEntries).ToList(),
            new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), s => s.Aggregate(0, (h, x) => HashCode.Combine(h, x)), s => s.ToList()));
}
