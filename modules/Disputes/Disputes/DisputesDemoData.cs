using IpShield.Disputes.Domain;
using IpShield.Disputes.Flows;
using IpShield.Disputes.Persistence;
using IpShield.SharedKernel.Modules;
using IpShield.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Disputes;

/// <summary>
/// The seed story's disputes: the November 2024 squatting wave against enterprises of the Wuchang corridor (oppositions
/// filed with the Wuhan IP Protection Center's experts, all upheld), a US "Schedule A" suit whose TRO froze Chuangxian's
/// Amazon store and funds, a noon listing complaint against Jingzhou Trading, and the Yangtze workstation's warning about
/// noon complaints that reached its noon sellers. The suit and the complaint are dated from today so their clocks run.
/// Added only when there are no cases yet; enterprise, park and workstation ids are the other modules' demo ids (the
/// Enterprises demo data's formula for generated ones: modules share no code).
/// </summary>
internal sealed class DisputesDemoData : IDemoData
{
    public static readonly Guid JingzhouTrading = Guid.Parse("0192f0a0-0000-7000-8000-000000000001");
    public static readonly Guid ChuangxianTechnology = Guid.Parse("0192f0a0-0000-7000-8000-000000000002");
    public static readonly Guid YangtzePark = Guid.Parse("0192f0a0-0000-7000-8000-0000000000b1");
    public static readonly Guid YangtzeWorkstation = Guid.Parse("0192f0a0-0000-7000-8000-0000000000a1");
    public static readonly Guid WuchangPark = Guid.Parse("0192f0a0-0000-7000-8000-0000000000b2");
    public static readonly Guid WuchangWorkstation = Guid.Parse("0192f0a0-0000-7000-8000-0000000000a2");

    /// <summary>Generated enterprises settled in the Wuchang corridor (i % 3 == 1 there) hit by the squatting wave.</summary>
    public static readonly int[] SquattedEnterprises = [1, 4, 7, 10, 13];

    /// <summary>Generated enterprises selling on noon (platform index 0, i % 9 == 0 there), all settled in the Yangtze park.</summary>
    public static readonly int[] NoonSellers = [9, 18, 27, 36, 45, 54];

    public static readonly Guid SquattingCampaign = Guid.Parse("0192f0a0-0000-7000-8002-000000000001");
    public static readonly Guid NoonWarning = Guid.Parse("0192f0a0-0000-7000-8002-000000000002");

    public static Guid GeneratedEnterprise(int i) => Guid.Parse($"0192f0a0-0000-7000-8001-{i:D12}");

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<DisputesDbContext>();
        if (await db.Cases.AnyAsync(cancellationToken))
        {
            return;
        }

        var flows = services.GetRequiredService<FlowCatalogue>();
        var time = services.GetRequiredService<TimeProvider>();
        var today = ParkCalendar.Today(time);
        var now = time.GetUtcNow();

        var centreAgent = new Expert
        {
            Name = "武汉市知识产权保护中心 商标专家组", Organisation = "Wuhan Intellectual Property Protection Center", Kind = ExpertKind.Agent,
            Specialties = ["trademark opposition", "bad-faith squatting"], Jurisdictions = ["CN"],
        };
        var usLawyer = new Expert
        {
            Name = "Schedule A defence counsel", Organisation = "Chicago IP litigation firm", Kind = ExpertKind.Lawyer,
            Specialties = ["Schedule A defence", "TRO", "settlement"], Jurisdictions = ["US"],
        };
        var mediator = new Expert
        {
            Name = "武汉知识产权纠纷人民调解委员会 调解员", Organisation = "Wuhan IP dispute mediation committee", Kind = ExpertKind.Mediator,
            Specialties = ["platform complaints", "mediation"], Jurisdictions = ["CN", "AE"],
        };
        db.Experts.AddRange(centreAgent, usLawyer, mediator);

