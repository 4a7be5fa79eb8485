using System.Globalization;
using System.Text.Json;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.SharedKernel.Time;
using MySqlConnector;

namespace IpShield.Integration.Tests.Disputes;

/// <summary>
/// Two hosts on one MariaDB database, both running the daily stage-deadline job, their clocks moved forward day by day:
/// each stage deadline raises StageDeadlineApproaching once, not once per host and not once per day, and a case that moves
/// on gets its new stage's deadline raised in its turn.
/// </summary>
public sealed class StageDeadlineRemindersAcrossHostsTests
{
    private const string Approaching = "disputes.stage-deadline-approaching.v1";

    /// <summary>Each host looks for the daily pass every second instead of every hour, so a moved clock is seen at once.</summary>
    private static readonly Dictionary<string, string?> DailyPassEverySecond = new() { ["Disputes:StageReminders:CheckSeconds"] = "1" };

    [Fact]
    public async Task Two_hosts_running_the_daily_job_raise_StageDeadlineApproaching_once_per_stage_deadline()
    {
        var database = await TestDatabases.CreateMariaDbAsync("stage_reminders");
        try
        {
            await using var first = new SharedMariaDbHost(database, DailyPassEverySecond);
            await first.InitializeAsync();
            await using var second = new SharedMariaDbHost(database, DailyPassEverySecond);
            await second.InitializeAsync();
            var admin = first.CreateClient();
            var scenario = new DisputeScenario(admin);
            var (park, own, _) = await scenario.WorkstationsAsync();
            var enterprise = await scenario.EnterpriseAsync("期限企业", ["US"], ["AMAZON"], [], park, own);
            var today = ParkCalendar.Today(first.Clock);

            // Today's pass runs at start, before any case exists; wait for it, so it cannot see the cases opened below.
            await Eventually.MatchAsync(() => LastRunAsync(database), last => last >= today, "the job to run today", seconds: 30);

            // APEX: opt in within 21 days, due on day 21. An AliExpress complaint received 10 days ago: its 3-business-day
            // counter-notice window has passed before any run saw it. An APEX invitation 20 days old: due tomorrow.
            var apex = await OpenAsync(scenario, enterprise, "PLATFORM_COMPLAINT", "AMAZON", "amazon-apex", today);
            var late = await OpenAsync(scenario, enterprise, "PLATFORM_COMPLAINT", "ALI_EXPRESS", "aliexpress-ipp", today.AddDays(-10));
            var moving = await OpenAsync(scenario, enterprise, "PLATFORM_COMPLAINT", "AMAZON", "amazon-apex", today.AddDays(-20));
            Assert.Equal(today.AddDays(21), apex.DueOn);
            Assert.True(late.DueOn < today);
            Assert.Equal(today.AddDays(1), moving.DueOn);

            await RunDayAsync(database, today, 1, first, second);

            // The last case opts in on day 1 (a fresh token: the first has expired on the moved clocks); its brief is due on day 15.
            var day1 = today.AddDays(1);
            var token = await OpenIdConnect.ClientCredentialsAsync(first.Factory.CreateClient(), PlatformHost.OperatorClientId, PlatformHost.OperatorClientSecret, "api");
            Assert.Null(token.Error);
            var moved = await scenario.MoveAsync(moving.Id, "OPTED_IN", day1, first.CreateClient(token.AccessToken));
            Assert.Empty(DisputeScenario.Codes(moved));
            Assert.Equal(DisputeScenario.Iso(day1.AddDays(14)), moved.Str("disputeCase.stageDueOn"));

            foreach (var day in new[] { 8, 9, 14, 15, 21, 22, 30 })
            {
                await RunDayAsync(database, today, day, first, second);
            }

            var events = await EventsAsync(database);
            Assert.Equal([("APEX_INVITED", Iso(apex.DueOn), 7)], Of(events, apex.Key));
            Assert.Equal([("COMPLAINT_RECEIVED", Iso(late.DueOn), late.DueOn.DayNumber - day1.DayNumber)], Of(events, late.Key));
            Assert.Equal([("APEX_INVITED", Iso(moving.DueOn), 0), ("OPTED_IN", Iso(day1.AddDays(14)), 7)], Of(events, moving.Key));
        }
        finally
        {
            await TestDatabases.DropMariaDbAsync(database);
        }
    }

    private static async Task<(string Id, Guid Key, DateOnly DueOn)> OpenAsync(DisputeScenario scenario, string enterprise, string kind, string platform, string flow, DateOnly startedOn)
    {
        var opened = await scenario.OpenAsync(new { enterpriseId = enterprise, title = $"{flow} reminder case", kind, platform, market = "US", flow, startedOn = Iso(startedOn) });
        Assert.Empty(DisputeScenario.Codes(opened));
        var id = opened.Str("disputeCase.id");
        return (id, DisputeScenario.Key(id), DateOnly.Parse(opened.Str("disputeCase.stageDueOn"), CultureInfo.InvariantCulture));
    }

    /// <summary>Moves both hosts' clocks to the day and waits until one of them has run that day's pass to its end.</summary>
    private static async Task RunDayAsync(string database, DateOnly today, int day, params PlatformHost[] hosts)
    {
        var target = today.AddDays(day);
        foreach (var host in hosts)
        {
            host.Clock.Advance(TimeSpan.FromDays(target.DayNumber - ParkCalendar.Today(host.Clock).DayNumber));
        }

        await Eventually.MatchAsync(() => LastRunAsync(database), last => last >= target, $"the job to run on day {day}", seconds: 30);
    }

    private static List<(string Stage, string DueOn, int DaysLeft)> Of(List<JsonElement> events, Guid caseId) =>
        [.. events.Where(e => e.GetProperty("caseId").GetString() == caseId.ToString())
            .Select(e => (e.GetProperty("stage").GetString()!, e.GetProperty("dueOn").GetString()!, e.GetProperty("daysLeft").GetInt32()))];

    private static async Task<DateOnly?> LastRunAsync(string database)
    {
        await using var connection = new MySqlConnection(database);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT LastRunOn FROM dsp_job_leases WHERE Job = 'stage-deadline-reminders'", connection);
        return await command.ExecuteScalarAsync() is DateTime day ? DateOnly.FromDateTime(day) : null;
    }

    /// <summary>Every StageDeadlineApproaching in the Disputes outbox, oldest first.</summary>
    private static async Task<List<JsonElement>> EventsAsync(string database)
    {
        await using var connection = new MySqlConnection(database);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT Payload FROM dsp_outbox WHERE Type = @type ORDER BY OccurredAt, Id", connection);
        command.Parameters.AddWithValue("@type", Approaching);
        var payloads = new List<JsonElement>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            payloads.Add(JsonDocument.Parse(reader.GetString(0)).RootElement);
        }

        return payloads;
    }

    private static string Iso(DateOnly day) => DisputeScenario.Iso(day);
}
