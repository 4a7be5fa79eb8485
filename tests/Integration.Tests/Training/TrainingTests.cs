using System.Text.Json;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Training.Contracts;

namespace IpShield.Integration.Tests.Training;

/// <summary>Sessions, seats, the waitlist, the door and the figures, as a workstation and its enterprises use them, on each database.</summary>
public abstract class TrainingTests(PlatformHost host)
{
    private static readonly Dictionary<PlatformHost, Task<TrainingScenario>> Scenarios = [];

    private Task<TrainingScenario> ScenarioAsync()
    {
        lock (Scenarios)
        {
            return Scenarios.TryGetValue(host, out var scenario) ? scenario : Scenarios[host] = TrainingScenario.CreateAsync(host);
        }
    }

    [Fact]
    public async Task Register_waitlist_promotion_check_in_twice_feedback_and_the_workstations_figures()
    {
        var s = await ScenarioAsync();
        var session = (await s.ScheduleSoonAsync(capacity: 1)).Str("id");

        var first = await s.RegisterAsync(s.Members[0], session, null, "张三", "李四");
        var second = await s.RegisterAsync(s.Members[1], session, null, "王五");
        var cancelled = await TrainingScenario.MutateAsync(s.Members[0], "cancelTrainingRegistration", "CancelTrainingRegistrationInput", "registration { id status }", new { id = first.Str("registration.id") });
        var promoted = await s.RegistrationAsync(s.Members[1], second.Str("registration.id"));
        var scanned = await s.ScanAsync(s.Staff, session, promoted.Str("checkInCode"));
        var again = await s.ScanAsync(s.Staff, session, promoted.Str("checkInCode"));
        var feedback = await TrainingScenario.MutateAsync(s.Members[1], "giveAttendeeFeedback", "GiveAttendeeFeedbackInput", "registration { feedback { attendee satisfaction comment } }",
            new { registrationId = promoted.Str("id"), attendee = "王五", satisfaction = 5, comment = "很实用 — very practical" });
        var feedbackAgain = await TrainingScenario.MutateAsync(s.Members[1], "giveAttendeeFeedback", "GiveAttendeeFeedbackInput", "registration { id }",
            new { registrationId = promoted.Str("id"), attendee = "王五", satisfaction = 1 });
        var figures = await s.Staff.DataAsync(
            "query($w: ID!, $s: ID!) { node(id: $w) { ... on Workstation { trainingStatistics { attendees attendedRegistrations uniqueEnterprises averageSatisfaction feedbackCount } } } session: node(id: $s) { ... on TrainingSession { seatsTaken status registrations { totalCount nodes { status } } } } }",
            new { w = s.Workstation, s = session });

        Assert.Equal("REGISTERED", first.Str("registration.status"));
        Assert.Equal("WAITLISTED", second.Str("registration.status"));
        Assert.Equal(JsonValueKind.Null, second.At("registration.checkInCode").ValueKind);
        Assert.Equal("CANCELLED", cancelled.Str("registration.status"));
        Assert.Equal("REGISTERED", promoted.Str("status"));
        Assert.Equal(1, promoted.At("session.seatsTaken").GetInt32());
        Assert.Equal("CHECKED_IN", scanned.Str("checkIn.outcome"));
        Assert.Equal("ATTENDED", scanned.Str("checkIn.registration.status"));
        Assert.Equal("DOOR_SCAN", scanned.Str("checkIn.registration.attendanceSource"));
        Assert.Equal("ALREADY_CHECKED_IN", again.Str("checkIn.outcome"));
        Assert.Equal("Already checked in.", again.Str("checkIn.message"));
        Assert.Equal(scanned.Str("checkIn.registration.attendedAt"), again.Str("checkIn.registration.attendedAt"));
        Assert.Equal(scanned.At("checkIn.registration.version").GetInt32(), again.At("checkIn.registration.version").GetInt32());
        Assert.Empty(TrainingScenario.Codes(feedback));
        Assert.Equal("王五", feedback.Str("registration.feedback.0.attendee"));
        Assert.Equal(5, feedback.At("registration.feedback.0.satisfaction").GetInt32());
        Assert.Equal(["DUPLICATE"], TrainingScenario.Codes(feedbackAgain));
        Assert.Equal(1, figures.At("session.seatsTaken").GetInt32());
        Assert.Equal("FULL", figures.Str("session.status"));
        Assert.Equal(2, figures.At("session.registrations.totalCount").GetInt32());
        var statistics = figures.At("node.trainingStatistics");
        Assert.True(statistics.At("attendedRegistrations").GetInt32() >= 1);
        Assert.True(statistics.At("uniqueEnterprises").GetInt32() >= 1);
        Assert.True(statistics.At("feedbackCount").GetInt32() >= 1);
    }

