using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Training;

namespace IpShield.Integration.Tests.Identity;

/// <summary>
/// The Training module's rows of the access matrix: sessions are a programme every person sees; registrations are the
/// organiser's, the enterprise's workstation's and the enterprise's own (a member sees only theirs); dashboards read only
/// the counts in park statistics.
/// </summary>
public sealed partial class AccessMatrixTests
{
    internal static readonly (string Caller, string Operation, Outcome Expected)[] TrainingRows =
    [
        ("admin", "trainingSessions", Outcome.Allowed), ("staffA", "trainingSessions", Outcome.Allowed), ("member", "trainingSessions", Outcome.Allowed),
        ("dashboardA", "trainingSessions", Outcome.Forbidden), ("importerA", "trainingSessions", Outcome.Forbidden), ("anonymous", "trainingSessions", Outcome.Unauthenticated),
        ("admin", "trainingNodeRegistrationA", Outcome.Allowed), ("staffA", "trainingNodeRegistrationA", Outcome.Allowed), ("member", "trainingNodeRegistrationA", Outcome.Null),
        ("member", "trainingNodeRegistrationB", Outcome.Allowed), ("staffA", "trainingNodeRegistrationB", Outcome.Allowed), ("dashboardA", "trainingNodeRegistrationB", Outcome.Forbidden),
        ("admin", "trainingSessionRegistrations", Outcome.Allowed), ("staffA", "trainingSessionRegistrations", Outcome.Allowed), ("member", "trainingSessionRegistrationsOfA", Outcome.Empty),
        ("member", "trainingSessionRegistrations", Outcome.Allowed), ("dashboardA", "trainingSessionRegistrations", Outcome.Forbidden), ("anonymous", "trainingSessionRegistrations", Outcome.Unauthenticated),
        ("admin", "trainingWorkstationSessionsA", Outcome.Allowed), ("staffA", "trainingWorkstationSessionsA", Outcome.Allowed), ("member", "trainingWorkstationSessionsA", Outcome.Allowed),
        ("dashboardA", "trainingWorkstationSessionsA", Outcome.Forbidden), ("importerA", "trainingWorkstationSessionsA", Outcome.Forbidden),
        ("admin", "trainingWorkstationStatisticsA", Outcome.Allowed), ("staffA", "trainingWorkstationStatisticsA", Outcome.Allowed), ("dashboardA", "trainingWorkstationStatisticsA", Outcome.Forbidden),
        ("anonymous", "trainingWorkstationStatisticsA", Outcome.Unauthenticated),
        ("admin", "trainingEnterpriseAttendanceB", Outcome.Allowed), ("member", "trainingEnterpriseAttendanceB", Outcome.Allowed), ("staffA", "trainingEnterpriseAttendanceA", Outcome.Allowed),
        ("dashboardA", "trainingEnterpriseAttendanceB", Outcome.Forbidden),
        ("admin", "trainingParkStatisticsA", Outcome.Allowed), ("dashboardA", "trainingParkStatisticsA", Outcome.Allowed), ("staffA", "trainingParkStatisticsA", Outcome.Forbidden),
        ("member", "trainingParkStatisticsA", Outcome.Forbidden), ("importerA", "trainingParkStatisticsA", Outcome.Forbidden),

        ("admin", "trainingScheduleA", Outcome.Allowed), ("staffA", "trainingScheduleA", Outcome.Allowed), ("member", "trainingScheduleA", Outcome.PayloadForbidden),
        ("staffA", "trainingScheduleB", Outcome.PayloadForbidden), ("dashboardA", "trainingScheduleA", Outcome.Forbidden), ("importerA", "trainingScheduleA", Outcome.Forbidden),
        ("anonymous", "trainingScheduleA", Outcome.Unauthenticated),
        ("member", "trainingCancelSession", Outcome.PayloadForbidden), ("dashboardA", "trainingCancelSession", Outcome.Forbidden), ("anonymous", "trainingCancelSession", Outcome.Unauthenticated),
        ("staffA", "trainingRegisterB", Outcome.PayloadNotFound), ("dashboardA", "trainingRegisterB", Outcome.Forbidden), ("importerA", "trainingRegisterB", Outcome.Forbidden),
        ("anonymous", "trainingRegisterB", Outcome.Unauthenticated),
        ("member", "trainingCancelRegistrationA", Outcome.PayloadNotFound), ("dashboardA", "trainingCancelRegistrationA", Outcome.Forbidden), ("anonymous", "trainingCancelRegistrationA", Outcome.Unauthenticated),
        ("staffA", "trainingCheckInB", Outcome.Allowed), ("member", "trainingCheckInB", Outcome.PayloadNotFound), ("dashboardA", "trainingCheckInB", Outcome.Forbidden),
        ("anonymous", "trainingCheckInB", Outcome.Unauthenticated),
        ("staffA", "trainingOfflineScans", Outcome.Allowed), ("member", "trainingOfflineScans", Outcome.PayloadNotFound), ("importerA", "trainingOfflineScans", Outcome.Forbidden),
        ("anonymous", "trainingOfflineScans", Outcome.Unauthenticated),
        ("member", "trainingJoinA", Outcome.PayloadNotFound), ("dashboardA", "trainingJoinA", Outcome.Forbidden), ("anonymous", "trainingJoinA", Outcome.Unauthenticated),
        ("staffA", "trainingFeedbackB", Outcome.PayloadForbidden), ("member", "trainingFeedbackA", Outcome.PayloadNotFound), ("dashboardA", "trainingFeedbackB", Outcome.Forbidden),
        ("anonymous", "trainingFeedbackB", Outcome.Unauthenticated),
        ("staffA", "trainingCloseAttendance", Outcome.Allowed), ("member", "trainingCloseAttendance", Outcome.PayloadNotFound), ("dashboardA", "trainingCloseAttendance", Outcome.Forbidden),
        ("anonymous", "trainingCloseAttendance", Outcome.Unauthenticated),
        ("admin", "trainingCreateFeedA", Outcome.Allowed), ("staffA", "trainingCreateFeedA", Outcome.Allowed), ("member", "trainingCreateFeedA", Outcome.PayloadNotFound),
        ("dashboardA", "trainingCreateFeedA", Outcome.Forbidden), ("anonymous", "trainingCreateFeedA", Outcome.Unauthenticated),
        ("staffA", "trainingRevokeFeed", Outcome.PayloadNotFound), ("importerA", "trainingRevokeFeed", Outcome.Forbidden), ("anonymous", "trainingRevokeFeed", Outcome.Unauthenticated),

        // Editing a session is its organiser's; feedback per attendee is the enterprise's member's; the figures over a date
        // range follow the same callers as without one, and what a dashboard reads states its privacy.
        ("admin", "trainingEditSession", Outcome.Allowed), ("staffA", "trainingEditSession", Outcome.Allowed), ("member", "trainingEditSession", Outcome.PayloadForbidden),
        ("dashboardA", "trainingEditSession", Outcome.Forbidden), ("importerA", "trainingEditSession", Outcome.Forbidden), ("anonymous", "trainingEditSession", Outcome.Unauthenticated),
        ("staffA", "trainingAttendeeFeedbackB", Outcome.PayloadForbidden), ("member", "trainingAttendeeFeedbackA", Outcome.PayloadNotFound),
        ("dashboardA", "trainingAttendeeFeedbackB", Outcome.Forbidden), ("importerA", "trainingAttendeeFeedbackB", Outcome.Forbidden), ("anonymous", "trainingAttendeeFeedbackB", Outcome.Unauthenticated),
        ("member", "trainingRegistrationFeedbackB", Outcome.Allowed), ("staffA", "trainingRegistrationFeedbackB", Outcome.Allowed), ("member", "trainingRegistrationFeedbackA", Outcome.Null),
        ("dashboardA", "trainingRegistrationFeedbackB", Outcome.Forbidden),
        ("admin", "trainingWorkstationStatisticsRangeA", Outcome.Allowed), ("staffA", "trainingWorkstationStatisticsRangeA", Outcome.Allowed),
        ("dashboardA", "trainingWorkstationStatisticsRangeA", Outcome.Forbidden), ("anonymous", "trainingWorkstationStatisticsRangeA", Outcome.Unauthenticated),
        ("admin", "trainingParkStatisticsRangeA", Outcome.Allowed), ("dashboardA", "trainingParkStatisticsRangeA", Outcome.Allowed), ("dashboardA", "trainingParkStatisticsRangeB", Outcome.Null),
        ("staffA", "trainingParkStatisticsRangeA", Outcome.Forbidden), ("member", "trainingParkStatisticsRangeA", Outcome.Forbidden), ("importerA", "trainingParkStatisticsRangeA", Outcome.Forbidden),
    ];

