using IpShield.SharedKernel.Persistence;
using IpShield.Workstations.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IpShield.Workstations.Persistence;

/// <summary>The Workstations module's tables, all prefixed <c>ws_</c>. Other modules' entities appear only as ids.</summary>
[TablePrefix("ws")]
internal sealed class WorkstationsDbContext(DbContextOptions<WorkstationsDbContext> options) : ModuleDbContext(options)
{
    public DbSet<Park> Parks => Set<Park>();
    public DbSet<Workstation> Workstations => Set<Workstation>();
    public DbSet<StaffAssignment> StaffAssignments => Set<StaffAssignment>();
    public DbSet<ServiceRecord> ServiceRecords => Set<ServiceRecord>();
    public DbSet<MonthlyServiceStat> MonthlyServiceStats => Set<MonthlyServiceStat>();
    public DbSet<ServedEnterprise> ServedEnterprises => Set<ServedEnterprise>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<MonthlyServiceStat>(stat =>
        {
            stat.ToTable("ws_monthly_service_stats");
            stat.HasKey(s => new { s.WorkstationId, s.Month });
        });

        modelBuilder.Entity<ServedEnterprise>(served =>
        {
            served.ToTable("ws_served_enterprises");
            served.HasKey(s => new { s.WorkstationId, s.EnterpriseId });
        });

        modelBuilder.Entity<Park>(park =>
        {
            park.ToTable("ws_parks");
            park.Property(p => p.Name).HasMaxLength(Park.NameMax);
            park.Property(p => p.City).HasMaxLength(Park.PlaceMax);
            park.Property(p => p.District).HasMaxLength(Park.PlaceMax);
            park.Property(p => p.Address).HasMaxLength(Park.AddressMax);
            park.Property(p => p.TimeZone).HasMaxLength(64);
            park.HasIndex(p => new { p.Name, p.Id });
        });

        modelBuilder.Entity<Workstation>(workstation =>
        {
            workstation.ToTable("ws_workstations");
            workstation.Property(w => w.Name).HasMaxLength(Workstation.NameMax);
            workstation.Property(w => w.Head).HasMaxLength(Workstation.HeadMax);
            workstation.Property(w => w.Contact).HasMaxLength(Workstation.ContactMax);
            workstation.Property(w => w.Level).HasConversion<string>().HasMaxLength(20);
            workstation.Property(w => w.Status).HasConversion<string>().HasMaxLength(20);
            workstation.Property(w => w.Version).IsConcurrencyToken();
            workstation.Property(w => w.ServicesOffered)
                .HasConversion(
                    services => string.Join(',', services),
                    text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<WorkstationService>).ToList(),
                    new ValueComparer<List<WorkstationService>>((a, b) => a!.SequenceEqual(b!), s => s.Aggregate(0, (h, v) => HashCode.Combine(h, v)), s => s.ToList()))
                .HasMaxLength(400);
            workstation.HasIndex(w => new { w.Name, w.Id });
            workstation.HasIndex(w => new { w.OpenedOn, w.Id });
            workstation.HasIndex(w => w.ParkId);
            workstation.HasOne<Park>().WithMany().HasForeignKey(w => w.ParkId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<StaffAssignment>(staff =>
        {
            staff.ToTable("ws_staff_assignments");
            staff.Property(s => s.PersonName).HasMaxLength(StaffAssignment.NameMax);
            staff.Property(s => s.Title).HasMaxLength(StaffAssignment.TitleMax);
            staff.Property(s => s.SubjectId).HasMaxLength(100);
            staff.HasIndex(s => s.WorkstationId);
            staff.HasOne<Workstation>().WithMany().HasForeignKey(s => s.WorkstationId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ServiceRecord>(record =>
        {
            record.ToTable("ws_service_records");
            record.Property(r => r.Topic).HasMaxLength(ServiceRecord.TopicMax);
            record.Property(r => r.Outcome).HasMaxLength(ServiceRecord.OutcomeMax);
            record.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
            record.HasIndex(r => new { r.WorkstationId, r.OccurredOn });
            record.HasIndex(r => new { r.OccurredOn, r.Id });
            record.HasOne<Workstation>().WithMany().HasForeignKey(r => r.WorkstationId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
