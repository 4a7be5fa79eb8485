using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Modules;
using IpShield.Workstations.Contracts;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Workstations;

/// <summary>
/// The two workstations of the seed story (Changjiang Daily): the municipal workstation in the Yangtze
/// International Trade cross-border e-commerce park, and the Wuchang District Digital Innovation Corridor one,
/// opened in October 2024. Added only to an empty embedded database.
/// </summary>
internal sealed class WorkstationsDemoData : IDemoData
{
    /// <summary>Fixed ids so the Enterprises demo data can refer to the same enterprises.</summary>
    public static readonly Guid JingzhouTrading = Guid.Parse("0192f0a0-0000-7000-8000-000000000001");
    public static readonly Guid ChuangxianTechnology = Guid.Parse("0192f0a0-0000-7000-8000-000000000002");

    /// <summary>
    /// Fixed ids so the Identity demo clients and people can be bound to the Yangtze park and workstation, and the
    /// Enterprises demo data can settle its enterprises in both parks (it repeats these values: modules share no code).
    /// </summary>
    public static readonly Guid YangtzePark = Guid.Parse("0192f0a0-0000-7000-8000-0000000000b1");
    public static readonly Guid YangtzeWorkstation = Guid.Parse("0192f0a0-0000-7000-8000-0000000000a1");
    public static readonly Guid WuchangPark = Guid.Parse("0192f0a0-0000-7000-8000-0000000000b2");
    public static readonly Guid WuchangWorkstation = Guid.Parse("0192f0a0-0000-7000-8000-0000000000a2");

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<WorkstationsDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (await db.Parks.AnyAsync(cancellationToken))
        {
            return;
        }

        var yangtze = new Park
        {
            CreatedAt = now,
            Id = YangtzePark,
            Name = "Yangtze International Trade Cross-Border E-Commerce Industrial Park (长江国贸跨境电商产业园)",
            City = "Wuhan",
            District = "East Lake High-tech Zone (Optics Valley)",
            Address = "Optics Valley, Wuhan, Hubei",
        };
        var wuchang = new Park
        {
            CreatedAt = now,
            Id = WuchangPark,
            Name = "Wuchang Riverside Digital Innovation Corridor (武昌滨江数字创新走廊)",
            City = "Wuhan",
            District = "Wuchang",
            Address = "Wuchang Digital Innovation Building, Wuhan, Hubei",
        };
        var yangtzeStation = new Workstation
        {
            Id = YangtzeWorkstation,
            Name = "Wuhan IP Protection Workstation (Yangtze International Trade Cross-Border E-Commerce Free Trade Zone)",
            Level = WorkstationLevel.Municipal,
            ParkId = yangtze.Id,
            OpenedOn = new DateOnly(2023, 6, 1),
            Head = "Workstation head",
            Contact = "ipshield-yangtze@example.cn",
            ServicesOffered = [WorkstationService.ComplianceCertification, WorkstationService.TrademarkPlanning, WorkstationService.PatentPlanning, WorkstationService.RiskWarning, WorkstationService.Training, WorkstationService.Guidance],
        };
        var wuchangStation = new Workstation
        {
            Id = WuchangWorkstation,
            Name = "Wuhan IP Protection Workstation (Wuchang District Digital Innovation Corridor)",
            Level = WorkstationLevel.Municipal,
            ParkId = wuchang.Id,
            OpenedOn = new DateOnly(2024, 10, 15),
            Head = "Workstation head",
            Contact = "ipshield-wuchang@example.cn",
            ServicesOffered = [WorkstationService.Training, WorkstationService.RiskWarning, WorkstationService.DisputeResponse, WorkstationService.Guidance],
        };
        db.AddRange(yangtze, wuchang, yangtzeStation, wuchangStation);
        db.ServiceRecords.AddRange(
            new ServiceRecord
            {
                RecordedAt = now,
                WorkstationId = yangtzeStation.Id,
                Kind = ServiceKind.GuidanceVisit,
                OccurredOn = new DateOnly(2025, 4, 10),
                Topic = "noon platform IP-compliance certification for Bluetooth headsets",
                Outcome = "Trademark registration plan for the GCC; compliant product images and texts; certification passed.",
                EnterpriseId = JingzhouTrading,
            },
            new ServiceRecord
            {
                RecordedAt = now,
                WorkstationId = yangtzeStation.Id,
                Kind = ServiceKind.Consultation,
                OccurredOn = new DateOnly(2025, 5, 20),
                Topic = "Invention patents in Europe and the US for a bed-surface cleaning robot",
                Outcome = "Trademark, patent and copyright protection plan for Amazon, eBay and the own site.",
                EnterpriseId = ChuangxianTechnology,
            },
            new ServiceRecord
            {
                RecordedAt = now,
                WorkstationId = wuchangStation.Id,
                Kind = ServiceKind.Consultation,
                OccurredOn = new DateOnly(2024, 11, 18),
                Topic = "Malicious trademark squatting against AliExpress sellers",
                Outcome = "With the Wuhan IP Protection Center: oppositions filed against the squatted marks; upheld.",
            });
        foreach (var record in db.ChangeTracker.Entries<ServiceRecord>().Select(e => e.Entity).ToList())
        {
            db.Publish(new ServiceRecorded(record.Id, record.WorkstationId, record.EnterpriseId, record.Kind.ToString(), record.OccurredOn));
        }

        db.StaffAssignments.Add(new StaffAssignment { WorkstationId = wuchangStation.Id, PersonName = "Workstation head", Title = "Head", AssignedOn = wuchangStation.OpenedOn });
        await db.SaveChangesAsync(cancellationToken);
    }
}