    [Fact]
    public async Task After_the_cut_off_a_member_cannot_cancel_their_registration_but_their_workstations_staff_can()
    {
        var s = await ScenarioAsync();
        var session = (await s.ScheduleAsync(s.Admin, 5, s.Now.AddMinutes(30), s.Now.AddMinutes(150), cancellationCutoffAt: s.Now.AddMinutes(-1))).Str("id");
        var registration = (await s.RegisterAsync(s.Members[0], session, null, "赵六")).Str("registration.id");

        var bySelf = await TrainingScenario.MutateAsync(s.Members[0], "cancelTrainingRegistration", "CancelTrainingRegistrationInput", "registration { id status }", new { id = registration });
        var afterRefusal = await s.RegistrationAsync(s.Members[0], registration);
        var byStaff = await TrainingScenario.MutateAsync(s.Staff, "cancelTrainingRegistration", "CancelTrainingRegistrationInput", "registration { id status }", new { id = registration });

        Assert.Equal(["CUTOFF_PASSED"], TrainingScenario.Codes(bySelf));
        Assert.Equal("REGISTERED", afterRefusal.Str("status"));
        Assert.Equal("CANCELLED", byStaff.Str("registration.status"));
    }

    [Fact]
    public async Task The_door_refuses_a_cancelled_registration_another_sessions_code_a_forged_code_and_a_scan_outside_the_window_each_with_its_reason()
    {
        var s = await ScenarioAsync();
        var session = (await s.ScheduleSoonAsync(capacity: 5)).Str("id");
        var other = (await s.ScheduleSoonAsync(capacity: 5)).Str("id");
        var later = (await s.ScheduleAsync(s.Admin, 5, s.Now.AddHours(5), s.Now.AddHours(7))).Str("id");
        var kept = await s.RegisterAsync(s.Members[0], session, null);
        var dropped = await s.RegisterAsync(s.Members[1], session, null);
        var elsewhere = await s.RegisterAsync(s.Members[2], other, null);
        var tooEarly = await s.RegisterAsync(s.Members[0], later, null);
        var droppedCode = dropped.Str("registration.checkInCode");
        await TrainingScenario.MutateAsync(s.Members[1], "cancelTrainingRegistration", "CancelTrainingRegistrationInput", "registration { id }", new { id = dropped.Str("registration.id") });
        var keptCode = kept.Str("registration.checkInCode");
        var forged = keptCode[..^4] + (keptCode.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var cancelledScan = await s.ScanAsync(s.Staff, session, droppedCode);
        var otherScan = await s.ScanAsync(s.Staff, session, elsewhere.Str("registration.checkInCode"));
        var forgedScan = await s.ScanAsync(s.Staff, session, forged);
        var earlyScan = await s.ScanAsync(s.Staff, later, tooEarly.Str("registration.checkInCode"));
        var memberScan = await s.ScanAsync(s.Members[0], session, keptCode);
        var untouched = await s.RegistrationAsync(s.Admin, kept.Str("registration.id"));

        Assert.Equal(["REGISTRATION_CANCELLED"], TrainingScenario.Codes(cancelledScan));
        Assert.Equal(["OTHER_SESSION"], TrainingScenario.Codes(otherScan));
        Assert.Equal(["FORGED_CODE"], TrainingScenario.Codes(forgedScan));
        Assert.Equal(["OUTSIDE_WINDOW"], TrainingScenario.Codes(earlyScan));
        Assert.Equal(["NOT_FOUND"], TrainingScenario.Codes(memberScan)); // a member does not run the door
        Assert.Equal(JsonValueKind.Null, cancelledScan.At("checkIn").ValueKind);
        Assert.Equal("REGISTERED", untouched.Str("status"));
    }

    [Fact]
    public async Task Offline_scans_uploaded_later_keep_their_scan_times_and_after_the_end_the_rest_become_no_shows()
    {
        var s = await ScenarioAsync();
        var startsAt = DateTime.SpecifyKind(s.Now.AddHours(-3).Date.Add(new TimeSpan(s.Now.AddHours(-3).Hour, s.Now.Minute, 0)), DateTimeKind.Utc);
        var session = (await s.ScheduleAsync(s.Staff, 10, startsAt, startsAt.AddHours(2), opensAt: startsAt.AddDays(-2))).Str("id");

        // Staff register on the enterprises' behalf once the settlements have reached the Training module.
        var registrations = new List<JsonElement>();
        foreach (var enterprise in s.Enterprises)
        {
            registrations.Add(await Eventually.MatchAsync(
                () => s.RegisterAsync(s.Staff, session, enterprise, "赵六"),
                r => TrainingScenario.Codes(r).Count == 0,
                "staff may register an enterprise settled in their workstation"));
        }

        var code = registrations[0].Str("registration.checkInCode");
        var upload = await TrainingScenario.MutateAsync(s.Staff, "uploadOfflineScans", "UploadOfflineScansInput",
            "report { session { id } checkedIn refused scans { index outcome refusalCode registration { id attendedAt attendanceSource } } }",
            new
            {
                sessionId = session,
                scans = new object[]
                {
                    new { code, scannedAt = TrainingScenario.Iso(startsAt.AddMinutes(10)) },
                    new { code, scannedAt = TrainingScenario.Iso(startsAt.AddMinutes(5)) },
                    new { code = registrations[1].Str("registration.checkInCode"), scannedAt = TrainingScenario.Iso(startsAt.AddHours(-2)) },
                    new { code = "TRN1.not.a.code", scannedAt = TrainingScenario.Iso(startsAt.AddMinutes(7)) },
                },
            });
        await TrainingScenario.MutateAsync(s.Staff, "closeTrainingAttendance", "CloseTrainingAttendanceInput", "session { id }", new { sessionId = session });
        var after = await s.Staff.DataAsync(
            "query($id: ID!) { node(id: $id) { ... on TrainingSession { status registrations(orderBy: { field: REGISTERED_AT, direction: ASC }) { nodes { id status attendedAt } } } } }", new { id = session });

        Assert.Empty(TrainingScenario.Codes(upload));
        Assert.Equal(session, upload.Str("report.session.id"));
        Assert.Equal(1, upload.At("report.checkedIn").GetInt32());
        Assert.Equal(2, upload.At("report.refused").GetInt32());
        Assert.Equal(["ALREADY_CHECKED_IN", "CHECKED_IN", null, null], upload.At("report.scans").EnumerateArray().Select(r => r.At("outcome").GetString()));
        Assert.Equal([null, null, "OUTSIDE_WINDOW", "FORGED_CODE"], upload.At("report.scans").EnumerateArray().Select(r => r.At("refusalCode").GetString()));
        Assert.Equal(startsAt.AddMinutes(5), upload.At("report.scans.1.registration.attendedAt").GetDateTime().ToUniversalTime());
        Assert.Equal("OFFLINE_SCAN", upload.Str("report.scans.1.registration.attendanceSource"));
        Assert.Equal("HELD", after.Str("node.status"));
        Assert.Equal(["ATTENDED", "NO_SHOW", "NO_SHOW"], after.At("node.registrations.nodes").EnumerateArray().Select(r => r.Str("status")));
        var attendance = Assert.Single(await s.EventsAsync<AttendanceRecorded>("training.attendance-recorded.v1", TrainingScenario.Key(registrations[0].Str("registration.id"))));
        Assert.Equal(("OfflineScan", startsAt.AddMinutes(5)), (attendance.Source, attendance.AttendedAt.UtcDateTime));
        Assert.Single(await s.EventsAsync<SessionHeld>("training.session-held.v1", TrainingScenario.Key(session))); // by this close, or by the sweep if it came first
    }

    [Fact]
    public async Task An_online_session_records_attendance_from_the_join_record_once_and_refuses_a_join_outside_its_window_or_at_a_door()
    {
        var s = await ScenarioAsync();
        var webinar = (await s.ScheduleAsync(s.Admin, 5, s.Now.AddMinutes(30), s.Now.AddMinutes(150), kind: "ONLINE_WEBINAR")).Str("id");
        var onSite = (await s.ScheduleSoonAsync(capacity: 5)).Str("id");
        var joining = (await s.RegisterAsync(s.Members[0], webinar, null)).Str("registration.id");
        var early = (await s.RegisterAsync(s.Members[1], webinar, null)).Str("registration.id");
        var atTheDoor = (await s.RegisterAsync(s.Members[2], onSite, null)).Str("registration.id");
        const string Join = "checkIn { outcome message registration { status attendedAt attendanceSource } }";
        var now = s.Now;
        var joinedAt = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc); // whole seconds: compared after a round trip

        var joined = await TrainingScenario.MutateAsync(s.Staff, "recordTrainingJoin", "RecordTrainingJoinInput", Join, new { registrationId = joining, joinedAt = TrainingScenario.Iso(joinedAt) });
        var again = await TrainingScenario.MutateAsync(s.Staff, "recordTrainingJoin", "RecordTrainingJoinInput", Join, new { registrationId = joining, joinedAt = TrainingScenario.Iso(joinedAt.AddMinutes(1)) });
        var tooEarly = await TrainingScenario.MutateAsync(s.Staff, "recordTrainingJoin", "RecordTrainingJoinInput", Join, new { registrationId = early, joinedAt = TrainingScenario.Iso(joinedAt.AddHours(-3)) });
        var onSiteJoin = await TrainingScenario.MutateAsync(s.Staff, "recordTrainingJoin", "RecordTrainingJoinInput", Join, new { registrationId = atTheDoor, joinedAt = TrainingScenario.Iso(joinedAt) });
        var earlyAfter = await s.RegistrationAsync(s.Admin, early);

        Assert.Empty(TrainingScenario.Codes(joined));
        Assert.Equal("CHECKED_IN", joined.Str("checkIn.outcome"));
        Assert.Equal("ATTENDED", joined.Str("checkIn.registration.status"));
        Assert.Equal("JOIN_RECORD", joined.Str("checkIn.registration.attendanceSource"));
        Assert.Equal(joinedAt, joined.At("checkIn.registration.attendedAt").GetDateTime().ToUniversalTime());
        Assert.Equal("ALREADY_CHECKED_IN", again.Str("checkIn.outcome"));
        Assert.Equal(joined.Str("checkIn.registration.attendedAt"), again.Str("checkIn.registration.attendedAt")); // the first join stands
        Assert.Equal(["OUTSIDE_WINDOW"], TrainingScenario.Codes(tooEarly));
        Assert.Equal(["INVALID_STATE"], TrainingScenario.Codes(onSiteJoin));
        Assert.Equal("REGISTERED", earlyAfter.Str("status"));
    }

