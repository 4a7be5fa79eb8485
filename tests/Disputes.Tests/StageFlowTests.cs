using IpShield.Disputes.Domain;
using IpShield.Disputes.Flows;

namespace IpShield.Disputes.Tests;

/// <summary>The shipped flows, each stage's clock and each move, as a table: the rules of docs/dispute-flows.md.</summary>
public sealed class StageFlowTests
{
    private static readonly FlowCatalogue Flows = FlowCatalogue.Shipped;

    [Theory]
    [InlineData("PlatformComplaint", "AliExpress", "RU", "aliexpress-ipp")]
    [InlineData("Takedown", "Alibaba", "US", "aliexpress-ipp")]
    [InlineData("Takedown", "Ebay", "DE", "ebay-vero")]
    [InlineData("Takedown", "Amazon", "US", "amazon-dmca")]
    [InlineData("PlatformComplaint", "Amazon", "US", "amazon-apex")]
    [InlineData("Lawsuit", "Amazon", "US", "schedule-a")]
    [InlineData("StoreFreeze", "Temu", "US", "schedule-a")]
    [InlineData("TrademarkSquatting", "None", "CN", "cn-opposition")]
    [InlineData("TrademarkSquatting", "None", "AE", "general")]
    [InlineData("PlatformComplaint", "Noon", "AE", "general")]
    [InlineData("CustomsSeizure", "None", "CN", "general")]
    [InlineData("CeaseAndDesist", "OwnSite", "US", "general")]
    public void A_case_named_no_flow_takes_the_first_that_fits_its_kind_platform_and_market(string kind, string platform, string market, string flow) =>
        Assert.Equal(flow, Flows.For(Enum.Parse<CaseKind>(kind), Enum.Parse<DisputePlatform>(platform), market).Key);

    [Theory]
    // flow, stage, entered on, due on (docs/dispute-flows.md)
    [InlineData("aliexpress-ipp", "COMPLAINT_RECEIVED", "2024-11-08", "2024-11-13")] // Friday + 3 business days
    [InlineData("aliexpress-ipp", "COUNTER_NOTICE_FILED", "2024-11-13", "2024-12-10")] // + 27 days
    [InlineData("ebay-vero", "RIGHTS_OWNER_CONTACTED", "2024-11-04", "2024-11-11")] // + 5 business days
    [InlineData("amazon-dmca", "COUNTER_NOTICE_FILED", "2024-11-04", "2024-11-18")] // + 10 business days
    [InlineData("amazon-apex", "APEX_INVITED", "2024-11-01", "2024-11-22")] // about 3 weeks
    [InlineData("amazon-apex", "OPTED_IN", "2024-11-22", "2024-12-06")]
    [InlineData("amazon-apex", "OWNER_BRIEF_FILED", "2024-12-06", "2024-12-20")]
    [InlineData("amazon-apex", "SELLER_BRIEF_FILED", "2024-12-20", "2024-12-27")]
    [InlineData("schedule-a", "TRO_GRANTED", "2024-11-05", "2024-11-19")] // 14 days
    [InlineData("schedule-a", "SERVED", "2024-11-07", "2024-11-28")] // answer 21 days after service
    [InlineData("cn-opposition", "MARK_PUBLISHED", "2024-11-27", "2025-02-27")] // 3 months
    [InlineData("cn-opposition", "MARK_PUBLISHED", "2024-11-30", "2025-02-28")] // clamped to the month's end
    [InlineData("cn-invalidation", "MARK_REGISTERED", "2020-02-29", "2025-02-28")] // 5 years
    public void Each_stage_with_a_clock_is_due_by_its_rule(string flow, string stage, string enteredOn, string dueOn) =>
        Assert.Equal(Day(dueOn), StageRules.DueOn(Flows.Find(flow)!.StageOf(stage)!, Day(enteredOn), new Dictionary<string, DateOnly>(), badFaith: false));

    [Fact]
    public void An_extended_TRO_runs_28_days_from_the_grant_not_from_the_extension()
    {
        var extended = Flows.Find("schedule-a")!.StageOf("TRO_EXTENDED")!;

        var due = StageRules.DueOn(extended, Day("2024-11-15"), new Dictionary<string, DateOnly> { ["TRO_GRANTED"] = Day("2024-11-05") }, badFaith: false);

        Assert.Equal(Day("2024-12-03"), due);
    }

    [Fact]
    public void A_mark_registered_in_bad_faith_has_no_invalidation_limit()
    {
        var registered = Flows.Find("cn-invalidation")!.StageOf("MARK_REGISTERED")!;

        Assert.Null(StageRules.DueOn(registered, Day("2010-01-04"), new Dictionary<string, DateOnly>(), badFaith: true));
        Assert.Equal(Day("2015-01-04"), StageRules.DueOn(registered, Day("2010-01-04"), new Dictionary<string, DateOnly>(), badFaith: false));
    }

