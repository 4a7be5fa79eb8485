using IpShield.Enterprises.Domain;
using IpShield.SharedKernel.Imports;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IpShield.Enterprises.Persistence;

/// <summary>The Enterprises module's tables, all prefixed <c>ent_</c>. Parks and workstations appear only as ids.</summary>
[TablePrefix("ent")]
internal sealed class EnterprisesDbContext(DbContextOptions<EnterprisesDbContext> options) : ModuleDbContext(options)
{
    public const string EnterprisesTable = "ent_enterprises";

    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<MonthlySales> MonthlySales => Set<MonthlySales>();
    public DbSet<PlatformCertification> Certifications => Set<PlatformCertification>();
    public DbSet<ParkSalesMonth> ParkSalesMonths => Set<ParkSalesMonth>();
    public DbSet<EnterpriseImportJob> ImportJobs => Set<EnterpriseImportJob>();
    public DbSet<ImportRowError> ImportRowErrors => Set<ImportRowError>();

    /// <summary>Contacts and sales are their enterprise's park's, as the save finds it tracked (ADR 0041).</summary>
    protected override IEnumerable<Guid?>? ParksOf(EntityEntry entry) => entry.Entity switch
    {
        MonthlySales sales => ParksOfTracked<Enterprise>(sales.EnterpriseId),
        Contact contact => ParksOfTracked<Enterprise>(contact.EnterpriseId),
        _ => null,
    };

    /// <summary>Saves go through <see cref="SaveChangesAsync(bool, CancellationToken)"/>: the park sales summary is kept with async SQL.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("The Enterprises module saves asynchronously (SaveChangesAsync): the park sales summary is kept in the same transaction.");

    /// <summary>
    /// Writes the tracked changes, their events (to the outbox) and what they change in the park sales summary, in one
    /// transaction: the caller's, or one of its own when the change touches the summary.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        MoveEventsToOutbox();
        var moved = await CertificationParks.StampAsync(this, cancellationToken);
        return await SaveKeepingSummaryAsync(
            ParkSalesSummary.Concerned(this),
            (ids, ct) => ParkSalesSummary.ShareAsync(this, ids, ct),
            async (before, after, ct) =>
            {
                await ParkSalesSummary.ApplyAsync(this, before, after, ct);
                await CertificationParks.MoveAsync(this, moved, ct);
            },
            acceptAllChangesOnSuccess,
            cancellationToken);
    }

    /// <summary>
    /// Every event raised on a tracked enterprise since the last save is written by this save: the change and its
    /// events commit together. Bulk writes (imports) append theirs with <see cref="OutboxBulkAppend"/>.
    /// </summary>
    private void MoveEventsToOutbox()
    {
        var raised = new List<IntegrationEvent>();
        foreach (var enterprise in ChangeTracker.Entries<Enterprise>().Select(e => e.Entity).ToList())
        {
            raised.AddRange(enterprise.Events);
            enterprise.Events.Clear();
        }

        foreach (var @event in raised)
        {
            this.Publish(@event);
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<Enterprise>(enterprise =>
        {
            enterprise.ToTable(EnterprisesTable);
            enterprise.Property(e => e.CreditCode).HasMaxLength(CreditCode.Length).IsFixedLength();
            enterprise.Property(e => e.NameZh).HasMaxLength(Enterprise.NameMax);
            enterprise.Property(e => e.NameEn).HasMaxLength(Enterprise.NameMax);
            enterprise.Property(e => e.LegalForm).HasConversion<string>().HasMaxLength(30);
            enterprise.Property(e => e.MarketCodes).HasMaxLength(400);
            enterprise.Property(e => e.PlatformCodes).HasMaxLength(200);
            enterprise.Property(e => e.ProductCategories)
                .HasConversion(
                    categories => string.Join('\n', categories),
                    text => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList(),
                    new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), s => s.Aggregate(0, (h, v) => HashCode.Combine(h, v)), s => s.ToList()))
                .HasMaxLength(3100);
            enterprise.Property(e => e.Version).IsConcurrencyToken();
            enterprise.Ignore(e => e.Events);
            enterprise.Ignore(e => e.TargetMarkets);
            enterprise.Ignore(e => e.SalesPlatforms);
            enterprise.HasIndex(e => e.CreditCode).IsUnique();
            enterprise.HasIndex(e => new { e.NameZh, e.Id });
            enterprise.HasIndex(e => new { e.EstablishedOn, e.Id });
            enterprise.HasIndex(e => e.WorkstationId);
            enterprise.HasIndex(e => new { e.ParkId, e.SettledOn }); // a park's enterprises, and its settlements per day
            enterprise.Property(e => e.ProfileKey).HasMaxLength(EnterpriseProfileKey.Length).IsFixedLength().IsUnicode(false).HasCharSet("ascii").UsePropertyAccessMode(PropertyAccessMode.Property);
            enterprise.HasIndex(e => new { e.ParkId, e.ProfileKey }); // a park's statistics profiles, counted from the index (ADR 0035)
        });

        modelBuilder.Entity<Contact>(contact =>
        {
            contact.ToTable("ent_contacts");
            contact.Property(c => c.Name).HasMaxLength(Contact.NameMax);
            contact.Property(c => c.Role).HasMaxLength(Contact.RoleMax);
            contact.Property(c => c.Phone).HasMaxLength(Contact.PhoneMax);
            contact.Property(c => c.Email).HasMaxLength(Contact.EmailMax);
            contact.HasIndex(c => c.EnterpriseId);
            contact.HasOne<Enterprise>().WithMany().HasForeignKey(c => c.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<MonthlySales>(sales =>
        {
            sales.ToTable("ent_monthly_sales");
            sales.Property(s => s.Revenue).HasPrecision(18, 2);
            sales.Property(s => s.Currency).HasMaxLength(3).IsFixedLength();
            sales.HasIndex(s => new { s.EnterpriseId, s.Month }).IsUnique();
            sales.HasOne<Enterprise>().WithMany().HasForeignKey(s => s.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PlatformCertification>(certification =>
        {
            certification.ToTable("ent_certifications");
            certification.Property(c => c.Platform).HasConversion<string>().HasMaxLength(20);
            certification.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            certification.Property(c => c.CertificateNumber).HasMaxLength(PlatformCertification.CertificateNumberMax);
            certification.HasIndex(c => new { c.EnterpriseId, c.Platform }).IsUnique();
            // Certificates expiring soon, with their enterprise, read from the index alone (park statistics: a park's
            // enterprises are then looked up by key).
            certification.HasIndex(c => new { c.Status, c.ExpiresOn, c.EnterpriseId });
            // A park's certifications by platform and status, and its certificates expiring soon, each one index range
            // (ParkId is the enterprise's, copied: CertificationParks).
            certification.HasIndex(c => new { c.ParkId, c.Platform, c.Status, c.ExpiresOn });
            certification.HasIndex(c => new { c.ParkId, c.Status, c.ExpiresOn, c.EnterpriseId });
            certification.HasOne<Enterprise>().WithMany().HasForeignKey(c => c.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ParkSalesMonth>(summary =>
        {
            summary.ToTable("ent_park_sales_months");
            summary.HasKey(s => new { s.ParkId, s.Month, s.Currency });
            summary.Property(s => s.Currency).HasMaxLength(3).IsFixedLength();
        });

        modelBuilder.MapImportTables<EnterpriseImportJob>("ent_import_jobs", "ent_import_row_errors", job =>
            job.Property(j => j.Policy).HasConversion<string>().HasMaxLength(12));
    }
}