    private sealed partial class World
    {
        public TrainingWorld? Training { get; set; }

        private (string Query, object Variables, string Field) TrainingOperation(string name)
        {
            var t = Training!;
            const string Node = "query($id: ID!) { node(id: $id) { id ... on TrainingRegistration { status } } }";
            const string Registrations = "query($id: ID!) { node(id: $id) { ... on TrainingSession { registrations(first: 10) { nodes { status } } } } }";
            const string Stats = "query($id: ID!) { node(id: $id) { ... on Workstation { trainingStatistics { sessionsHeld attendees } } } }";
            static string Mutation(string field, string input, string result) => $"mutation($input: {input}!) {{ {field}(input: $input) {{ {result} errors {{ code }} }} }}";
            object Schedule(string workstation) => new
            {
                organiserId = workstation, kind = "IP_SALON", title = "矩阵沙龙", startsAt = "2031-03-01T06:00:00Z", endsAt = "2031-03-01T08:00:00Z", venue = "Matrix hall", capacity = 20,
            };
            return name switch
            {
                "trainingSessions" => ("{ trainingSessions(first: 50) { nodes { id } } }", new { }, "trainingSessions.nodes"),
                "trainingNodeRegistrationA" => (Node, new { id = t.RegistrationA }, "node"),
                "trainingNodeRegistrationB" => (Node, new { id = t.RegistrationB }, "node"),
                "trainingSessionRegistrations" => (Registrations, new { id = t.Session }, "node.registrations.nodes"),
                "trainingSessionRegistrationsOfA" => ("query($id: ID!) { node(id: $id) { ... on TrainingSession { registrations(first: 10, where: { enterprise: { eq: \"" + EnterpriseA + "\" } }) { nodes { status } } } } }",
                    new { id = t.Session }, "node.registrations.nodes"),
                "trainingWorkstationSessionsA" => ("query($id: ID!) { node(id: $id) { ... on Workstation { trainingSessions(first: 10) { nodes { title } } } } }", new { id = WorkstationA }, "node.trainingSessions.nodes"),
                "trainingWorkstationStatisticsA" => (Stats, new { id = WorkstationA }, "node.trainingStatistics"),
                "trainingEnterpriseAttendanceA" => ("query($id: ID!) { node(id: $id) { ... on Enterprise { trainingAttendance(first: 10) { nodes { status } } } } }", new { id = EnterpriseA }, "node.trainingAttendance.nodes"),
                "trainingEnterpriseAttendanceB" => ("query($id: ID!) { node(id: $id) { ... on Enterprise { trainingAttendance(first: 10) { nodes { status } } } } }", new { id = EnterpriseB }, "node.trainingAttendance.nodes"),
                "trainingParkStatisticsA" => ("query($id: ID!) { parkStatistics(parkId: $id) { training { sessionsHeld uniqueEnterprises } } }", new { id = ParkA }, "parkStatistics.training"),
                "trainingScheduleA" => (Mutation("scheduleTrainingSession", "ScheduleTrainingSessionInput", "session { id }"), new { input = Schedule(WorkstationA) }, "scheduleTrainingSession"),
                "trainingScheduleB" => (Mutation("scheduleTrainingSession", "ScheduleTrainingSessionInput", "session { id }"), new { input = Schedule(WorkstationB) }, "scheduleTrainingSession"),
                "trainingCancelSession" => (Mutation("cancelTrainingSession", "CancelTrainingSessionInput", "session { id }"), new { input = new { id = t.Session } }, "cancelTrainingSession"),
                "trainingRegisterB" => (Mutation("registerForTraining", "RegisterForTrainingInput", "registration { id }"),
                    new { input = new { sessionId = t.Session, enterpriseId = EnterpriseB, attendees = new[] { "矩阵" } } }, "registerForTraining"),
                "trainingCancelRegistrationA" => (Mutation("cancelTrainingRegistration", "CancelTrainingRegistrationInput", "registration { id }"), new { input = new { id = t.RegistrationA } }, "cancelTrainingRegistration"),
                "trainingCheckInB" => (Mutation("checkInAttendee", "CheckInAttendeeInput", "checkIn { outcome }"), new { input = new { sessionId = t.Session, code = t.CodeB } }, "checkInAttendee"),
                "trainingOfflineScans" => (Mutation("uploadOfflineScans", "UploadOfflineScansInput", "report { refused }"),
                    new { input = new { sessionId = t.Session, scans = new[] { new { code = "TRN1.forged", scannedAt = "2025-01-01T00:00:00Z" } } } }, "uploadOfflineScans"),
                "trainingJoinA" => (Mutation("recordTrainingJoin", "RecordTrainingJoinInput", "checkIn { outcome }"), new { input = new { registrationId = t.RegistrationA, joinedAt = "2025-01-01T00:00:00Z" } }, "recordTrainingJoin"),
                "trainingFeedbackA" => (Mutation("giveTrainingFeedback", "GiveTrainingFeedbackInput", "registration { id }"), new { input = new { registrationId = t.RegistrationA, satisfaction = 4 } }, "giveTrainingFeedback"),
                "trainingFeedbackB" => (Mutation("giveTrainingFeedback", "GiveTrainingFeedbackInput", "registration { id }"), new { input = new { registrationId = t.RegistrationB, satisfaction = 4 } }, "giveTrainingFeedback"),
                "trainingCloseAttendance" => (Mutation("closeTrainingAttendance", "CloseTrainingAttendanceInput", "session { id }"), new { input = new { sessionId = t.Session } }, "closeTrainingAttendance"),
                "trainingCreateFeedA" => (Mutation("createTrainingCalendarFeed", "CreateTrainingCalendarFeedInput", "feed { path }"), new { input = new { workstationId = WorkstationA } }, "createTrainingCalendarFeed"),
                "trainingRevokeFeed" => (Mutation("revokeTrainingCalendarFeed", "RevokeTrainingCalendarFeedInput", "feed { path }"),
                    new { input = new { id = IpShield.SharedKernel.GraphQL.Relay.GlobalId.Encode("TrainingCalendarFeed", Guid.CreateVersion7()) } }, "revokeTrainingCalendarFeed"),
                "trainingEditSession" => (Mutation("editTrainingSession", "EditTrainingSessionInput", "session { id }"), new { input = new { id = t.Session, title = "矩阵培训（已修改）" } }, "editTrainingSession"),
                "trainingAttendeeFeedbackA" => (Mutation("giveAttendeeFeedback", "GiveAttendeeFeedbackInput", "registration { id }"),
                    new { input = new { registrationId = t.RegistrationA, attendee = "甲", satisfaction = 4 } }, "giveAttendeeFeedback"),
                "trainingAttendeeFeedbackB" => (Mutation("giveAttendeeFeedback", "GiveAttendeeFeedbackInput", "registration { id }"),
                    new { input = new { registrationId = t.RegistrationB, attendee = "乙", satisfaction = 4 } }, "giveAttendeeFeedback"),
                "trainingRegistrationFeedbackA" => ("query($id: ID!) { node(id: $id) { ... on TrainingRegistration { feedback { attendee satisfaction } } } }", new { id = t.RegistrationA }, "node"),
                "trainingRegistrationFeedbackB" => ("query($id: ID!) { node(id: $id) { ... on TrainingRegistration { feedback { attendee satisfaction } } } }", new { id = t.RegistrationB }, "node"),
                "trainingWorkstationStatisticsRangeA" => ("query($id: ID!) { node(id: $id) { ... on Workstation { trainingStatistics(from: \"2025-01-01\", to: \"2031-12-31\") { sessionsHeld attendees privacy { exact } } } } }",
                    new { id = WorkstationA }, "node.trainingStatistics"),
                "trainingParkStatisticsRangeA" => ("query($id: ID!) { parkStatistics(parkId: $id) { training(from: \"2025-01-01\", to: \"2031-12-31\") { sessionsHeld uniqueEnterprises privacy { exact minimumGroupSize } } } }",
                    new { id = ParkA }, "parkStatistics.training"),
                "trainingParkStatisticsRangeB" => ("query($id: ID!) { parkStatistics(parkId: $id) { training(from: \"2025-01-01\") { sessionsHeld } } }", new { id = ParkB }, "parkStatistics"),
                _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown training operation"),
            };
        }
    }
}

