using IpShield.Training.Domain;

namespace IpShield.Training.Tests;

public sealed class StatisticsTests
{
    [Fact]
    public void Attendance_counts_check_ins_people_and_enterprises_and_the_no_show_rate_only_closed_sessions()
    {
        var (salon, webinar, running, cancelled) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var sessions = new[]
        {
            (salon, SessionKind.IpSalon, SessionStatus.Held),
            (webinar, SessionKind.OnlineWebinar, SessionStatus.Held),
            (running, SessionKind.Training, SessionStatus.Scheduled),
            (cancelled, SessionKind.Training, SessionStatus.Cancelled),
        };
        var registrations = new[]
        {
            new RegistrationFacts(salon, a, RegistrationStatus.Attended, 3, 5),
            new RegistrationFacts(salon, b, RegistrationStatus.NoShow, 1, null),
            new RegistrationFacts(webinar, a, RegistrationStatus.Attended, 1, 4),
            new RegistrationFacts(webinar, c, RegistrationStatus.Attended, 2, null),
            new RegistrationFacts(running, b, RegistrationStatus.Attended, 1, null),
            new RegistrationFacts(running, c, RegistrationStatus.Registered, 1, null),
        };

        var statistics = TrainingStatistics.Of(sessions, registrations);

        Assert.Equal(2, statistics.SessionsHeld);
        Assert.Equal([new KindCount(SessionKind.IpSalon, 1), new KindCount(SessionKind.OnlineWebinar, 1)], statistics.SessionsHeldByKind);
        Assert.Equal(3 + 1 + 2 + 1, statistics.Attendees);
        Assert.Equal(4, statistics.AttendedRegistrations);
        Assert.Equal(3, statistics.UniqueEnterprises);
        Assert.Equal(1, statistics.NoShows);
        Assert.Equal(0.25, statistics.NoShowRate);
        Assert.Equal(4.5, statistics.AverageSatisfaction);
        Assert.Equal(2, statistics.FeedbackCount);
    }

    [Fact]
    public void Before_any_session_is_held_there_is_no_rate_and_no_average()
    {
        var statistics = TrainingStatistics.Of([], []);
        Assert.Null(statistics.NoShowRate);
        Assert.Null(statistics.AverageSatisfaction);
        Assert.Empty(statistics.SessionsHeldByKind);
    }
}
