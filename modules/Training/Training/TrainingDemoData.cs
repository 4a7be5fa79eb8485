using IpShield.SharedKernel.Modules;
using IpShield.Training.Domain;
using IpShield.Training.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Training;

/// <summary>
/// The seed story's training: the Wuchang workstation's 14 online and offline sessions since October 2024 with their
/// attendance, the Yangtze workstation's IP salons, and one upcoming session open for registration. Added only to an
/// empty embedded database; enterprises, parks and workstations are the other modules' demo ids (modules share no code).
/// </summary>
internal sealed class TrainingDemoData : IDemoData
{
    private static readonly Guid YangtzePark = Guid.Parse("0192f0a0-0000-7000-8000-0000000000b1");
    private static readonly Guid YangtzeWorkstation = Guid.Parse("0192f0a0-0000-7000-8000-0000000000a1");
    private static readonly Guid WuchangPark = Guid.Parse("0192f0a0-0000-7000-8000-0000000000b2");
    private static readonly Guid WuchangWorkstation = Guid.Parse("0192f0a0-0000-7000-8000-0000000000a2");
    private static readonly Guid JingzhouTrading = Guid.Parse("0192f0a0-0000-7000-8000-000000000001");
    private static readonly Guid ChuangxianTechnology = Guid.Parse("0192f0a0-0000-7000-8000-000000000002");

