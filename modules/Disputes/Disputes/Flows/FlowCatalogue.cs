using IpShield.Disputes.Domain;

namespace IpShield.Disputes.Flows;

/// <summary>
/// The stage flows the platform ships, as data (docs/dispute-flows.md lists each with its sources). A case opened without
/// naming a flow takes the first that fits its kind, platform and market; <see cref="General"/> fits everything.
/// </summary>
internal sealed class FlowCatalogue(IReadOnlyList<StageFlow> flows)
{
    public const string General = "general";

    public IReadOnlyList<StageFlow> Flows { get; } = flows;

    public StageFlow? Find(string key) => Flows.FirstOrDefault(f => f.Key == key);

    public StageFlow For(CaseKind kind, DisputePlatform platform, string market) => Flows.First(f => f.Fits(kind, platform, market));

    public static FlowCatalogue Shipped { get; } = new(
    [
        Flow("aliexpress-ipp", "AliExpress / Alibaba IPP complaint", [CaseKind.PlatformComplaint, CaseKind.Takedown], [DisputePlatform.AliExpress, DisputePlatform.Alibaba], null,
            "AliExpress and Alibaba.com IP Protection Platform (IPP) rules: counter-notice within 3 business days, then the complainant's and platform's 27 days (issue #12).",
            new Stage("COMPLAINT_RECEIVED", "Complaint received", new(3, DeadlineUnit.BusinessDays, "Counter-notice"),
                [new("COUNTER_NOTICE_FILED", MoveTiming.ByDeadline), new("COMPLAINT_STANDS")]),
            new Stage("COUNTER_NOTICE_FILED", "Counter-notice filed", new(27, DeadlineUnit.CalendarDays, "Complainant's answer and platform review"),
                [new("DECIDED")]),
            End("COMPLAINT_STANDS", "Complaint stands (no counter-notice)"),
            End("DECIDED", "Platform decided")),

        Flow("ebay-vero", "eBay VeRO removal", [CaseKind.PlatformComplaint, CaseKind.Takedown], [DisputePlatform.Ebay], null,
            "eBay Verified Rights Owner (VeRO) programme: the seller contacts the rights owner; without an answer in 5 business days, escalate to eBay.",
            new Stage("LISTING_REMOVED", "Listing removed", null, [new("RIGHTS_OWNER_CONTACTED")]),
            new Stage("RIGHTS_OWNER_CONTACTED", "Rights owner contacted", new(5, DeadlineUnit.BusinessDays, "Rights owner's answer"),
                [new("RESOLVED_WITH_OWNER"), new("ESCALATED", MoveTiming.AfterDeadline)]),
            new Stage("ESCALATED", "Escalated to eBay", null, [new("DECIDED")]),
            End("RESOLVED_WITH_OWNER", "Resolved with the rights owner"),
            End("DECIDED", "eBay decided")),

        Flow("amazon-dmca", "Amazon DMCA takedown and counter-notice", [CaseKind.Takedown], [DisputePlatform.Amazon], null,
            "17 U.S.C. § 512(g)(2)(C): reinstatement 10 to 14 business days after a counter-notice unless the complainant files suit; Amazon's counter-notice form.",
            new Stage("NOTICE_RECEIVED", "Takedown notice received", null, [new("COUNTER_NOTICE_FILED")]),
            new Stage("COUNTER_NOTICE_FILED", "Counter-notice filed", new(10, DeadlineUnit.BusinessDays, "Complainant's suit, else reinstatement"),
                [new("SUIT_FILED", MoveTiming.ByDeadline), new("REINSTATED", MoveTiming.AfterDeadline)]),
            End("SUIT_FILED", "Complainant filed suit"),
            End("REINSTATED", "Listing reinstated")),

        Flow("amazon-apex", "Amazon Patent Evaluation Express (APEX)", [CaseKind.PlatformComplaint], [DisputePlatform.Amazon], null,
            "Amazon APEX (utility patents): opt in within about 3 weeks (21 days) or the listings are removed; briefs 14 / 14 / 7 days.",
            new Stage("APEX_INVITED", "Invited to APEX", new(21, DeadlineUnit.CalendarDays, "Opt in"),
                [new("OPTED_IN", MoveTiming.ByDeadline), new("LISTINGS_REMOVED", MoveTiming.AfterDeadline)]),
            new Stage("OPTED_IN", "Opted in", new(14, DeadlineUnit.CalendarDays, "Patent owner's opening brief"), [new("OWNER_BRIEF_FILED")]),
            new Stage("OWNER_BRIEF_FILED", "Patent owner's brief filed", new(14, DeadlineUnit.CalendarDays, "Seller's response brief"),
                [new("SELLER_BRIEF_FILED", MoveTiming.ByDeadline), new("EVALUATED")]),
            new Stage("SELLER_BRIEF_FILED", "Seller's brief filed", new(7, DeadlineUnit.CalendarDays, "Patent owner's reply"), [new("REPLY_FILED"), new("EVALUATED")]),
            new Stage("REPLY_FILED", "Reply filed", null, [new("EVALUATED")]),
            End("LISTINGS_REMOVED", "Listings removed (no opt-in)"),
            End("EVALUATED", "Evaluator decided")),

        Flow("schedule-a", "US \"Schedule A\" suit", [CaseKind.Lawsuit, CaseKind.StoreFreeze], [], null,
            "Fed. R. Civ. P. 65(b)(2): a TRO lasts at most 14 days, extendable once for a like period (to 28); FRCP 12(a)(1)(A)(i): answer 21 days after service.",
            new Stage("TRO_GRANTED", "TRO granted, store and funds frozen", new(14, DeadlineUnit.CalendarDays, "TRO expires"),
                [new("TRO_EXTENDED", MoveTiming.ByDeadline), new("SERVED"), new("PRELIMINARY_INJUNCTION")]),
            new Stage("TRO_EXTENDED", "TRO extended", new(28, DeadlineUnit.CalendarDays, "Extended TRO expires", Anchor: "TRO_GRANTED"),
                [new("SERVED"), new("PRELIMINARY_INJUNCTION")]),
            new Stage("PRELIMINARY_INJUNCTION", "Preliminary injunction", null, [new("SERVED"), new("ANSWERED"), new("SETTLEMENT_TALKS")]),
            new Stage("SERVED", "Served", new(21, DeadlineUnit.CalendarDays, "Answer"),
                [new("ANSWERED", MoveTiming.ByDeadline), new("SETTLEMENT_TALKS"), new("PRELIMINARY_INJUNCTION")]),
            new Stage("ANSWERED", "Answered", null, [new("SETTLEMENT_TALKS")]),
            new Stage("SETTLEMENT_TALKS", "Settlement talks", null, [new("ANSWERED")])),

        Flow("cn-opposition", "CN trademark opposition", [CaseKind.TrademarkSquatting], [], "CN",
            "PRC Trademark Law art. 33: opposition within 3 months of the preliminary approval's publication.",
            new Stage("MARK_PUBLISHED", "Squatted mark published", new(3, DeadlineUnit.Months, "Opposition"),
                [new("OPPOSITION_FILED", MoveTiming.ByDeadline)]),
            new Stage("OPPOSITION_FILED", "Opposition filed", null, [new("DECIDED")]),
            End("DECIDED", "CNIPA decided")),

        Flow("cn-invalidation", "CN trademark invalidation", [CaseKind.TrademarkSquatting], [], "CN",
            "PRC Trademark Law art. 45: invalidation within 5 years of registration; no limit for a well-known mark registered in bad faith.",
            new Stage("MARK_REGISTERED", "Squatted mark registered", new(5, DeadlineUnit.Years, "Invalidation", NoLimitForBadFaith: true),
                [new("INVALIDATION_FILED", MoveTiming.ByDeadline)]),
            new Stage("INVALIDATION_FILED", "Invalidation filed", null, [new("DECIDED")]),
            End("DECIDED", "CNIPA decided")),

        Flow(General, "General dispute", [], [], null,
            "No platform clock: complaints on platforms without a published counter-notice window (noon), customs seizures, cease-and-desist letters.",
            new Stage("OPENED", "Opened", null, [new("RESPONDED"), new("NEGOTIATING")]),
            new Stage("RESPONDED", "Responded", null, [new("NEGOTIATING"), new("DECIDED")]),
            new Stage("NEGOTIATING", "Negotiating", null, [new("RESPONDED"), new("DECIDED")]),
            End("DECIDED", "Decided")),
    ]);

    private static StageFlow Flow(string key, string name, CaseKind[] kinds, DisputePlatform[] platforms, string? market, string source, params Stage[] stages) =>
        new(key, name, kinds.ToHashSet(), platforms.ToHashSet(), market, stages, source);

    private static Stage End(string key, string name) => new(key, name, null, []);
}