    [Theory]
    // flow, from, to, entered on, due on (empty: none), on, refusal
    [InlineData("aliexpress-ipp", "COMPLAINT_RECEIVED", "COUNTER_NOTICE_FILED", "2024-11-08", "2024-11-13", "2024-11-13", "None")]
    [InlineData("aliexpress-ipp", "COMPLAINT_RECEIVED", "COUNTER_NOTICE_FILED", "2024-11-08", "2024-11-13", "2024-11-14", "DeadlineMissed")]
    [InlineData("aliexpress-ipp", "COMPLAINT_RECEIVED", "COMPLAINT_STANDS", "2024-11-08", "2024-11-13", "2024-11-14", "None")]
    [InlineData("aliexpress-ipp", "COMPLAINT_RECEIVED", "DECIDED", "2024-11-08", "2024-11-13", "2024-11-10", "NotInFlow")]
    [InlineData("aliexpress-ipp", "DECIDED", "COMPLAINT_RECEIVED", "2024-11-08", "", "2024-11-10", "NotInFlow")]
    [InlineData("ebay-vero", "RIGHTS_OWNER_CONTACTED", "ESCALATED", "2024-11-04", "2024-11-11", "2024-11-11", "DeadlineNotReached")]
    [InlineData("ebay-vero", "RIGHTS_OWNER_CONTACTED", "ESCALATED", "2024-11-04", "2024-11-11", "2024-11-12", "None")]
    [InlineData("ebay-vero", "RIGHTS_OWNER_CONTACTED", "RESOLVED_WITH_OWNER", "2024-11-04", "2024-11-11", "2024-11-05", "None")]
    [InlineData("amazon-dmca", "COUNTER_NOTICE_FILED", "REINSTATED", "2024-11-04", "2024-11-18", "2024-11-18", "DeadlineNotReached")]
    [InlineData("amazon-dmca", "COUNTER_NOTICE_FILED", "REINSTATED", "2024-11-04", "2024-11-18", "2024-11-19", "None")]
    [InlineData("amazon-dmca", "COUNTER_NOTICE_FILED", "SUIT_FILED", "2024-11-04", "2024-11-18", "2024-11-19", "DeadlineMissed")]
    [InlineData("amazon-apex", "APEX_INVITED", "OPTED_IN", "2024-11-01", "2024-11-22", "2024-11-23", "DeadlineMissed")]
    [InlineData("amazon-apex", "APEX_INVITED", "LISTINGS_REMOVED", "2024-11-01", "2024-11-22", "2024-11-23", "None")]
    [InlineData("schedule-a", "TRO_GRANTED", "TRO_EXTENDED", "2024-11-05", "2024-11-19", "2024-11-20", "DeadlineMissed")]
    [InlineData("schedule-a", "SERVED", "ANSWERED", "2024-11-07", "2024-11-28", "2024-11-28", "None")]
    [InlineData("schedule-a", "ANSWERED", "TRO_GRANTED", "2024-11-07", "", "2024-11-28", "NotInFlow")]
    [InlineData("cn-opposition", "MARK_PUBLISHED", "OPPOSITION_FILED", "2024-11-27", "2025-02-27", "2025-02-28", "DeadlineMissed")]
    [InlineData("cn-opposition", "MARK_PUBLISHED", "OPPOSITION_FILED", "2024-11-27", "2025-02-27", "2024-11-26", "BeforeStage")]
    [InlineData("general", "OPENED", "RESPONDED", "2024-11-27", "", "2024-11-28", "None")]
    public void A_move_is_allowed_only_as_the_flow_and_the_stage_clock_say(string flow, string from, string to, string enteredOn, string dueOn, string on, string refusal)
    {
        var stage = Flows.Find(flow)!.StageOf(from)!;

        Assert.Equal(Enum.Parse<MoveRefusal>(refusal), StageRules.Check(stage, Day(enteredOn), dueOn.Length == 0 ? null : Day(dueOn), to, Day(on)));
    }

    [Fact]
    public void Every_move_of_every_flow_leads_to_a_stage_of_that_flow_and_every_flow_ends()
    {
        foreach (var flow in Flows.Flows)
        {
            Assert.All(flow.Stages.SelectMany(s => s.Moves), m => Assert.NotNull(flow.StageOf(m.To)));
            Assert.Equal(flow.Stages.Count, flow.Stages.Select(s => s.Key).Distinct().Count());
            Assert.False(string.IsNullOrWhiteSpace(flow.Source));
            Assert.All(flow.Stages.SelectMany(s => s.Moves).Where(m => m.Timing != MoveTiming.Any), m =>
                Assert.NotNull(flow.Stages.Single(s => s.Moves.Contains(m)).Deadline));
        }

        Assert.Equal(FlowCatalogue.General, Flows.Flows[^1].Key);
    }

    [Theory]
    [InlineData("2024-11-20", false)]
    [InlineData("2024-11-19", false)]
    [InlineData("2024-11-21", true)]
    public void A_stage_deadline_is_missed_the_day_after_it_is_due(string today, bool missed) =>
        Assert.Equal(missed, StageRules.IsMissed(Day("2024-11-20"), Day(today)));

    internal static DateOnly Day(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
