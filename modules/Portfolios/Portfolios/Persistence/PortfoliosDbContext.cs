using System.Text.Json;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Digests;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Import;
using IpShield.Portfolios.Jobs;
using IpShield.SharedKernel.Imports;
using IpShield.SharedKernel.Jobs;
using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IpShield.Portfolios.Persistence;

/// <summary>The Portfolios module's tables, all prefixed <c>pf_</c>. Enterprises and workstations appear only as ids.</summary>
[TablePrefix("pf")]
internal sealed class PortfoliosDbContext(DbContextOptions<PortfoliosDbContext> options) : ModuleDbContext(options)
{
    public DbSet<IpRight> IpRights => Set<IpRight>();
    public DbSet<IpRightEvent> IpRightEvents => Set<IpRightEvent>();
    public DbSet<RightDeadline> Deadlines => Set<RightDeadline>();
    public DbSet<Designation> Designations => Set<Designation>();
    public DbSet<AppliedRule> AppliedRules => Set<AppliedRule>();
    public DbSet<EnterpriseMarkets> EnterpriseMarkets => Set<EnterpriseMarkets>();
    public DbSet<EnterpriseCoverageGap> EnterpriseCoverageGaps => Set<EnterpriseCoverageGap>();
    public DbSet<SummaryState> SummaryStates => Set<SummaryState>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<EnterprisePlacement> EnterprisePlacements => Set<EnterprisePlacement>();
    public DbSet<RightImportJob> ImportJobs => Set<RightImportJob>();
    public DbSet<DeadlineDigest> DeadlineDigests => Set<DeadlineDigest>();
    public DbSet<ParkRightGroup> ParkRightGroups => Set<ParkRightGroup>();
    public DbSet<ParkRightHolders> ParkRightHolders => Set<ParkRightHolders>();
    public DbSet<ParkDeadlineDay> ParkDeadlineDays => Set<ParkDeadlineDay>();
    public DbSet<ParkCoverageGaps> ParkCoverageGaps => Set<ParkCoverageGaps>();

    /// <summary>
    /// The parks of the enterprises the running save concerns, read once their placements are locked; rows of an
    /// enterprise without a placement count in no park (null).
    /// </summary>
    private Dictionary<Guid, Guid?>? _placedParks;

    /// <summary>
    /// Rights, markets, and a right's events and designations are the park of the enterprise they belong to, as its
    /// placement says while the save holds it locked (ADR 0041). Placements and deadlines carry their park themselves.
    /// </summary>
    protected override IEnumerable<Guid?>? ParksOf(EntityEntry entry) => entry.Entity switch
    {
        IpRight right => PlacedPark(right.EnterpriseId),
        EnterpriseMarkets markets => PlacedPark(markets.EnterpriseId),
        IpRightEvent rightEvent => IpRights.Local.FindEntry(rightEvent.RightId) is { } right ? PlacedPark(right.Entity.EnterpriseId) : null,
        Designation designation => IpRights.Local.FindEntry(designation.RightId) is { } right ? PlacedPark(right.Entity.EnterpriseId) : null,
        _ => null,
    };

    private Guid?[]? PlacedPark(Guid enterprise) =>
        _placedParks is { } parks && parks.TryGetValue(enterprise, out var park) ? [park] : null;

    /// <summary>Saves go through <see cref="SaveChangesAsync(bool, CancellationToken)"/>: the park rights summary is kept with async SQL.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("The Portfolios module saves asynchronously (SaveChangesAsync): the park rights summary is kept in the same transaction.");

