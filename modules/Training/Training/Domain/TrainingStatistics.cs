using IpShield.SharedKernel.Statistics;

namespace IpShield.Training.Domain;

/// <summary>
/// What workstations are evaluated on: sessions held by kind, attendance counted by check-in, reach, satisfaction. Session
/// counts are the public programme and always exact; every figure drawn from enterprises' registrations follows
/// <see cref="Privacy"/>: a dashboard gets null where fewer enterprises than its threshold make a figure up.
/// </summary>
internal sealed record TrainingStatistics(
    IReadOnlyList<KindCount> SessionsHeldByKind,
    int SessionsHeld,
    int? Attendees,
    int? AttendedRegistrations,
    int? UniqueEnterprises,
    int? NoShows,
    double? NoShowRate,
    double? AverageSatisfaction,
    int? FeedbackCount,
    StatisticsPrivacy Privacy)
{
    private static readonly StatisticsPrivacy ExactFigures = new(StatisticsPrivacy.DefaultMinimumGroupSize, Exact: true);

    /// <summary>
    /// The figures of an organiser's tally: rates and means rounded, and for <paramref name="privacy"/> (exact when not
    /// given) every figure drawn from registrations withheld when fewer enterprises than its threshold make it up.
    /// </summary>
    public static TrainingStatistics From(TrainingTally tally, StatisticsPrivacy? privacy = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        privacy ??= ExactFigures;
        return new TrainingStatistics(
            [.. tally.SessionsHeldByKind.Where(k => k.Count > 0).OrderBy(k => k.Kind)],
            tally.SessionsHeldByKind.Sum(k => k.Count),
            Shown(privacy, tally.Attendees, tally.AttendedEnterprises),
            Shown(privacy, tally.Attended, tally.AttendedEnterprises),
            privacy.Count(tally.AttendedEnterprises),
            Shown(privacy, tally.NoShows, tally.ClosedEnterprises),
            tally.Closed == 0 ? null : privacy.Sum(Math.Round((double)tally.NoShows / tally.Closed, 4), tally.ClosedEnterprises),
            tally.Scores == 0 ? null : privacy.Sum(Math.Round((double)tally.ScoreSum / tally.Scores, 2), tally.ScoringEnterprises),
            Shown(privacy, tally.Scores, tally.ScoringEnterprises),
            privacy);
    }

    /// <summary>A count over registrations: zero says nothing about anyone; otherwise it needs enough enterprises behind it.</summary>
    private static int? Shown(StatisticsPrivacy privacy, int count, int enterprises) => enterprises == 0 ? count : privacy.Sum(count, enterprises);
}

internal sealed record KindCount(SessionKind Kind, int Count);

/// <summary>
/// What the database counts for one organiser (a workstation, a park or the city) over a range, before privacy:
/// <list type="bullet">
/// <item>sessions held (attendance closed, not cancelled) by kind;</item>
/// <item>attended registrations, the people they named (at least one each) and their distinct enterprises;</item>
/// <item>closed registrations (attended or no-show, in held sessions: a session still running does not lower the
/// no-show rate), their no-shows and distinct enterprises;</item>
/// <item>scores of attended registrations (one per named attendee, and the older one per registration where one was
/// given that way; each counts once), their sum and the distinct enterprises that gave them.</item>
/// </list>
/// Distinct enterprises do not add up, which is why the database counts them, not the host.
/// </summary>
internal sealed record TrainingTally(
    IReadOnlyList<KindCount> SessionsHeldByKind,
    int Attended,
    int Attendees,
    int AttendedEnterprises,
    int Closed,
    int NoShows,
    int ClosedEnterprises,
    int Scores,
    long ScoreSum,
    int ScoringEnterprises)
{
    public static readonly TrainingTally None = new([], 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>
/// The days statistics cover, in the park's calendar, both ends included; an open end reaches back to the first session or
/// forward to the last. A session counts in the range its start falls in.
/// </summary>
internal readonly record struct TrainingPeriod(DateOnly? From, DateOnly? To)
{
    public static readonly TrainingPeriod Always = new(null, null);

    /// <summary>The first instant of <see cref="From"/> and the first instant after <see cref="To"/>, in UTC.</summary>
    public (DateTime? StartsFrom, DateTime? StartsBefore) Instants(TimeZoneInfo zone) =>
        (From is { } from ? Midnight(from, zone) : null, To is { } to ? Midnight(to.AddDays(1), zone) : null);

    private static DateTime Midnight(DateOnly day, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), zone);
}
