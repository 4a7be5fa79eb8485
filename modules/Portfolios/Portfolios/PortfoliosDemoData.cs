using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.Modules;
using IpShield.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Portfolios;

/// <summary>
/// The rights of the seed story, dated from today so their deadlines fall in the coming months: Jingzhou Trading's CN
/// mark (renewal due), its UAE filing (in its opposition period) and its Saudi filing still planned (so noon shows as a
/// gap in SA); Chuangxian's EU and US invention patents and its CN utility model (annuity due). Added only when there are
/// no rights yet. The enterprise and workstation ids are the Enterprises and Workstations demo data's fixed ids.
/// </summary>
internal sealed class PortfoliosDemoData : IDemoData
{
    private static readonly Guid JingzhouTrading = Guid.Parse("0192f0a0-0000-7000-8000-000000000001");
    private static readonly Guid ChuangxianTechnology = Guid.Parse("0192f0a0-0000-7000-8000-000000000002");
    private static readonly Guid YangtzeWorkstation = Guid.Parse("0192f0a0-0000-7000-8000-0000000000a1");

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<PortfoliosDbContext>();
        if (await db.IpRights.AnyAsync(cancellationToken))
        {
            return;
        }

        var time = services.GetRequiredService<TimeProvider>();
        var engine = services.GetRequiredService<DeadlineEngine>();
        var today = ParkCalendar.Today(time);
        var now = time.GetUtcNow();

        var cnMarkRegistered = today.AddMonths(4).AddYears(-10); // term ends in four months (art. 39)
        Add(Mark(JingzhouTrading, "CN", "景洲声盾", "SoundShield", null, cnMarkRegistered.AddYears(-1)), cnMarkRegistered, published: null);
        var ae = Mark(JingzhouTrading, "AE", "景洲声盾", "SoundShield", "درع الصوت", today.AddMonths(-5));
        Add(ae, registered: null, published: today.AddDays(-10)); // the 30-day opposition period ends in 20 days
        var sa = Mark(JingzhouTrading, "SA", "景洲声盾", "SoundShield", "درع الصوت", filed: null);
        sa.Status = RightStatus.Planned;
        sa.PlannedFilingOn = today.AddMonths(1);
        db.IpRights.Add(sa);

        Add(Patent(ChuangxianTechnology, RightKind.InventionPatent, "EU", "床面清洁机器人及其控制方法", "Bed-surface cleaning robot and control method", today.AddYears(-2)), null, today.AddMonths(-6));
        Add(Patent(ChuangxianTechnology, RightKind.InventionPatent, "US", "床面清洁机器人及其控制方法", "Bed-surface cleaning robot and control method", today.AddMonths(-20)), null, today.AddMonths(-2));
        // Granted last month; the first annuity after grant falls due on the filing anniversary, in 45 days.
        var utilityFiled = today.AddDays(45).AddYears(-2);
        Add(Patent(ChuangxianTechnology, RightKind.UtilityModel, "CN", "一种床面清洁机器人的吸尘装置", "Suction unit of a bed-surface cleaning robot", utilityFiled), today.AddMonths(-1), null);
        await db.SaveChangesAsync(cancellationToken);

        void Add(IpRight right, DateOnly? registered, DateOnly? published)
        {
            right.PublishedOn = published;
            right.RegisteredOn = registered;
            right.Status = registered is not null ? RightStatus.Registered : published is not null ? RightStatus.Published : RightStatus.Filed;
            db.IpRights.Add(right);
            var history = new List<IpRightEvent>();
            void Happened(LifecycleEventKind kind, DateOnly? on, RightStatus after)
            {
                if (on is { } day)
                {
                    history.Add(new IpRightEvent { RightId = right.Id, Kind = kind, OccurredOn = day, StatusAfter = after, RecordedAt = now });
                }
            }

            Happened(LifecycleEventKind.Filed, right.FiledOn, RightStatus.Filed);
            Happened(LifecycleEventKind.Published, published, RightStatus.Published);
            Happened(right.Kind == RightKind.Trademark ? LifecycleEventKind.Registered : LifecycleEventKind.Granted, registered, RightStatus.Registered);
            db.IpRightEvents.AddRange(history);
            RightLifecycle.RecomputeDeadlines(db, engine, right, history, [], today);
        }

        IpRight Mark(Guid enterprise, string jurisdiction, string zh, string en, string? ar, DateOnly? filed) => new()
        {
            EnterpriseId = enterprise,
            WorkstationId = YangtzeWorkstation,
            Kind = RightKind.Trademark,
            Jurisdiction = jurisdiction,
            NameZh = zh,
            NameEn = en,
            NameAr = ar,
            MarkForm = MarkForm.Combined,
            NiceClasses = [9, 35],
            Goods = [new NiceClassGoods(9, "蓝牙耳机; 耳机; Bluetooth headsets; earphones"), new NiceClassGoods(35, "online retail of audio equipment")],
            FiledOn = filed,
            Agent = "武汉知识产权代理有限公司",
            RecordedAt = now,
            Version = 1,
        };

        IpRight Patent(Guid enterprise, RightKind kind, string jurisdiction, string zh, string en, DateOnly filed) => new()
        {
            EnterpriseId = enterprise,
            WorkstationId = YangtzeWorkstation,
            Kind = kind,
            Jurisdiction = jurisdiction,
            NameZh = zh,
            NameEn = en,
            FiledOn = filed,
            Agent = "武汉知识产权代理有限公司",
            RecordedAt = now,
            Version = 1,
        };
    }
}