    private static readonly (string Title, SessionKind Kind, string[] Topics)[] WuchangProgramme =
    [
        ("跨境电商知识产权入门", SessionKind.Training, ["ip:trademark", "ip:patent"]),
        ("noon 平台知识产权合规认证说明会", SessionKind.OnlineWebinar, ["platform:noon", "market:AE"]),
        ("中东商标布局实务", SessionKind.Training, ["market:AE", "market:SA", "ip:trademark"]),
        ("亚马逊品牌备案与侵权投诉应对", SessionKind.OnlineWebinar, ["platform:amazon", "market:US"]),
        ("欧盟外观设计保护", SessionKind.Training, ["market:EU", "ip:design"]),
        ("一对一诊断：出海商标风险", SessionKind.OneOnOneClinic, ["ip:trademark"]),
        ("海外知识产权纠纷应对指引", SessionKind.OnlineWebinar, ["ip:dispute"]),
        ("马德里商标国际注册", SessionKind.Training, ["ip:trademark", "market:WO"]),
        ("东南亚市场知识产权风险", SessionKind.OnlineWebinar, ["market:ASEAN"]),
        ("专利检索与规避设计", SessionKind.Training, ["ip:patent"]),
        ("店铺冻结与临时禁令应对", SessionKind.OnlineWebinar, ["ip:dispute", "platform:amazon"]),
        ("独立站版权与图片授权", SessionKind.Training, ["ip:copyright", "platform:own-site"]),
        ("一对一诊断：noon 认证材料", SessionKind.OneOnOneClinic, ["platform:noon"]),
        ("年度知识产权合规复盘", SessionKind.Training, ["ip:trademark", "ip:patent"]),
    ];

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<TrainingDbContext>();
        if (await db.Sessions.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var first = new DateTime(2024, 10, 17, 6, 30, 0, DateTimeKind.Utc); // 14:30 in Wuhan
        for (var i = 0; i < WuchangProgramme.Length; i++)
        {
            var (title, kind, topics) = WuchangProgramme[i];
            var session = Held(WuchangWorkstation, WuchangPark, title, kind, topics, first.AddDays(i * 21), kind == SessionKind.OneOnOneClinic ? 1 : 40);
            db.Sessions.Add(session);
            Attend(db, session, JingzhouTrading, i % 4 != 3, 4 + (i % 2));
            if (kind != SessionKind.OneOnOneClinic)
            {
                Attend(db, session, ChuangxianTechnology, i % 3 != 2, 5);
            }
        }

        for (var i = 0; i < 4; i++)
        {
            var salon = Held(YangtzeWorkstation, YangtzePark, $"长江知识产权沙龙 第{i + 1}期", SessionKind.IpSalon, ["ip:trademark", "market:AE"], new DateTime(2025, 3, 20, 7, 0, 0, DateTimeKind.Utc).AddMonths(i * 2), 30);
            db.Sessions.Add(salon);
            Attend(db, salon, JingzhouTrading, true, 5);
            Attend(db, salon, ChuangxianTechnology, i != 1, 4);
        }

        var upcoming = new TrainingSession
        {
            WorkstationId = WuchangWorkstation,
            ParkId = WuchangPark,
            Kind = SessionKind.Training,
            Title = "中东站点商标抢注防范（报名中）",
            Speakers = ["武昌工作站 知识产权专员"],
            StartsAt = now.Date.AddDays(14).AddHours(6),
            EndsAt = now.Date.AddDays(14).AddHours(8),
            Venue = "武昌跨境电商产业园 工作站 2F",
            Capacity = 30,
            RegistrationOpensAt = now.AddDays(-1),
            RegistrationClosesAt = now.Date.AddDays(13),
            CancellationCutoffAt = now.Date.AddDays(13),
            Materials = ["https://example.cn/training/agenda.pdf"],
            Status = SessionStatus.Scheduled,
            CreatedAt = now,
            Version = 1,
        };
        upcoming.SetTopics(["market:AE", "market:SA", "ip:trademark"]);
        db.Sessions.Add(upcoming);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static TrainingSession Held(Guid workstation, Guid park, string title, SessionKind kind, string[] topics, DateTime startsAt, int capacity)
    {
        var online = kind == SessionKind.OnlineWebinar;
        var session = new TrainingSession
        {
            WorkstationId = workstation,
            ParkId = park,
            Kind = kind,
            Title = title,
            Speakers = ["工作站 知识产权专员", "外聘律师"],
            StartsAt = startsAt,
            EndsAt = startsAt.AddHours(kind == SessionKind.OneOnOneClinic ? 1 : 2),
            Venue = online ? null : "工作站 培训室",
            OnlineLink = online ? "https://meeting.example.cn/ipshield" : null,
            Capacity = capacity,
            RegistrationOpensAt = startsAt.AddDays(-14),
            RegistrationClosesAt = startsAt,
            CancellationCutoffAt = startsAt.AddDays(-1),
            Status = SessionStatus.Held,
            CreatedAt = startsAt.AddDays(-14),
            Version = 2,
        };
        session.SetTopics(topics);
        return session;
    }

    private static void Attend(TrainingDbContext db, TrainingSession session, Guid enterprise, bool attended, int satisfaction)
    {
        session.SeatsTaken++;
        var registration = new Registration
        {
            SessionId = session.Id,
            EnterpriseId = enterprise,
            EnterpriseWorkstationId = YangtzeWorkstation, // both seed enterprises are served in Yangtze
            SessionWorkstationId = session.WorkstationId,
            Attendees = enterprise == JingzhouTrading ? ["景洲 外贸负责人", "景洲 运营"] : ["创先 法务"],
            Status = attended ? RegistrationStatus.Attended : RegistrationStatus.NoShow,
            QueuedAt = session.RegistrationOpensAt.AddDays(1),
            RegisteredAt = session.RegistrationOpensAt.AddDays(1),
            AttendedAt = attended ? session.StartsAt.AddMinutes(-10) : null,
            AttendanceSource = attended ? (session.IsOnline ? AttendanceSource.JoinRecord : AttendanceSource.DoorScan) : null,
            Version = 2,
        };
        db.Registrations.Add(registration);
        if (!attended)
        {
            return;
        }

        // One score per named attendee, as the enterprise's member gives them after the session.
        foreach (var (attendee, index) in registration.Attendees.Select((a, i) => (a, i)))
        {
            db.AttendeeFeedback.Add(new AttendeeFeedback
            {
                RegistrationId = registration.Id,
                SessionId = registration.SessionId,
                Attendee = attendee,
                Satisfaction = Math.Max(1, satisfaction - index),
                GivenAt = session.EndsAt.AddHours(2),
            });
        }
    }
}
