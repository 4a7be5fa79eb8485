using IpShield.SharedKernel.Persistence;
using IpShield.SharedKernel.Statistics;
using IpShield.Training.Domain;
using IpShield.Training.Features.Statistics;
using IpShield.Training.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Training.Tests;

/// <summary>
/// The training figures as the database counts them (the section's own statements, on a SQLite file, two of them side by
/// side on spare connections as on a host): which registrations count, how scores are counted, the no-show rate over
/// held sessions only, distinct enterprises per organiser and for the city, the range, and what a dashboard is not shown.
/// </summary>
public sealed class StatisticsTests : IAsyncLifetime
{
    private static readonly StatisticsPrivacy Exact = new(3, Exact: true);
    private static readonly StatisticsPrivacy Dashboard = new(3, Exact: false);
    private static readonly DateTime LastMonth = DateTime.UtcNow.AddDays(-30);

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ipshield-training-statistics-{Guid.NewGuid():N}.db");
    private ServiceProvider _services = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Statistics:SpareReads"] = "2" })
            .Build());
        var database = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_file}" };
        services.AddScoped(_ => new TrainingDbContext((DbContextOptions<TrainingDbContext>)ModuleDatabaseRegistration
            .Configure(new DbContextOptionsBuilder<TrainingDbContext>(), database, "trn_migrations", typeof(TrainingDbContext).Assembly.GetName().Name!)
            .Options));
        services.AddSingleton<StatisticsReads>();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().Database.EnsureCreatedAsync(Cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public async Task Attendance_counts_check_ins_people_and_enterprises_and_the_no_show_rate_only_closed_sessions()
    {
        var workstation = Guid.NewGuid();
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var salon = Session(workstation, null, SessionKind.IpSalon, SessionStatus.Held);
        var webinar = Session(workstation, null, SessionKind.OnlineWebinar, SessionStatus.Held);
        var running = Session(workstation, null, SessionKind.Training, SessionStatus.Scheduled);
        var cancelled = Session(workstation, null, SessionKind.Training, SessionStatus.Cancelled);
        await SaveAsync(
            [salon, webinar, running, cancelled],
            [
                Registration(salon, a, RegistrationStatus.Attended, 3, satisfaction: 5),
                Registration(salon, b, RegistrationStatus.NoShow, 1),
                Registration(webinar, a, RegistrationStatus.Attended, 1, satisfaction: 4),
                Registration(webinar, c, RegistrationStatus.Attended, 2),
                Registration(running, b, RegistrationStatus.Attended, 1),
                Registration(running, c, RegistrationStatus.Registered, 1),
                Registration(cancelled, a, RegistrationStatus.Cancelled, 1),
            ]);

        var statistics = await OfWorkstationAsync(workstation, Exact);

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
    public async Task Before_any_session_is_held_there_is_no_rate_and_no_average()
    {
        var workstation = Guid.NewGuid();
        var scheduled = Session(workstation, null, SessionKind.Training, SessionStatus.Scheduled);
        await SaveAsync([scheduled], [Registration(scheduled, Guid.NewGuid(), RegistrationStatus.Registered, 1)]);

        var statistics = await OfWorkstationAsync(workstation, Exact);
        var nothing = await OfWorkstationAsync(Guid.NewGuid(), Exact);

        Assert.Null(statistics.NoShowRate);
        Assert.Null(statistics.AverageSatisfaction);
        Assert.Empty(statistics.SessionsHeldByKind);
        Assert.Equal(0, statistics.SessionsHeld);
        Assert.Equal(0, nothing.Attendees);
        Assert.Null(nothing.NoShowRate);
    }

    [Fact]
    public async Task Satisfaction_averages_one_score_per_named_attendee_beside_the_older_scores_per_registration()
    {
        var workstation = Guid.NewGuid();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var (session, next) = (Session(workstation, null, SessionKind.Training, SessionStatus.Held), Session(workstation, null, SessionKind.Training, SessionStatus.Held));
        var named = Registration(session, a, RegistrationStatus.Attended, 3);
        var absent = Registration(next, b, RegistrationStatus.NoShow, 1);
        await SaveAsync(
            [session, next],
            [named, Registration(session, b, RegistrationStatus.Attended, 1, satisfaction: 2), absent],
            [Feedback(named, 5, 1), Feedback(named, 4, 2), Feedback(named, 3, 3), Feedback(absent, 1)]); // no score counts without attending

        var statistics = await OfWorkstationAsync(workstation, Exact);

        Assert.Equal(4, statistics.FeedbackCount);
        Assert.Equal(3.5, statistics.AverageSatisfaction);
    }

    [Fact]
    public async Task A_dashboard_gets_no_figure_made_up_by_fewer_enterprises_than_the_threshold_and_session_counts_always()
    {
        var (workstation, quiet) = (Guid.NewGuid(), Guid.NewGuid());
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var held = Session(workstation, null, SessionKind.IpSalon, SessionStatus.Held);
        var attended = Registration(held, a, RegistrationStatus.Attended, 2);
        await SaveAsync(
            [held, Session(quiet, null, SessionKind.IpSalon, SessionStatus.Held)],
            [attended, Registration(held, b, RegistrationStatus.Attended, 1), Registration(held, c, RegistrationStatus.NoShow, 1)],
            [Feedback(attended, 5)]);

        var few = await OfWorkstationAsync(workstation, Dashboard);
        var exact = await OfWorkstationAsync(workstation, Exact);
        var none = await OfWorkstationAsync(quiet, Dashboard);

        Assert.Equal(1, few.SessionsHeld);
        Assert.Equal([new KindCount(SessionKind.IpSalon, 1)], few.SessionsHeldByKind);
        Assert.Null(few.UniqueEnterprises);
        Assert.Null(few.Attendees);
        Assert.Null(few.AttendedRegistrations);
        Assert.Null(few.AverageSatisfaction);
        Assert.Null(few.FeedbackCount);
        Assert.Equal(1, few.NoShows); // three enterprises make the closed registrations up
        Assert.Equal(Math.Round(1 / 3.0, 4), few.NoShowRate);
        Assert.Same(Dashboard, few.Privacy);
        Assert.Equal(2, exact.UniqueEnterprises);
        Assert.Equal(3, exact.Attendees);
        Assert.Equal(5.0, exact.AverageSatisfaction);
        Assert.Equal(0, none.UniqueEnterprises);
        Assert.Equal(0, none.Attendees);
    }

    [Fact]
    public async Task Parks_count_their_own_sessions_in_the_range_and_the_city_counts_an_enterprise_of_two_parks_once()
    {
        var (north, south) = (Guid.NewGuid(), Guid.NewGuid());
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var inNorth = Session(Guid.NewGuid(), north, SessionKind.Training, SessionStatus.Held);
        var inSouth = Session(Guid.NewGuid(), south, SessionKind.IpSalon, SessionStatus.Held);
        var lastYear = Session(Guid.NewGuid(), north, SessionKind.Training, SessionStatus.Held, LastMonth.AddYears(-1));
        await SaveAsync(
            [inNorth, inSouth, lastYear],
            [
                Registration(inNorth, a, RegistrationStatus.Attended, 2),
                Registration(inSouth, a, RegistrationStatus.Attended, 1),
                Registration(inSouth, b, RegistrationStatus.Attended, 1),
                Registration(lastYear, b, RegistrationStatus.Attended, 5),
            ]);
        var sinceTwoMonths = new TrainingPeriod(DateOnly.FromDateTime(LastMonth.AddDays(-30)), null);

        await using var scope = _services.CreateAsyncScope();
        var keys = new[] { north, south, StatisticsScope.WholeCity }.Select(p => new StatisticsKey(p, sinceTwoMonths, Exact))
            .Append(new StatisticsKey(north, TrainingPeriod.Always, Exact))
            .ToList();
        var answers = await StatisticsLoader.ByAsync(
            scope.ServiceProvider.GetRequiredService<TrainingDbContext>(), _services.GetRequiredService<StatisticsReads>(), keys, byPark: true, Cancellation);

        Assert.Equal((1, 2, 1), Figures(answers[keys[0]]));
        Assert.Equal((1, 2, 2), Figures(answers[keys[1]]));
        Assert.Equal((2, 4, 2), Figures(answers[keys[2]])); // enterprise a attended in both parks: one enterprise of the city
        Assert.Equal((2, 7, 2), Figures(answers[keys[3]])); // north since always: last year's session too

        static (int Held, int? Attendees, int? Enterprises) Figures(TrainingStatistics statistics) =>
            (statistics.SessionsHeld, statistics.Attendees, statistics.UniqueEnterprises);
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

    private static TrainingSession Session(Guid workstation, Guid? park, SessionKind kind, SessionStatus status, DateTime? startsAt = null) => new()
    {
        WorkstationId = workstation,
        ParkId = park,
        Kind = kind,
        Status = status,
        Title = $"{kind} {status}",
        StartsAt = startsAt ?? LastMonth,
        EndsAt = (startsAt ?? LastMonth).AddHours(2),
        Capacity = 50,
    };

    private static Registration Registration(TrainingSession session, Guid enterprise, RegistrationStatus status, int attendees, int? satisfaction = null) => new()
    {
        SessionId = session.Id,
        SessionWorkstationId = session.WorkstationId,
        EnterpriseId = enterprise,
        Status = status,
        Attendees = [.. Enumerable.Range(1, attendees).Select(i => $"attendee {i}")],
        Satisfaction = satisfaction,
    };

    private static AttendeeFeedback Feedback(Registration registration, int satisfaction, int attendee = 1) => new()
    {
        RegistrationId = registration.Id,
        SessionId = registration.SessionId,
        Attendee = $"attendee {attendee}",
        Satisfaction = satisfaction,
    };

    private async Task SaveAsync(IEnumerable<TrainingSession> sessions, IEnumerable<Registration> registrations, IEnumerable<AttendeeFeedback>? feedback = null)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        db.Sessions.AddRange(sessions);
        db.Registrations.AddRange(registrations);
        db.AttendeeFeedback.AddRange(feedback ?? []);
        await db.SaveChangesAsync(Cancellation);
    }

    private async Task<TrainingStatistics> OfWorkstationAsync(Guid workstation, StatisticsPrivacy privacy)
    {
        await using var scope = _services.CreateAsyncScope();
        var key = new StatisticsKey(workstation, TrainingPeriod.Always, privacy);
        var answers = await StatisticsLoader.ByAsync(
            scope.ServiceProvider.GetRequiredService<TrainingDbContext>(), _services.GetRequiredService<StatisticsReads>(), [key], byPark: false, Cancellation);
        return answers[key];
    }
}