        // November 2024: marks copying the sellers' brands published for opposition in October; oppositions filed with the
        // centre's experts within the 3 months (art. 33), all upheld.
        db.Campaigns.Add(new Campaign
        {
            Id = SquattingCampaign,
            Name = "2024年11月 速卖通园区商标恶意抢注 (November 2024 AliExpress park squatting wave)",
            Kind = CaseKind.TrademarkSquatting,
            Description = "Malicious trademark squatting against Chinese brands selling through the AliExpress park; oppositions filed with the Wuhan IP Protection Center, upheld.",
            OpenedOn = new DateOnly(2024, 11, 18),
        });
        var opposition = flows.Find("cn-opposition")!;
        for (var n = 0; n < SquattedEnterprises.Length; n++)
        {
            var published = new DateOnly(2024, 10, 20).AddDays(n * 3);
            var filed = new DateOnly(2024, 11, 25).AddDays(n);
            var decided = new DateOnly(2025, 9, 10).AddDays(n * 7);
            var dispute = Case(db, GeneratedEnterprise(SquattedEnterprises[n]), WuchangWorkstation, WuchangPark, $"抢注商标异议 第{n + 1}号 (squatted mark opposition #{n + 1})",
                CaseKind.TrademarkSquatting, DisputePlatform.None, "CN", opposition, published, now, badFaith: true);
            dispute.CampaignId = SquattingCampaign;
            dispute.Complainant = "Overseas squatter (bad-faith filer)";
            dispute.RightAsserted = $"CN trademark application 7{n}41{n}52{n} (class 9), preliminarily approved";
            Move(db, dispute, opposition, "OPPOSITION_FILED", filed, "Opposition filed with CNIPA by the centre's experts.", now);
            Move(db, dispute, opposition, "DECIDED", decided, "CNIPA: registration refused.", now);
            Close(db, dispute, CaseOutcome.Upheld, decided, now);
            db.CaseExperts.Add(new CaseExpert { CaseId = dispute.Id, ExpertId = centreAgent.Id, AssignedOn = new DateOnly(2024, 11, 19) });
            db.Timeline.Add(Entry(dispute, TimelineEntryKind.ExpertAssigned, new DateOnly(2024, 11, 19), centreAgent.Name, now));
            db.Amounts.Add(new CaseAmount { CaseId = dispute.Id, Kind = AmountKind.LossesAvoided, Amount = 120_000m + (n * 15_000m), Currency = "CNY", On = decided });
        }

        // A Schedule A suit in N.D. Ill.: the TRO granted five days ago froze the Amazon store and its funds for 14 days.
        var scheduleA = flows.Find("schedule-a")!;
        var suit = Case(db, ChuangxianTechnology, YangtzeWorkstation, YangtzePark, "Schedule A suit, N.D. Ill.: Amazon store and funds frozen by TRO",
            CaseKind.Lawsuit, DisputePlatform.Amazon, "US", scheduleA, today.AddDays(-5), now);
        suit.Complainant = "US design-patent holder (plaintiff, Schedule A defendants sealed)";
        suit.RightAsserted = "US design patent D9xx,xxx (cleaning robot housing)";
        suit.AffectedListings = ["Amazon.com store: Chuangxian Home Robotics"];
        db.Amounts.Add(new CaseAmount { CaseId = suit.Id, Kind = AmountKind.FundsFrozen, Amount = 38_500m, Currency = "USD", On = today.AddDays(-5) });
        db.CaseExperts.Add(new CaseExpert { CaseId = suit.Id, ExpertId = usLawyer.Id, AssignedOn = today.AddDays(-4) });
        db.Timeline.Add(Entry(suit, TimelineEntryKind.ExpertAssigned, today.AddDays(-4), usLawyer.Name, now));

        // A noon listing complaint: noon publishes no counter-notice window, so the general flow without a clock.
        var general = flows.Find(FlowCatalogue.General)!;
        var complaint = Case(db, JingzhouTrading, YangtzeWorkstation, YangtzePark, "noon listing complaint: Bluetooth headset listing delisted",
            CaseKind.PlatformComplaint, DisputePlatform.Noon, "AE", general, today.AddDays(-12), now);
        complaint.Complainant = "A GCC distributor of a headset brand";
        complaint.RightAsserted = "UAE trademark (class 9) asserted against the listing's images";
        complaint.AffectedListings = ["noon.com/uae-en/bluetooth-headset-soundshield"];
        Move(db, complaint, general, "RESPONDED", today.AddDays(-9), "Response with the SoundShield filing and the noon compliance certificate.", now);

