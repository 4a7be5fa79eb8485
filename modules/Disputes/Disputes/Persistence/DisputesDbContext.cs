using IpShield.Disputes.Domain;
using IpShield.SharedKernel.Jobs;
using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpShield.Disputes.Persistence;

/// <summary>The Disputes module's tables, all prefixed <c>dsp_</c>. Enterprises, workstations and rights appear only as ids.</summary>
[TablePrefix("dsp")]
internal sealed class DisputesDbContext(DbContextOptions<DisputesDbContext> options) : ModuleDbContext(options)
{
    public DbSet<DisputeCase> Cases => Set<DisputeCase>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<CaseAmount> Amounts => Set<CaseAmount>();
    public DbSet<Expert> Experts => Set<Expert>();
    public DbSet<CaseExpert> CaseExperts => Set<CaseExpert>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<RiskWarning> Warnings => Set<RiskWarning>();
    public DbSet<WarningNotification> Notifications => Set<WarningNotification>();
    public DbSet<EnterpriseProfile> Profiles => Set<EnterpriseProfile>();
    public DbSet<EvidenceFile> Evidence => Set<EvidenceFile>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<Mediation> Mediations => Set<Mediation>();

    /// <summary>A case's timeline, amounts, experts, mediations and evidence are its park's, as the save finds the case tracked (ADR 0041).</summary>
    protected override IEnumerable<Guid?>? ParksOf(EntityEntry entry) => entry.Entity switch
    {
        TimelineEntry timeline => ParksOfTracked<DisputeCase>(timeline.CaseId),
        CaseAmount amount => ParksOfTracked<DisputeCase>(amount.CaseId),
        CaseExpert expert => ParksOfTracked<DisputeCase>(expert.CaseId),
        Mediation mediation => ParksOfTracked<DisputeCase>(mediation.CaseId),
        EvidenceFile evidence => ParksOfTracked<DisputeCase>(evidence.CaseId),
        _ => null,
    };

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<EnterpriseProfile>(profile =>
        {
            profile.ToTable("dsp_enterprise_profiles");
            profile.HasKey(p => p.EnterpriseId);
            profile.Property(p => p.MarketCodes).HasMaxLength(400);
            profile.Property(p => p.PlatformCodes).HasMaxLength(200);
            profile.Property(p => p.CategoryCodes).HasMaxLength(3200);
            profile.HasIndex(p => p.WorkstationId);
            profile.HasIndex(p => new { p.ParkId, p.WorkstationId }); // a park's workstations, for its risk-warning reach
        });