    [Fact]
    public async Task Two_enterprises_racing_for_the_last_seat_one_gets_it_and_the_other_is_waitlisted_twenty_times_in_a_row()
    {
        var s = await ScenarioAsync();
        for (var run = 0; run < 20; run++)
        {
            var session = (await s.ScheduleSoonAsync(capacity: 1)).Str("id");
            var both = await Task.WhenAll(s.RegisterAsync(s.Members[0], session, null), s.RegisterAsync(s.Members[1], session, null));
            var seats = await s.Admin.DataAsync("query($id: ID!) { node(id: $id) { ... on TrainingSession { seatsTaken status } } }", new { id = session });

            Assert.All(both, r => Assert.Empty(TrainingScenario.Codes(r)));
            Assert.Equal(["REGISTERED", "WAITLISTED"], both.Select(r => r.Str("registration.status")).Order(StringComparer.Ordinal));
            Assert.Equal(1, seats.At("node.seatsTaken").GetInt32());
        }
    }

    [Fact]
    public async Task A_member_sees_only_their_own_enterprises_registrations()
    {
        var s = await ScenarioAsync();
        var session = (await s.ScheduleSoonAsync(capacity: 5)).Str("id");
        var mine = (await s.RegisterAsync(s.Members[0], session, null)).Str("registration.id");
        var theirs = (await s.RegisterAsync(s.Members[1], session, null)).Str("registration.id");

        var seen = await s.Members[0].DataAsync(
            "query($s: ID!, $theirs: ID!, $e: ID!) { session: node(id: $s) { ... on TrainingSession { registrations { nodes { id } } } } theirs: node(id: $theirs) { id } other: node(id: $e) { id } }",
            new { s = session, theirs, e = s.Enterprises[1] });
        var onBehalf = await s.RegisterAsync(s.Members[0], session, s.Enterprises[2]);

        Assert.Equal([mine], seen.At("session.registrations.nodes").EnumerateArray().Select(n => n.Str("id")));
        Assert.Equal(JsonValueKind.Null, seen.At("theirs").ValueKind);
        Assert.Equal(["NOT_FOUND"], TrainingScenario.Codes(onBehalf));
    }

