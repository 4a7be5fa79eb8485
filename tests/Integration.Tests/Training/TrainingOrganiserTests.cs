using System.Text.Json;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Training.Contracts;

namespace IpShield.Integration.Tests.Training;

/// <summary>What an organiser does after scheduling (edit, cancel), feedback per person, and the figures a dashboard may read, on each database.</summary>
public abstract class TrainingOrganiserTests(PlatformHost host)
{
    private const string Edit = "session { id title venue capacity seatsTaken status startsAt materials version } errors { code message field }";
    private static readonly Dictionary<PlatformHost, Task<TrainingScenario>> Scenarios = [];

    private Task<TrainingScenario> ScenarioAsync()
    {
        lock (Scenarios)
        {
            return Scenarios.TryGetValue(host, out var scenario) ? scenario : Scenarios[host] = TrainingScenario.CreateAsync(host);
        }
    }

    [Fact]
    public async Task Raising_capacity_seats_the_waitlist_in_order_and_capacity_below_the_seats_taken_is_refused()
    {
        var s = await ScenarioAsync();
        var session = await s.ScheduleSoonAsync(capacity: 1);
        var id = session.Str("id");
        await s.RegisterAsync(s.Members[0], id, null);
        var second = (await s.RegisterAsync(s.Members[1], id, null)).Str("registration.id");
        var third = (await s.RegisterAsync(s.Members[2], id, null)).Str("registration.id");

        var raised = await EditAsync(s.Staff, new { id, capacity = 2, title = "改期后的培训 · rescheduled", venue = "武昌工作站 3F", materials = new[] { "https://example.cn/v2.pdf" } });
        var lowered = await EditAsync(s.Staff, new { id, capacity = 1 });
        var stale = await EditAsync(s.Staff, new { id, version = 1, title = "stale" }); // the version it was scheduled with
        var backwards = await EditAsync(s.Staff, new { id, endsAt = TrainingScenario.Iso(s.Now.AddMinutes(10)) });
        var byMember = await EditAsync(s.Members[0], new { id, title = "成员改标题" });
        var promoted = await s.RegistrationAsync(s.Admin, second);
        var stillWaiting = await s.RegistrationAsync(s.Admin, third);
        var after = (await s.Admin.DataAsync("query($id: ID!) { node(id: $id) { ... on TrainingSession { title capacity seatsTaken status } } }", new { id })).At("node");

        Assert.Empty(TrainingScenario.Codes(raised));
        Assert.Equal(2, raised.At("session.capacity").GetInt32());
        Assert.Equal(2, raised.At("session.seatsTaken").GetInt32());
        Assert.Equal("FULL", raised.Str("session.status"));
        Assert.Equal("武昌工作站 3F", raised.Str("session.venue"));
        Assert.Equal(["https://example.cn/v2.pdf"], raised.At("session.materials").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("REGISTERED", promoted.Str("status"));
        Assert.Equal("WAITLISTED", stillWaiting.Str("status"));
        Assert.Equal(["CAPACITY_BELOW_SEATS_TAKEN"], TrainingScenario.Codes(lowered));
        Assert.Equal("capacity", lowered.At("errors.0.field").EnumerateArray().Last().GetString());
        Assert.Equal(["CONFLICT"], TrainingScenario.Codes(stale));
        Assert.Equal(["endsAt", "registrationClosesAt"], backwards.At("errors").EnumerateArray().Select(e => e.At("field").EnumerateArray().Last().GetString()));
        Assert.All(TrainingScenario.Codes(backwards), code => Assert.Equal("INVALID", code));
        Assert.Equal(["FORBIDDEN"], TrainingScenario.Codes(byMember));
        Assert.Equal("改期后的培训 · rescheduled", after.Str("title"));
        Assert.Equal(2, after.At("capacity").GetInt32());
        Assert.Equal(2, after.At("seatsTaken").GetInt32());
    }

    [Fact]
    public async Task Capacity_changed_while_enterprises_race_for_seats_never_seats_more_than_it_holds_nor_leaves_a_seat_free_beside_a_waitlist()
    {
        var s = await ScenarioAsync();
        for (var run = 0; run < 10; run++)
        {
            var raise = run % 2 == 0;
            var id = (await s.ScheduleSoonAsync(capacity: 2)).Str("id");
            await s.RegisterAsync(s.Members[0], id, null);
            var raced = await Task.WhenAll(
                s.RegisterAsync(s.Members[1], id, null),
                s.RegisterAsync(s.Members[2], id, null),
                EditAsync(s.Staff, new { id, capacity = raise ? 3 : 1 }));
            var after = (await s.Admin.DataAsync("query($id: ID!) { node(id: $id) { ... on TrainingSession { capacity seatsTaken registrations { nodes { status } } } } }", new { id })).At("node");
            var statuses = after.At("registrations.nodes").EnumerateArray().Select(r => r.Str("status")).ToList();
            var (capacity, seatsTaken) = (after.At("capacity").GetInt32(), after.At("seatsTaken").GetInt32());

            Assert.All(raced.Take(2), r => Assert.Empty(TrainingScenario.Codes(r)));
            Assert.Equal(statuses.Count(st => st == "REGISTERED"), seatsTaken);
            Assert.True(seatsTaken <= capacity, $"run {run}: {seatsTaken} seats taken of {capacity}");
            Assert.True(seatsTaken == capacity || !statuses.Contains("WAITLISTED"), $"run {run}: a free seat beside a waitlist ({string.Join(',', statuses)}, capacity {capacity})");
            if (raise)
            {
                Assert.Empty(TrainingScenario.Codes(raced[2]));
                Assert.Equal((3, 3), (capacity, seatsTaken));
            }
            else
            {
                // Lowered first: both wait. A registration first: the lower capacity is refused and the two share one seat.
                Assert.Equal(TrainingScenario.Codes(raced[2]).Count == 0 ? (1, 1) : (2, 2), (capacity, seatsTaken));
            }
        }
    }

    [Fact]
    public async Task A_cancelled_session_can_no_longer_be_edited_and_its_registrants_are_told_through_SessionCancelled()
    {
        var s = await ScenarioAsync();
        var id = (await s.ScheduleSoonAsync(capacity: 1)).Str("id");
        await s.RegisterAsync(s.Members[0], id, null);
        await s.RegisterAsync(s.Members[1], id, null); // waitlisted: told as well
        var gone = (await s.RegisterAsync(s.Members[2], id, null)).Str("registration.id");
        await TrainingScenario.MutateAsync(s.Members[2], "cancelTrainingRegistration", "CancelTrainingRegistrationInput", "registration { id }", new { id = gone });

        var cancelled = await TrainingScenario.MutateAsync(s.Staff, "cancelTrainingSession", "CancelTrainingSessionInput", "session { status }", new { id, reason = "场地维修 · venue closed" });
        var edit = await EditAsync(s.Staff, new { id, capacity = 5 });
        var told = await s.EventsAsync<SessionCancelled>("training.session-cancelled.v1", TrainingScenario.Key(id));

        Assert.Equal("CANCELLED", cancelled.Str("session.status"));
        Assert.Equal(["INVALID_STATE"], TrainingScenario.Codes(edit));
        var sessionCancelled = Assert.Single(told);
        Assert.Equal(TrainingScenario.Key(id), sessionCancelled.SessionId);
        Assert.Equal(TrainingScenario.Key(s.Workstation), sessionCancelled.WorkstationId);
        Assert.Equal("场地维修 · venue closed", sessionCancelled.Reason);
        Assert.Equal(new[] { s.Enterprises[0], s.Enterprises[1] }.Select(TrainingScenario.Key).Order(), sessionCancelled.RegistrantEnterpriseIds.Order());
    }

    [Fact]
    public async Task Each_named_attendee_gives_one_score_after_attending_and_the_older_per_registration_form_still_works()
    {
        var s = await ScenarioAsync();
        var id = (await s.ScheduleSoonAsync(capacity: 5)).Str("id");
        var attended = await s.RegisterAsync(s.Members[0], id, null, "张三", "Li Si");
        var notYet = (await s.RegisterAsync(s.Members[1], id, null, "王五")).Str("registration.id");
        var older = await s.RegisterAsync(s.Members[2], id, null, "赵六");
        var registration = attended.Str("registration.id");
        await s.ScanAsync(s.Staff, id, attended.Str("registration.checkInCode"));
        await s.ScanAsync(s.Staff, id, older.Str("registration.checkInCode"));

        var zhang = await FeedbackAsync(s.Members[0], registration, "张三", 5, "讲得清楚");
        var li = await FeedbackAsync(s.Members[0], registration, "Li Si", 3, null);
        var zhangAgain = await FeedbackAsync(s.Members[0], registration, "张三", 1, null);
        var stranger = await FeedbackAsync(s.Members[0], registration, "王五", 4, null);
        var beforeAttending = await FeedbackAsync(s.Members[1], notYet, "王五", 4, null);
        var byStaff = await FeedbackAsync(s.Staff, registration, "张三", 4, null);
        var whole = await TrainingScenario.MutateAsync(s.Members[2], "giveTrainingFeedback", "GiveTrainingFeedbackInput", "registration { satisfaction }",
            new { registrationId = older.Str("registration.id"), satisfaction = 4 });
        var read = (await s.Members[0].DataAsync("query($id: ID!) { node(id: $id) { ... on TrainingRegistration { feedback { attendee satisfaction comment givenAt } } } }",
            new { id = registration })).At("node.feedback");

        Assert.Empty(TrainingScenario.Codes(zhang));
        Assert.Empty(TrainingScenario.Codes(li));
        Assert.Equal(["DUPLICATE"], TrainingScenario.Codes(zhangAgain));
        Assert.Equal(["NOT_FOUND"], TrainingScenario.Codes(stranger));
        Assert.Equal("attendee", stranger.At("errors.0.field").EnumerateArray().Last().GetString());
        Assert.Equal(["INVALID_STATE"], TrainingScenario.Codes(beforeAttending));
        Assert.Equal(["FORBIDDEN"], TrainingScenario.Codes(byStaff));
        Assert.Empty(TrainingScenario.Codes(whole));
        Assert.Equal(4, whole.At("registration.satisfaction").GetInt32());
        Assert.Equal([("张三", 5, "讲得清楚"), ("Li Si", 3, null)], read.EnumerateArray().Select(f => (f.Str("attendee"), f.At("satisfaction").GetInt32(), f.At("comment").GetString())));
    }

    [Fact]
    public async Task A_parks_dashboard_gets_the_figures_of_a_date_range_with_those_of_fewer_than_three_enterprises_withheld_while_staff_see_them_exact()
    {
        var s = await TrainingScenario.CreateAsync(host); // a park of its own: its figures are this test's alone
        var sessionJson = await s.ScheduleAsync(s.Staff, 10, s.Now.AddMinutes(-30), s.Now.AddMinutes(90));
        var session = sessionJson.Str("id");
        var day = DateOnly.Parse(sessionJson.Str("startsAtLocal")[..10], System.Globalization.CultureInfo.InvariantCulture);
        var dashboard = host.CreateClient(await host.Identity.DashboardTokenAsync(TrainingScenario.Key(s.Park)));
        var first = await s.RegisterAsync(s.Members[0], session, null, "张三", "Li Si");
        await s.ScanAsync(s.Staff, session, first.Str("registration.checkInCode"));
        await FeedbackAsync(s.Members[0], first.Str("registration.id"), "张三", 4, null);

        var oneForDashboard = await ParkFiguresAsync(dashboard, s.Park, day, day);
        var oneForCentre = await ParkFiguresAsync(s.Admin, s.Park, day, day);
        var oneForStaff = (await s.Staff.DataAsync(
            "query($id: ID!, $from: DateOnly, $to: DateOnly) { node(id: $id) { ... on Workstation { trainingStatistics(from: $from, to: $to) { attendees uniqueEnterprises averageSatisfaction privacy { exact } } } } }",
            new { id = s.Workstation, from = day, to = day })).At("node.trainingStatistics");
        for (var i = 1; i < 3; i++)
        {
            var next = await s.RegisterAsync(s.Members[i], session, null, $"学员{i}");
            await s.ScanAsync(s.Staff, session, next.Str("registration.checkInCode"));
        }

        var threeForDashboard = await ParkFiguresAsync(dashboard, s.Park, day, day);
        var dayBefore = await ParkFiguresAsync(dashboard, s.Park, day.AddDays(-1), day.AddDays(-1));
        var backwards = await dashboard.PostAsync("query($id: ID!) { parkStatistics(parkId: $id) { training(from: \"2026-02-01\", to: \"2026-01-01\") { sessionsHeld } } }", new { id = s.Park });

        Assert.Equal(JsonValueKind.Null, oneForDashboard.At("uniqueEnterprises").ValueKind);
        Assert.Equal(JsonValueKind.Null, oneForDashboard.At("attendees").ValueKind);
        Assert.Equal(JsonValueKind.Null, oneForDashboard.At("averageSatisfaction").ValueKind);
        Assert.False(oneForDashboard.At("privacy.exact").GetBoolean());
        Assert.Equal(3, oneForDashboard.At("privacy.minimumGroupSize").GetInt32());
        Assert.Equal(1, oneForCentre.At("uniqueEnterprises").GetInt32());
        Assert.True(oneForCentre.At("privacy.exact").GetBoolean());
        Assert.Equal(2, oneForStaff.At("attendees").GetInt32());
        Assert.Equal(1, oneForStaff.At("uniqueEnterprises").GetInt32());
        Assert.Equal(4.0, oneForStaff.At("averageSatisfaction").GetDouble());
        Assert.True(oneForStaff.At("privacy.exact").GetBoolean());
        Assert.Equal(3, threeForDashboard.At("uniqueEnterprises").GetInt32());
        Assert.Equal(4, threeForDashboard.At("attendees").GetInt32());
        Assert.Equal(3, threeForDashboard.At("attendedRegistrations").GetInt32());
        Assert.Equal(JsonValueKind.Null, threeForDashboard.At("averageSatisfaction").ValueKind); // one enterprise's scores only
        Assert.Equal(0, dayBefore.At("uniqueEnterprises").GetInt32());
        Assert.Equal(0, dayBefore.At("attendees").GetInt32());
        Assert.Equal(["INVALID"], backwards.ErrorCodes);
    }

    private static async Task<JsonElement> ParkFiguresAsync(GraphQLClient client, string park, DateOnly from, DateOnly to) =>
        (await client.DataAsync(
            "query($id: ID!, $from: DateOnly, $to: DateOnly) { parkStatistics(parkId: $id) { training(from: $from, to: $to) { sessionsHeld attendees attendedRegistrations uniqueEnterprises averageSatisfaction feedbackCount privacy { exact minimumGroupSize } } } }",
            new { id = park, from, to })).At("parkStatistics.training");

    private static async Task<JsonElement> EditAsync(GraphQLClient client, object input) =>
        (await client.DataAsync($"mutation($input: EditTrainingSessionInput!) {{ editTrainingSession(input: $input) {{ {Edit} }} }}", new { input })).At("editTrainingSession");

    private static Task<JsonElement> FeedbackAsync(GraphQLClient client, string registration, string attendee, int satisfaction, string? comment) =>
        TrainingScenario.MutateAsync(client, "giveAttendeeFeedback", "GiveAttendeeFeedbackInput", "registration { id }",
            new { registrationId = registration, attendee, satisfaction, comment });
}

[Collection(MariaDbCollection.Name)]
public sealed class TrainingOrganiserOnMariaDbTests(MariaDbHost host) : TrainingOrganiserTests(host);

[Collection(SqliteCollection.Name)]
public sealed class TrainingOrganiserOnSqliteTests(SqliteHost host) : TrainingOrganiserTests(host);