        modelBuilder.Entity<DisputeCase>(c =>
        {
            c.ToTable("dsp_cases");
            c.Property(x => x.Title).HasMaxLength(DisputeCase.TitleMax);
            c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            c.Property(x => x.Platform).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Market).HasMaxLength(6);
            c.Property(x => x.FlowKey).HasMaxLength(40);
            c.Property(x => x.Stage).HasMaxLength(40);
            c.Property(x => x.StageReminderFor).HasMaxLength(40);
            c.Property(x => x.Complainant).HasMaxLength(DisputeCase.PartyMax);
            c.Property(x => x.RightAsserted).HasMaxLength(DisputeCase.PartyMax);
            c.Property(x => x.ConcernedRightIds)
                .HasConversion(
                    ids => string.Join(',', ids),
                    text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList(),
                    new ValueComparer<List<Guid>>((a, b) => a!.SequenceEqual(b!), s => s.Aggregate(0, (h, v) => HashCode.Combine(h, v)), s => s.ToList()))
                .HasMaxLength(37 * DisputeCase.MaxRights);
            Lines(c.Property(x => x.AffectedListings));
            c.Property(x => x.ExpertSubjects).HasMaxLength(2000);
            c.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.HasIndex(x => new { x.OpenedOn, x.Id });
            c.HasIndex(x => new { x.EnterpriseId, x.Id });
            c.HasIndex(x => new { x.CampaignId, x.Stage });
            c.HasIndex(x => x.WorkstationId);
            // A park's open cases by stage and by platform, and its closed ones by outcome, each with its distinct
            // enterprises: read from these covering indexes alone (the statistics, ADR 0033), where (ParkId) alone
            // made MariaDB scan the whole table.
            c.HasIndex(x => new { x.ParkId, x.Outcome, x.Stage, x.EnterpriseId });
            c.HasIndex(x => new { x.ParkId, x.Outcome, x.Platform, x.EnterpriseId });
            // Closed cases' days to close (the median) and their enterprises, without a row lookup per case: 6,000 of
            // them took ~22 ms through the clustered index, ~2 ms from this one.
            c.HasIndex(x => new { x.ParkId, x.Outcome, x.ClosedOn, x.OpenedOn, x.EnterpriseId });
            // Closed cases with a recovered loss, whose amounts the statistics sum (ADR 0039).
            c.HasIndex(x => new { x.ParkId, x.RecoversLosses, x.Outcome, x.ClosedOn, x.EnterpriseId });
            c.HasIndex(x => x.StageDueOn); // the daily pass looks for stages due within a week
        });

        modelBuilder.Entity<JobLease>(lease =>
        {
            lease.ToTable("dsp_job_leases");
            lease.HasKey(l => l.Job);
            lease.Property(l => l.Job).HasMaxLength(JobLease.NameMax);
            lease.Property(l => l.LeasedBy).HasMaxLength(100);
        });

        modelBuilder.Entity<TimelineEntry>(t =>
        {
            t.ToTable("dsp_case_timeline");
            t.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            t.Property(x => x.FromStage).HasMaxLength(40);
            t.Property(x => x.ToStage).HasMaxLength(40);
            t.Property(x => x.Note).HasMaxLength(TimelineEntry.NoteMax);
            t.Property(x => x.RecordedBy).HasMaxLength(100);
            t.HasIndex(x => new { x.CaseId, x.Id });
            t.HasOne<DisputeCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<EvidenceFile>(e =>
        {
            e.ToTable("dsp_evidence_files");
            e.Property(x => x.FileName).HasMaxLength(EvidenceFile.FileNameMax);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
            e.Property(x => x.RecordedBy).HasMaxLength(100);
            e.HasIndex(x => new { x.CaseId, x.Id });
            e.HasOne<DisputeCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Mediation>(m =>
        {
            m.ToTable("dsp_mediations");
            m.Property(x => x.Consultation).HasMaxLength(Mediation.TextMax);
            m.Property(x => x.Applicant).HasMaxLength(Mediation.PartyMax);
            m.Property(x => x.Respondent).HasMaxLength(Mediation.PartyMax);
            m.Property(x => x.Result).HasConversion<string>().HasMaxLength(20);
            m.Property(x => x.Agreement).HasMaxLength(Mediation.TextMax);
            m.Property(x => x.RecordedBy).HasMaxLength(100);
            m.HasIndex(x => new { x.CaseId, x.Id });
            m.HasOne<DisputeCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            m.HasOne<Expert>().WithMany().HasForeignKey(x => x.MediatorId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<CaseAmount>(a =>
        {
            a.ToTable("dsp_case_amounts");
            a.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.Amount).HasPrecision(18, 2);
            a.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
            // Covering: the statistics sum a park's recovered losses per currency through the cases' join, one probe per
            // closed case; with (CaseId) alone each probe also read the amount's row.
            a.HasIndex(x => new { x.CaseId, x.Kind, x.Currency, x.Amount });
            a.HasOne<DisputeCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Expert>(e =>
        {
            e.ToTable("dsp_experts");
            e.Property(x => x.Name).HasMaxLength(Expert.NameMax);
            e.Property(x => x.Organisation).HasMaxLength(Expert.NameMax);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            Lines(e.Property(x => x.Specialties)).HasMaxLength(Expert.ListMax);
            Lines(e.Property(x => x.Jurisdictions)).HasMaxLength(Expert.ListMax);
            e.Property(x => x.SubjectId).HasMaxLength(100);
            e.HasIndex(x => new { x.Name, x.Id });
            e.HasIndex(x => x.SubjectId);
        });

        modelBuilder.Entity<CaseExpert>(a =>
        {
            a.ToTable("dsp_case_experts");
            a.HasKey(x => new { x.CaseId, x.ExpertId });
            a.HasOne<DisputeCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            a.HasOne<Expert>().WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Campaign>(c =>
        {
            c.ToTable("dsp_campaigns");
            c.Property(x => x.Name).HasMaxLength(Campaign.NameMax);
            c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            c.Property(x => x.Description).HasMaxLength(TimelineEntry.NoteMax);
            c.HasIndex(x => new { x.OpenedOn, x.Id });
        });

        modelBuilder.Entity<RiskWarning>(w =>
        {
            w.ToTable("dsp_risk_warnings");
            w.Property(x => x.Number).HasMaxLength(RiskWarning.NumberMax);
            w.Property(x => x.Title).HasMaxLength(RiskWarning.TitleMax);
            // Body, actions, categories, brands and sources are long texts (their limits are checked in the slice): a row
            // of MariaDB varchars may not exceed 64 KiB.
                        w.Property(x => x.RiskType).HasConversion<string>().HasMaxLength(30);
            w.Property(x => x.Severity).HasConversion<string>().HasMaxLength(10);
            Lines(w.Property(x => x.Markets)).HasMaxLength(400);
            Lines(w.Property(x => x.Platforms)).HasMaxLength(200);
            Lines(w.Property(x => x.ProductCategories));
            Lines(w.Property(x => x.Brands));
            Lines(w.Property(x => x.Sources));
            w.HasIndex(x => x.Number).IsUnique();
            w.HasIndex(x => new { x.IssuedOn, x.Id });
            w.HasIndex(x => x.ValidUntil);
        });

        modelBuilder.Entity<WarningNotification>(n =>
        {
            n.ToTable("dsp_notifications");
            n.HasIndex(x => new { x.WarningId, x.EnterpriseId }).IsUnique();
            n.HasIndex(x => new { x.EnterpriseId, x.Id });
            // A workstation's notifications (row rules), and with the rest the reach of a park's warnings, counted by its
            // workstations from the index alone (ParkDisputeStatistics).
            n.HasIndex(x => new { x.WorkstationId, x.DeliveredAt, x.WarningId, x.EnterpriseId, x.AcknowledgedAt });
            n.HasOne<RiskWarning>().WithMany().HasForeignKey(x => x.WarningId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    /// <summary>A list of short texts stored one a line.</summary>
    private static PropertyBuilder<List<string>> Lines(PropertyBuilder<List<string>> property) =>
        property.HasConversion(
            lines => string.Join('\n', lines),
            text => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList(),
            new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), s => s.Aggregate(0, (h, v) => HashCode.Combine(h, v)), s => s.ToList()));
}
