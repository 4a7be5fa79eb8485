using IpShield.SharedKernel.Statistics;
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

    [Fact]
    public void Satisfaction_averages_one_score_per_named_attendee_beside_the_older_scores_per_registration()
    {
        var (session, a, b) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var registrations = new[]
        {
            new RegistrationFacts(session, a, RegistrationStatus.Attended, 3, null, [5, 4, 3]),
            new RegistrationFacts(session, b, RegistrationStatus.Attended, 1, 2),
            new RegistrationFacts(session, b, RegistrationStatus.NoShow, 1, null, [1]), // no score counts without attending
        };

        var statistics = TrainingStatistics.Of([(session, SessionKind.Training, SessionStatus.Held)], registrations);

        Assert.Equal(4, statistics.FeedbackCount);
        Assert.Equal(3.5, statistics.AverageSatisfaction);
    }

    [Fact]
    public void A_dashboard_gets_no_figure_made_up_by_fewer_enterprises_than_the_threshold_and_session_counts_always()
    {
        var (held, a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var sessions = new[] { (held, SessionKind.IpSalon, SessionStatus.Held) };
        var twoAttended = new[]
        {
            new RegistrationFacts(held, a, RegistrationStatus.Attended, 2, null, [5]),
            new RegistrationFacts(held, b, RegistrationStatus.Attended, 1, null),
            new RegistrationFacts(held, c, RegistrationStatus.NoShow, 1, null),
        };
        var dashboard = new StatisticsPrivacy(3, Exact: false);

        var few = TrainingStatistics.Of(sessions, twoAttended, dashboard);
        var exact = TrainingStatistics.Of(sessions, twoAttended, new StatisticsPrivacy(3, Exact: true));
        var none = TrainingStatistics.Of(sessions, [], dashboard);

        Assert.Equal(1, few.SessionsHeld);
        Assert.Equal([new KindCount(SessionKind.IpSalon, 1)], few.SessionsHeldByKind);
        Assert.Null(few.UniqueEnterprises);
        Assert.Null(few.Attendees);
        Assert.Null(few.AttendedRegistrations);
        Assert.Null(few.AverageSatisfaction);
        Assert.Null(few.FeedbackCount);
        Assert.Equal(1, few.NoShows); // three enterprises make the closed registrations up
        Assert.Equal(Math.Round(1 / 3.0, 4), few.NoShowRate);
        Assert.Same(dashboard, few.Privacy);
        Assert.Equal(2, exact.UniqueEnterprises);
        Assert.Equal(3, exact.Attendees);
        Assert.Equal(0, none.UniqueEnterprises);
        Assert.Equal(0, none.Attendees);
    }

    [Fact]
    public void A_date_range_is_whole_days_in_the_parks_time_zone()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        var (from, before) = new TrainingPeriod(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)).Instants(shanghai);
        var (open, unbounded) = TrainingPeriod.Always.Instants(shanghai);

        Assert.Equal(new DateTime(2026, 2, 28, 16, 0, 0, DateTimeKind.Utc), from);
        Assert.Equal(new DateTime(2026, 3, 31, 16, 0, 0, DateTimeKind.Utc), before);
        Assert.Null(open);
        Assert.Null(unbounded);
    }
}