        // The Yangtze workstation's warning about it, delivered to its noon sellers; Jingzhou read and acknowledged it.
        var warning = new RiskWarning
        {
            Id = NoonWarning,
            Number = $"YZ-RW-{today.Year}-07",
            Title = "noon 平台商标侵权投诉增多 (rising trademark complaints on noon)",
            Body = "Rights holders and GCC distributors are filing trademark complaints against Chinese sellers' listings on noon; delisting and fines follow without a counter-notice window.",
            RiskType = RiskType.PlatformComplaintWave,
            Severity = Severity.High,
            Markets = [],
            Platforms = [nameof(DisputePlatform.Noon)],
            Brands = ["GCC headset distributors"],
            RecommendedActions = "Check listing images and texts against registered marks; file in AE and SA before listing; keep the noon compliance certificate at hand.",
            Sources = ["https://www.noon.com/uae-en/ip-policy"],
            IssuedOn = today.AddDays(-10),
            ValidUntil = today.AddDays(80),
            IssuingWorkstationId = YangtzeWorkstation,
            IssuedAt = now.AddDays(-10),
        };
        db.Warnings.Add(warning);
        foreach (var seller in NoonSellers.Select(GeneratedEnterprise).Prepend(JingzhouTrading))
        {
            var read = seller == JingzhouTrading;
            db.Notifications.Add(new WarningNotification
            {
                WarningId = warning.Id, EnterpriseId = seller, WorkstationId = YangtzeWorkstation, DeliveredAt = warning.IssuedAt,
                ReadAt = read ? warning.IssuedAt.AddHours(3) : null, AcknowledgedAt = read ? warning.IssuedAt.AddHours(4) : null,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Opens a case in its flow's first stage, as openDisputeCase would.</summary>
    private static DisputeCase Case(
        DisputesDbContext db, Guid enterprise, Guid workstation, Guid park, string title, CaseKind kind, DisputePlatform platform, string market, StageFlow flow,
        DateOnly startedOn, DateTimeOffset now, bool badFaith = false)
    {
        var dispute = new DisputeCase
        {
            EnterpriseId = enterprise,
            WorkstationId = workstation,
            ParkId = park,
            Title = title,
            Kind = kind,
            Platform = platform,
            Market = market,
            FlowKey = flow.Key,
            Stage = flow.Start.Key,
            StageEnteredOn = startedOn,
            StageDueOn = StageRules.DueOn(flow.Start, startedOn, new Dictionary<string, DateOnly>(), badFaith),
            BadFaith = badFaith,
            OpenedOn = startedOn,
            OpenedAt = now,
        };
        db.Cases.Add(dispute);
        db.Timeline.Add(new TimelineEntry { CaseId = dispute.Id, Kind = TimelineEntryKind.Opened, ToStage = dispute.Stage, On = startedOn, RecordedAt = now });
        return dispute;
    }

    /// <summary>A move the flow allows (the demo's dates respect the stages' clocks), with its timeline entry.</summary>
    private static void Move(DisputesDbContext db, DisputeCase dispute, StageFlow flow, string to, DateOnly on, string note, DateTimeOffset now)
    {
        var refusal = StageRules.Check(flow.StageOf(dispute.Stage)!, dispute.StageEnteredOn, dispute.StageDueOn, to, on);
        if (refusal != MoveRefusal.None)
        {
            throw new InvalidOperationException($"Demo data: {flow.Key} refuses {dispute.Stage} -> {to} on {on:yyyy-MM-dd} ({refusal}).");
        }

        db.Timeline.Add(new TimelineEntry { CaseId = dispute.Id, Kind = TimelineEntryKind.StageChanged, FromStage = dispute.Stage, ToStage = to, On = on, Note = note, RecordedAt = now });
        dispute.Stage = to;
        dispute.StageEnteredOn = on;
        dispute.StageDueOn = StageRules.DueOn(flow.StageOf(to)!, on, new Dictionary<string, DateOnly>(), dispute.BadFaith);
        dispute.Version++;
    }

    private static void Close(DisputesDbContext db, DisputeCase dispute, CaseOutcome outcome, DateOnly on, DateTimeOffset now)
    {
        dispute.Outcome = outcome;
        dispute.ClosedOn = on;
        dispute.StageDueOn = null;
        dispute.Version++;
        db.Timeline.Add(new TimelineEntry { CaseId = dispute.Id, Kind = TimelineEntryKind.Closed, FromStage = dispute.Stage, On = on, Note = outcome.ToString(), RecordedAt = now });
    }

    private static TimelineEntry Entry(DisputeCase dispute, TimelineEntryKind kind, DateOnly on, string? note, DateTimeOffset now) =>
        new() { CaseId = dispute.Id, Kind = kind, On = on, Note = note, RecordedAt = now };
}
