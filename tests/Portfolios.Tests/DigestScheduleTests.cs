using IpShield.Identity.Contracts;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Digests;
using IpShield.Portfolios.Domain;

namespace IpShield.Portfolios.Tests;

/// <summary>Who gets which deadlines in their digest, and when a park's morning has come.</summary>
public sealed class DigestScheduleTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); // UTC+8
    private static readonly TimeZoneInfo Riyadh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh"); // UTC+3

    private static readonly Guid WorkstationA = Guid.Parse("0192f0a0-0000-7000-8000-00000000000a");
    private static readonly Guid WorkstationB = Guid.Parse("0192f0a0-0000-7000-8000-00000000000b");
    private static readonly Guid EnterpriseOfA = Guid.Parse("0192f0a0-0000-7000-8000-0000000000e1");
    private static readonly Guid EnterpriseOfB = Guid.Parse("0192f0a0-0000-7000-8000-0000000000e2");
    private static readonly DateOnly Day = new(2026, 12, 7);

    [Theory]
    [InlineData("2026-12-06T23:59:59Z", null)] // 07:59:59 on the 7th in Shanghai
    [InlineData("2026-12-07T00:00:00Z", "2026-12-07")] // 08:00 sharp
    [InlineData("2026-12-07T15:59:59Z", "2026-12-07")] // 23:59:59: late, still that day's digest
    [InlineData("2026-12-07T16:00:00Z", null)] // midnight: the 8th, whose morning has not come
    [InlineData("2026-12-06T20:30:00Z", null)] // 04:30 on the 7th: the 6th's is no longer due, the 7th's not yet
    public void A_park_at_UTC_plus_8_gets_its_digest_from_08_00_local_time_on(string instant, string? day) =>
        Assert.Equal(day is null ? null : DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), DigestSchedule.DayDue(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), Shanghai));

    [Theory]
    [InlineData("2026-12-07T04:59:59Z", null)] // 07:59:59 in Riyadh
    [InlineData("2026-12-07T05:00:00Z", "2026-12-07")]
    [InlineData("2026-12-06T20:59:59Z", "2026-12-06")] // 23:59:59 on the 6th in Riyadh, already the 7th in Shanghai
    [InlineData("2026-12-06T21:00:00Z", null)] // midnight in Riyadh
    public void A_park_at_UTC_plus_3_gets_its_digest_from_08_00_local_time_on(string instant, string? day) =>
        Assert.Equal(day is null ? null : DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), DigestSchedule.DayDue(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), Riyadh));

    [Fact]
    public void At_one_instant_a_park_at_UTC_plus_8_is_past_its_morning_and_one_at_UTC_plus_3_is_not()
    {
        var instant = DateTimeOffset.Parse("2026-12-07T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture); // 11:00 and 06:00

        Assert.Equal(Day, DigestSchedule.DayDue(instant, Shanghai));
        Assert.Null(DigestSchedule.DayDue(instant, Riyadh));
    }

    [Fact]
    public void Staff_follow_their_first_workstations_park_and_members_their_enterprises()
    {
        var zones = new Dictionary<Guid, string> { [WorkstationA] = "Asia/Riyadh", [WorkstationB] = "Asia/Shanghai" };
        var placed = new Dictionary<Guid, Guid> { [EnterpriseOfB] = WorkstationB };

        Assert.Equal(Riyadh.Id, DigestSchedule.ZoneOf(Staff(WorkstationB, WorkstationA), placed, zones).Id);
        Assert.Equal(Shanghai.Id, DigestSchedule.ZoneOf(Member(EnterpriseOfB), placed, zones).Id);
        Assert.Equal(Shanghai.Id, DigestSchedule.ZoneOf(Member(EnterpriseOfA), placed, zones).Id); // not settled: the default calendar
        Assert.Equal(Shanghai.Id, DigestSchedule.ZoneOf(Staff(WorkstationA), placed, new Dictionary<Guid, string> { [WorkstationA] = "Not/AZone" }).Id);
    }

    [Fact]
    public void Staff_get_their_workstations_deadlines_only_and_members_their_enterprises_only()
    {
        var ofA = Deadline(EnterpriseOfA, WorkstationA, dueIn: 10);
        var ofB = Deadline(EnterpriseOfB, WorkstationB, dueIn: 10);
        var unsettledOfA = Deadline(EnterpriseOfA, null, dueIn: 12);

        Assert.Equal([ofA.Id], DigestSchedule.ItemsFor(Staff(WorkstationA), [ofA, ofB, unsettledOfA], Day).Select(i => i.Deadline.Id));
        Assert.Equal([ofA.Id, unsettledOfA.Id], DigestSchedule.ItemsFor(Member(EnterpriseOfA), [ofA, ofB, unsettledOfA], Day).Select(i => i.Deadline.Id));
        Assert.Empty(DigestSchedule.ItemsFor(Member(EnterpriseOfB), [ofA, unsettledOfA], Day));
    }

    [Theory]
    [InlineData(0, true)] // due today
    [InlineData(30, true)] // the 30th day ahead
    [InlineData(31, false)] // beyond
    public void Open_deadlines_due_from_today_to_30_days_ahead_are_listed(int dueIn, bool listed) =>
        Assert.Equal(listed, DigestSchedule.Item(Deadline(EnterpriseOfA, WorkstationA, dueIn), Day) is { Missed: false });

    [Fact]
    public void A_deadline_past_due_in_its_grace_period_is_still_to_do_and_one_past_its_grace_is_missed()
    {
        var inGrace = DigestSchedule.Item(Deadline(EnterpriseOfA, WorkstationA, dueIn: -3, graceIn: 5), Day);
        var pastGrace = DigestSchedule.Item(Deadline(EnterpriseOfA, WorkstationA, dueIn: -9, graceIn: -1), Day);

        Assert.Equal((false, -3), (inGrace!.Missed, inGrace.DaysLeft));
        Assert.Equal((true, -9), (pastGrace!.Missed, pastGrace.DaysLeft));
    }

    [Theory]
    [InlineData(-30, true)]
    [InlineData(-31, false)]
    public void Missed_deadlines_are_listed_for_30_days_after_their_last_day(int lastDayIn, bool listed) =>
        Assert.Equal(listed, DigestSchedule.Item(Deadline(EnterpriseOfA, WorkstationA, lastDayIn, state: DeadlineState.Missed), Day) is { Missed: true });

    [Theory]
    [InlineData("Done")]
    [InlineData("Waived")]
    public void Settled_deadlines_are_not_listed(string state) =>
        Assert.Null(DigestSchedule.Item(Deadline(EnterpriseOfA, WorkstationA, dueIn: 5, state: Enum.Parse<DeadlineState>(state)), Day));

    [Fact]
    public void Missed_deadlines_come_first_then_the_rest_by_due_date()
    {
        var later = Deadline(EnterpriseOfA, WorkstationA, dueIn: 20);
        var sooner = Deadline(EnterpriseOfA, WorkstationA, dueIn: 2);
        var missed = Deadline(EnterpriseOfA, WorkstationA, dueIn: -4, state: DeadlineState.Missed);

        Assert.Equal([missed.Id, sooner.Id, later.Id], DigestSchedule.ItemsFor(Staff(WorkstationA), [later, sooner, missed], Day).Select(i => i.Deadline.Id));
    }

    private static DigestRecipient Staff(params Guid[] workstations) =>
        new(Guid.CreateVersion7(), "staff", "staff@ipshield.example", PersonLanguages.Chinese, workstations, null);

    private static DigestRecipient Member(Guid enterprise) =>
        new(Guid.CreateVersion7(), "member", "member@ipshield.example", PersonLanguages.English, [], enterprise);

    private static DigestDeadline Deadline(Guid enterprise, Guid? workstation, int dueIn, int? graceIn = null, DeadlineState state = DeadlineState.Open) =>
        new(Guid.CreateVersion7(), enterprise, workstation, "长江商标", "Yangtze", RightKind.Trademark, "CN", DeadlineTask.Renewal,
            Day.AddDays(dueIn), graceIn is { } g ? Day.AddDays(g) : null, state);
}