    [Fact]
    public async Task A_cancelled_session_is_listed_as_cancelled_and_refuses_new_registrations()
    {
        var s = await ScenarioAsync();
        var session = (await s.ScheduleSoonAsync(capacity: 5)).Str("id");
        await s.RegisterAsync(s.Members[0], session, null);

        var cancelled = await TrainingScenario.MutateAsync(s.Staff, "cancelTrainingSession", "CancelTrainingSessionInput", "session { status cancellationReason }", new { id = session, reason = "讲师生病" });
        var late = await s.RegisterAsync(s.Members[1], session, null);
        var listed = await s.Staff.DataAsync(
            "query($w: ID!) { trainingSessions(first: 50, where: { organiser: { eq: $w }, status: { eq: CANCELLED }, topic: { eq: \"platform:NOON\" } }) { nodes { id } } }", new { w = s.Workstation });

        Assert.Equal("CANCELLED", cancelled.Str("session.status"));
        Assert.Equal("讲师生病", cancelled.Str("session.cancellationReason"));
        Assert.Equal(["INVALID_STATE"], TrainingScenario.Codes(late));
        Assert.Contains(session, listed.At("trainingSessions.nodes").EnumerateArray().Select(n => n.Str("id")));
    }

    [Fact]
    public async Task A_calendar_app_reads_the_workstations_programme_and_the_enterprises_registrations_until_the_feed_is_revoked()
    {
        var s = await ScenarioAsync();
        var sessionJson = await s.ScheduleSoonAsync(capacity: 5);
        var session = sessionJson.Str("id");
        var notRegistered = $"{TrainingScenario.Key((await s.ScheduleSoonAsync(capacity: 5)).Str("id")):N}@training.ipshield";
        await s.RegisterAsync(s.Members[2], session, null);
        var programme = await TrainingScenario.MutateAsync(s.Staff, "createTrainingCalendarFeed", "CreateTrainingCalendarFeedInput", "feed { id path owner }", new { workstationId = s.Workstation });
        var own = await TrainingScenario.MutateAsync(s.Members[2], "createTrainingCalendarFeed", "CreateTrainingCalendarFeedInput", "feed { id path owner }", new { enterpriseId = s.Enterprises[2] });
        var foreign = await TrainingScenario.MutateAsync(s.Members[2], "createTrainingCalendarFeed", "CreateTrainingCalendarFeedInput", "feed { id }", new { enterpriseId = s.Enterprises[0] });
        using var calendarApp = host.Factory.CreateClient(); // no token: a calendar app only has the address

        var workstationFeed = Ical.Net.Calendar.Load(await calendarApp.GetStringAsync(programme.Str("feed.path"), TestContext.Current.CancellationToken))!;
        var enterpriseFeed = Ical.Net.Calendar.Load(await calendarApp.GetStringAsync(own.Str("feed.path"), TestContext.Current.CancellationToken))!;
        await TrainingScenario.MutateAsync(s.Members[2], "revokeTrainingCalendarFeed", "RevokeTrainingCalendarFeedInput", "feed { revokedAt }", new { id = own.Str("feed.id") });
        using var revoked = await calendarApp.GetAsync(own.Str("feed.path"), TestContext.Current.CancellationToken);

        var uid = $"{TrainingScenario.Key(session):N}@training.ipshield";
        var listed = Assert.Single(workstationFeed.Events, e => e.Uid == uid);
        var startsAt = sessionJson.At("startsAt").GetDateTime().ToUniversalTime();
        Assert.Equal(startsAt.AddTicks(-(startsAt.Ticks % TimeSpan.TicksPerSecond)), listed.Start!.AsUtc); // iCalendar keeps whole seconds
        Assert.Equal("跨境电商知识产权合规培训 · IP compliance for noon sellers", listed.Summary);
        Assert.Contains(uid, enterpriseFeed.Events.Select(e => e.Uid));
        Assert.Contains(notRegistered, workstationFeed.Events.Select(e => e.Uid));
        Assert.DoesNotContain(notRegistered, enterpriseFeed.Events.Select(e => e.Uid));
        Assert.Equal("WORKSTATION", programme.Str("feed.owner"));
        Assert.Equal(["NOT_FOUND"], TrainingScenario.Codes(foreign));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, revoked.StatusCode);
    }

    [Fact]
    public async Task Input_a_user_can_fix_comes_back_as_typed_errors_field_by_field()
    {
        var s = await ScenarioAsync();
        var wrong = await TrainingScenario.MutateAsync(s.Staff, "scheduleTrainingSession", "ScheduleTrainingSessionInput", "session { id }", new
        {
            organiserId = s.Workstation, kind = "ONLINE_WEBINAR", title = " ", startsAt = TrainingScenario.Iso(s.Now.AddDays(2)), endsAt = TrainingScenario.Iso(s.Now.AddDays(1)), capacity = 0,
        });

        Assert.Equal(["title", "endsAt", "capacity", "registrationClosesAt", "onlineLink"], wrong.At("errors").EnumerateArray().Select(e => e.At("field").EnumerateArray().Last().GetString()));
    }
}

[Collection(MariaDbCollection.Name)]
public sealed class TrainingOnMariaDbTests(MariaDbHost host) : TrainingTests(host);

[Collection(SqliteCollection.Name)]
public sealed class TrainingOnSqliteTests(SqliteHost host) : TrainingTests(host);
