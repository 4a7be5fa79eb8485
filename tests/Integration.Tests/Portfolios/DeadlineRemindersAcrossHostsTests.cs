using System.Text.Json;
using IpShield.Integration.Tests.Enterprises;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.Time;
using MySqlConnector;

namespace IpShield.Integration.Tests.Portfolios;

/// <summary>
/// Two hosts on one MariaDB database, both running the daily deadline job, their clocks moved forward day by day as a
/// deployment's would move through the months: each reminder and each miss is raised once, not once per host.
/// </summary>
public sealed class DeadlineRemindersAcrossHostsTests
{
    /// <summary>Each host looks for the daily pass every second instead of every hour, so a moved clock is seen at once.</summary>
    private static readonly Dictionary<string, string?> DailyPassEverySecond = new() { ["Portfolios:Reminders:CheckSeconds"] = "1" };

    [Fact]
    public async Task Two_hosts_running_the_daily_job_raise_each_DeadlineApproaching_and_DeadlineMissed_exactly_once()
    {
        var database = await TestDatabases.CreateMariaDbAsync("reminders");
        try
        {
            await using var first = new SharedMariaDbHost(database, DailyPassEverySecond);
            await first.InitializeAsync();
            await using var second = new SharedMariaDbHost(database, DailyPassEverySecond);
            await second.InitializeAsync();
            var admin = first.CreateClient();

            var tag = WorkstationScenario.Tag();
            var workstations = new WorkstationScenario(admin);
            var park = await workstations.RegisterParkAsync($"Reminder park {tag}");
            var workstation = (await workstations.OpenAsync(park, $"Reminder WS {tag}")).Str("id");
            var enterprises = new EnterpriseScenario(admin);
            var enterprise = (await enterprises.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"提醒企业 {tag}")).Str("id");
            await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterprise, parkId = park, workstationId = workstation, settledOn = "2025-01-06" });

            // A CN mark whose term ends 100 days from today (registered 10 years less 99 days ago: art. 39, 40).
            var today = ParkCalendar.Today(first.Clock);
            var dueOn = today.AddDays(100);
            var registeredOn = dueOn.AddDays(1).AddYears(-10);
            var recorded = await admin.DataAsync(
                "mutation($input: RecordIpRightInput!) { recordIpRight(input: $input) { ipRight { id } errors { code } } }",
                new { input = new { enterpriseId = enterprise, kind = "TRADEMARK", jurisdiction = "CN", nameZh = "提醒商标", filedOn = Iso(registeredOn.AddYears(-1)), registeredOn = Iso(registeredOn) } });
            var right = recorded.Str("recordIpRight.ipRight.id");
            var renewal = (await admin.DataAsync(
                "query($id: ID!) { node(id: $id) { ... on Enterprise { deadlines(where: { task: { eq: RENEWAL } }) { nodes { id dueOn graceEndsOn } } } } }",
                new { id = enterprise })).At("node.deadlines.nodes.0");
            Assert.Equal(Iso(dueOn), renewal.Str("dueOn"));
            var deadlineKey = Key(renewal.Str("id"));

            // Through the months, both hosts' clocks moved alike; each day ends once one of them has run it.
            var graceEnds = DateOnly.Parse(renewal.Str("graceEndsOn"), System.Globalization.CultureInfo.InvariantCulture);
            foreach (var day in new[] { 5, 10, 11, 70, 93, 99, 100, 101, graceEnds.DayNumber - today.DayNumber + 1, graceEnds.DayNumber - today.DayNumber + 2 })
            {
                var target = today.AddDays(day);
                foreach (var host in new[] { first, second })
                {
                    host.Clock.Advance(TimeSpan.FromDays(target.DayNumber - ParkCalendar.Today(host.Clock).DayNumber));
                }

                await Eventually.MatchAsync(() => LastRunAsync(database), last => last >= target, $"the job to run on day {day}", seconds: 30);
            }

            var approaching = await EventsAsync(database, "portfolios.deadline-approaching.v1", deadlineKey);
            var missed = await EventsAsync(database, "portfolios.deadline-missed.v1", deadlineKey);
            var registered = await EventsAsync(database, "portfolios.ip-right-registered.v1", Key(right));
            // Read in SQL: the admin's token has long expired on the moved clocks.
            var state = await StateAsync(database, deadlineKey);

            Assert.Equal([90, 30, 7, 1], approaching.Select(e => e.GetProperty("daysLeft").GetInt32()));
            Assert.All(approaching, e => Assert.Equal("RENEWAL", e.GetProperty("task").GetString()));
            var miss = Assert.Single(missed);
            Assert.Equal(Iso(graceEnds), miss.GetProperty("lastDay").GetString());
            Assert.Equal(Iso(registeredOn), Assert.Single(registered).GetProperty("registeredOn").GetString());
            Assert.Equal("Missed", state);

            // The park's deadline summary (ADR 0036) moved the renewal from open to missed once, though both hosts ran the pass.
            var (summary, fresh) = await DeadlineDaysAsync(database);
            Assert.Equal(fresh, summary);
            Assert.Contains($"{Key(park)} Missed {Iso(dueOn)} 1", summary);
            Assert.DoesNotContain(summary, row => row.StartsWith($"{Key(park)} Open {Iso(dueOn)} ", StringComparison.Ordinal));
        }
        finally
        {
            await TestDatabases.DropMariaDbAsync(database);
        }
    }

    private static async Task<DateOnly?> LastRunAsync(string database)
    {
        await using var connection = new MySqlConnection(database);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT LastRunOn FROM pf_job_leases WHERE Job = 'deadline-reminders'", connection);
        return await command.ExecuteScalarAsync() is DateTime day ? DateOnly.FromDateTime(day) : null;
    }

    /// <summary>The park deadline summary's rows that count something, and the same counted afresh from the deadlines.</summary>
    private static async Task<(List<string> Summary, List<string> Fresh)> DeadlineDaysAsync(string database)
    {
        await using var connection = new MySqlConnection(database);
        await connection.OpenAsync();
        async Task<List<string>> RowsAsync(string sql)
        {
            await using var command = new MySqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add($"{reader.GetGuid(0)} {reader.GetString(1)} {Iso(DateOnly.FromDateTime(reader.GetDateTime(2)))} {reader.GetInt32(3)}");
            }

            return [.. rows.Order(StringComparer.Ordinal)];
        }

        return (
            await RowsAsync("SELECT ParkId, State, DueOn, Deadlines FROM pf_park_deadline_days WHERE Deadlines <> 0"),
            await RowsAsync("SELECT p.ParkId, d.State, d.DueOn, COUNT(*) FROM pf_deadlines d JOIN pf_enterprise_placements p ON p.EnterpriseId = d.EnterpriseId"
                + " WHERE p.ParkId IS NOT NULL GROUP BY p.ParkId, d.State, d.DueOn"));
    }

    private static async Task<string?> StateAsync(string database, Guid deadline)
    {
        await using var connection = new MySqlConnection(database);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT State FROM pf_deadlines WHERE Id = @id", connection);
        command.Parameters.AddWithValue("@id", deadline.ToString());
        return (string?)await command.ExecuteScalarAsync();
    }

    /// <summary>The payloads of one event type in the Portfolios outbox that name this key, oldest first.</summary>
    private static async Task<List<JsonElement>> EventsAsync(string database, string type, Guid key)
    {
        await using var connection = new MySqlConnection(database);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT Payload FROM pf_outbox WHERE Type = @type ORDER BY OccurredAt, Id", connection);
        command.Parameters.AddWithValue("@type", type);
        var payloads = new List<JsonElement>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var payload = JsonDocument.Parse(reader.GetString(0)).RootElement;
            if (payload.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == key.ToString()))
            {
                payloads.Add(payload);
            }
        }

        return payloads;
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static Guid Key(string globalId) => GlobalId.TryDecode(globalId, out _, out var key) ? key : throw new ArgumentException(globalId);
}