    /// <summary>
    /// Writes the tracked changes, what they change in the park rights summary (ADR 0032) and the park deadline summary
    /// (ADR 0036), and the coverage gaps of the enterprises whose marks or markets they change (ADR 0033), in one
    /// transaction: the caller's, or one of its own when the change touches any of them. The placements of every enterprise concerned are locked first (ADR 0013's order).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // One pass over the tracked entries: each Entries call detects changes again, and import batches track many.
        var entries = ChangeTracker.Entries().ToList();
        var gapsConcerned = await CoverageGapSummary.ConcernedAsync(this, entries, cancellationToken);
        var rightsConcerned = ParkRightsSummary.Concerned(entries).ToHashSet();
        // A removed right takes its deadlines with it and a move takes them to another park: the rights' concerns are the deadlines' too.
        var deadlinesConcerned = ParkDeadlineSummary.Concerned(entries).Union(rightsConcerned).Order().ToList();
        var concerned = rightsConcerned.Union(gapsConcerned).Union(deadlinesConcerned).Order().ToList();
        _placedParks = null;
        try
        {
            return await SaveKeepingSummaryAsync(
                concerned,
                async (ids, ct) =>
                {
                    var share = (
                        Rights: await ParkRightsSummary.ShareAsync(this, ids, rightsConcerned, ct),
                        Deadlines: await ParkDeadlineSummary.ShareAsync(this, deadlinesConcerned, ct));
                    _placedParks ??= await PlacedParksAsync(ids, ct); // before the save, the placements locked by the share's read
                    return share;
                },
                async (before, after, ct) =>
                {
                    await ParkRightsSummary.ApplyAsync(this, before.Rights, after.Rights, ct);
                    await ParkDeadlineSummary.ApplyAsync(this, before.Deadlines, after.Deadlines, ct);
                    await CoverageGapSummary.RefreshAsync(this, gapsConcerned, ct);
                },
                acceptAllChangesOnSuccess,
                cancellationToken);
        }
        finally
        {
            _placedParks = null;
        }
    }

    /// <summary>Where <paramref name="enterprises"/> are placed (null: nowhere), for <see cref="ParksOf"/>.</summary>
    private async Task<Dictionary<Guid, Guid?>> PlacedParksAsync(IReadOnlyList<Guid> enterprises, CancellationToken cancellationToken)
    {
        var parks = enterprises.ToDictionary(e => e, _ => (Guid?)null);
        foreach (var chunk in enterprises.Chunk(CoverageGapSummary.Chunk))
        {
            foreach (var placement in await EnterprisePlacements.AsNoTracking().Where(p => chunk.Contains(p.EnterpriseId)).Select(p => new { p.EnterpriseId, p.ParkId }).ToListAsync(cancellationToken))
            {
                parks[placement.EnterpriseId] = placement.ParkId;
            }
        }

        return parks;
    }

    /// <summary>A short list of codes as one comma-separated column.</summary>
    private static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<List<string>, string> CodeList() => new(
        codes => string.Join(',', codes),
        text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList());

    private static ValueComparer<List<string>> CodeListComparer() =>
        new((a, b) => a!.SequenceEqual(b!), s => s.Aggregate(0, (hash, code) => HashCode.Combine(hash, code)), s => s.ToList());

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.MapImportTables<RightImportJob>("pf_import_jobs", "pf_import_row_errors", job =>
            job.Property(j => j.Starter).HasMaxLength(RightImportJob.StarterMax));

        modelBuilder.Entity<EnterprisePlacement>(placement =>
        {
            placement.ToTable("pf_enterprise_placements");
            placement.HasKey(p => p.EnterpriseId);
            placement.HasIndex(p => p.WorkstationId);
            // A park's placements, in enterprise order (joins to per-enterprise tables probe them in key order).
            placement.HasIndex(p => p.ParkId);
            // A park's few workstations, read from the index alone (the statistics count deadlines by workstation).
            placement.HasIndex(p => new { p.ParkId, p.WorkstationId });
        });

        modelBuilder.Entity<ParkRightGroup>(group =>
        {
            group.ToTable("pf_park_right_groups");
            group.HasKey(g => new { g.ParkId, g.Kind, g.Status, g.Jurisdiction });
            group.Property(g => g.Kind).HasConversion<string>().HasMaxLength(20);
            group.Property(g => g.Status).HasConversion<string>().HasMaxLength(20);
            group.Property(g => g.Jurisdiction).HasMaxLength(2);
        });

        modelBuilder.Entity<ParkRightHolders>(holders =>
        {
            holders.ToTable("pf_park_right_holders");
            holders.HasKey(h => h.ParkId);
        });

        modelBuilder.Entity<ParkDeadlineDay>(day =>
        {
            day.ToTable("pf_park_deadline_days");
            // The key is the statistics' read: a park's rows of one state over a range of due days.
            day.HasKey(d => new { d.ParkId, d.State, d.DueOn });
            day.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        });

        modelBuilder.Entity<EnterpriseMarkets>(markets =>
        {
            markets.ToTable("pf_enterprise_markets");
            markets.HasKey(m => m.EnterpriseId);
            markets.Property(m => m.TargetMarkets).HasConversion(CodeList(), CodeListComparer()).HasMaxLength(400);
            markets.Property(m => m.SalesPlatforms).HasConversion(CodeList(), CodeListComparer()).HasMaxLength(200);
        });

        modelBuilder.Entity<IpRight>(right =>
        {
            right.ToTable("pf_ip_rights");
            right.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
            right.Property(r => r.Jurisdiction).HasMaxLength(2);
            right.Property(r => r.NameZh).HasMaxLength(IpRight.NameMax);
            right.Property(r => r.NameEn).HasMaxLength(IpRight.NameMax);
            right.Property(r => r.NameAr).HasMaxLength(IpRight.NameMax);
            right.Property(r => r.MarkForm).HasConversion<string>().HasMaxLength(20);
            right.Property(r => r.NiceClasses)
                .HasConversion(
                    classes => string.Join(',', classes),
                    text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList(),
                    new ValueComparer<List<int>>((a, b) => a!.SequenceEqual(b!), s => s.Aggregate(0, HashCode.Combine), s => s.ToList()))
                .HasMaxLength(200);
            // Read and written only with the right, never searched: one JSON text column.
            right.Property(r => r.Goods)
                .HasConversion(
                    goods => JsonSerializer.Serialize(goods, JsonSerializerOptions.Default),
                    text => string.IsNullOrEmpty(text) ? new List<NiceClassGoods>() : JsonSerializer.Deserialize<List<NiceClassGoods>>(text, JsonSerializerOptions.Default) ?? new List<NiceClassGoods>(),
                    new ValueComparer<List<NiceClassGoods>>((a, b) => a!.SequenceEqual(b!), s => s.Aggregate(0, HashCode.Combine), s => s.ToList()))
                .HasColumnType("text");
            right.Property(r => r.ApplicationNumber).HasMaxLength(IpRight.NumberMax);
            right.Property(r => r.RegistrationNumber).HasMaxLength(IpRight.NumberMax);
            right.Property(r => r.Agent).HasMaxLength(IpRight.AgentMax);
            right.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            right.Property(r => r.Version).IsConcurrencyToken();
            right.HasIndex(r => new { r.NameZh, r.Id });
            right.HasIndex(r => new { r.EnterpriseId, r.Id });
            // Park statistics count rights by kind, status and jurisdiction for the enterprises of a park: this index
            // covers that aggregate, so it never reads the rows themselves (ADR 0028).
            right.HasIndex(r => new { r.EnterpriseId, r.Kind, r.Status, r.Jurisdiction });
            right.HasIndex(r => new { r.Jurisdiction, r.Kind, r.Status, r.EnterpriseId }); // a dashboard's small groups (ADR 0032)
            right.HasIndex(r => r.WorkstationId);
            // A dashboard's small groups, read from its park's rights by their workstation copy (ADR 0032).
            right.HasIndex(r => new { r.WorkstationId, r.Jurisdiction, r.Kind, r.Status, r.EnterpriseId });
        });

        modelBuilder.Entity<IpRightEvent>(history =>
        {
            history.ToTable("pf_ip_right_events");
            history.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
            history.Property(e => e.RecordedBy).HasMaxLength(100);
            history.Property(e => e.Designation).HasMaxLength(2);
            history.Property(e => e.StatusAfter).HasConversion<string>().HasMaxLength(20);
            history.HasIndex(e => new { e.RightId, e.OccurredOn });
            history.HasOne<IpRight>().WithMany().HasForeignKey(e => e.RightId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AppliedRule>(rule =>
        {
            rule.ToTable("pf_applied_rules");
            rule.HasKey(r => r.RuleKey);
            rule.Property(r => r.RuleKey).HasMaxLength(100);
            rule.Property(r => r.Fingerprint).HasMaxLength(RuleFingerprint.Length);
        });

        modelBuilder.Entity<JobLease>(lease =>
        {
            lease.ToTable("pf_job_leases");
            lease.HasKey(l => l.Job);
            lease.Property(l => l.Job).HasMaxLength(JobLease.NameMax);
            lease.Property(l => l.LeasedBy).HasMaxLength(100);
        });

        modelBuilder.Entity<DeadlineDigest>(digest =>
        {
            digest.ToTable("pf_deadline_digests");
            digest.HasKey(d => new { d.PersonId, d.Day });
            digest.Property(d => d.ClaimedBy).HasMaxLength(DeadlineDigest.HolderMax);
        });

        modelBuilder.Entity<EnterpriseCoverageGap>(gap =>
        {
            gap.ToTable("pf_enterprise_coverage_gaps");
            gap.HasKey(g => new { g.EnterpriseId, g.Market });
            gap.Property(g => g.Market).HasMaxLength(2);
            // A park's gaps by market, and its enterprises with any gap, each from one index range (ADR 0033, amended).
            gap.HasIndex(g => new { g.ParkId, g.Market });
            gap.HasIndex(g => new { g.ParkId, g.EnterpriseId });
        });

        modelBuilder.Entity<ParkCoverageGaps>(counted =>
        {
            counted.ToTable("pf_park_coverage_gaps");
            counted.HasKey(c => new { c.ParkId, c.Market });
            counted.Property(c => c.Market).HasMaxLength(2);
        });

        modelBuilder.Entity<SummaryState>(state =>
        {
            state.ToTable("pf_summary_states");
            state.HasKey(s => s.Name);
            state.Property(s => s.Name).HasMaxLength(50);
            state.Property(s => s.Fingerprint).HasMaxLength(64);
        });

        modelBuilder.Entity<Designation>(designation =>
        {
            designation.ToTable("pf_designations");
            designation.Property(d => d.Country).HasMaxLength(2);
            designation.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            designation.HasIndex(d => new { d.RightId, d.Country }).IsUnique();
            designation.HasOne<IpRight>().WithMany().HasForeignKey(d => d.RightId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<RightDeadline>(deadline =>
        {
            deadline.ToTable("pf_deadlines");
            deadline.Property(d => d.RuleKey).HasMaxLength(100);
            deadline.Property(d => d.Task).HasConversion<string>().HasMaxLength(30);
            deadline.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
            deadline.Property(d => d.SurchargeNote).HasMaxLength(RightDeadline.NoteMax);
            deadline.Property(d => d.Version).IsConcurrencyToken();
            deadline.HasIndex(d => new { d.RightId, d.RuleKey, d.Cycle }).IsUnique();
            deadline.HasIndex(d => new { d.DueOn, d.Id });
            // An enterprise's deadlines by due date; with the state, it covers the park statistics' count of due, missed and
            // done deadlines (ADR 0028).
            deadline.HasIndex(d => new { d.EnterpriseId, d.DueOn, d.State });
            // A workstation's deadlines in due order (the staff's "due in the next 90 days" page, row rule + filter on the
            // workstation): read from the index in order and stopped after a page, where (DueOn, Id) scanned every
            // workstation's deadlines in the range (docs/benchmarks.md, #10).
            deadline.HasIndex(d => new { d.WorkstationId, d.DueOn, d.Id });
            // A park's deadlines of one state in a range of due dates, by the park's workstations (the copy ADR 0013 keeps on
            // each deadline): covers the park statistics' counts, one index range per workstation instead of one probe per
            // enterprise (10,000 for a large park: ~70 ms).
            deadline.HasIndex(d => new { d.WorkstationId, d.State, d.DueOn, d.EnterpriseId });
            deadline.HasOne<IpRight>().WithMany().HasForeignKey(d => d.RightId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