/// <summary>A session of workstation A soon, with enterprise A registered by the centre and enterprise B by its member.</summary>
internal sealed record TrainingWorld(string Session, string RegistrationA, string RegistrationB, string CodeB)
{
    public static async Task<TrainingWorld> CreateAsync(PlatformHost host, string workstationA, string enterpriseA, GraphQLClient memberOfB)
    {
        var admin = host.CreateClient();
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var session = (await TrainingScenario.MutateAsync(admin, "scheduleTrainingSession", "ScheduleTrainingSessionInput", "session { id }", new
        {
            organiserId = workstationA, kind = "TRAINING", title = "矩阵培训", startsAt = TrainingScenario.Iso(now.AddMinutes(30)), endsAt = TrainingScenario.Iso(now.AddHours(3)),
            venue = "Matrix room", capacity = 10, registrationOpensAt = TrainingScenario.Iso(now.AddHours(-1)),
        })).Str("session.id");
        var registrationA = (await TrainingScenario.MutateAsync(admin, "registerForTraining", "RegisterForTrainingInput", "registration { id }",
            new { sessionId = session, enterpriseId = enterpriseA, attendees = new[] { "甲" } })).Str("registration.id");
        var registrationB = (await TrainingScenario.MutateAsync(memberOfB, "registerForTraining", "RegisterForTrainingInput", "registration { id checkInCode }",
            new { sessionId = session, attendees = new[] { "乙" } })).At("registration");
        return new TrainingWorld(session, registrationA, registrationB.Str("id"), registrationB.Str("checkInCode"));
    }
}

internal static class TrainingMatrixRows
{
    public static TheoryData<string, string, AccessMatrixTests.Outcome> WithTrainingRows(this TheoryData<string, string, AccessMatrixTests.Outcome> rows)
    {
        foreach (var (caller, operation, expected) in AccessMatrixTests.TrainingRows)
        {
            rows.Add(caller, operation, expected);
        }

        return rows;
    }
}
