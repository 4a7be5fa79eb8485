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

    public static TrainingStatistics Of(
        IEnumerable<(Guid Id, SessionKind Kind, SessionStatus Status)> sessions, IEnumerable<RegistrationFacts> registrations, StatisticsPrivacy? privacy = null)
    {
        privacy ??= ExactFigures;
        var held = sessions.Where(s => s.Status == SessionStatus.Held).ToList();
        var heldIds = held.Select(s => s.Id).ToHashSet();
        var all = registrations.ToList();
        var attended = all.Where(r => r.Status == RegistrationStatus.Attended).ToList();
        var attendedEnterprises = attended.Select(r => r.EnterpriseId).Distinct().Count();

        // The no-show rate is over sessions whose attendance is closed, so a session still running does not lower it.
        var closed = all.Where(r => heldIds.Contains(r.SessionId) && r.Status is RegistrationStatus.Attended or RegistrationStatus.NoShow).ToList();
        var closedEnterprises = closed.Select(r => r.EnterpriseId).Distinct().Count();
        var noShows = closed.Count(r => r.Status == RegistrationStatus.NoShow);

        // A score per named attendee, and the older score per registration where one was given that way; each counts once.
        var scored = attended.Select(r => (r.EnterpriseId, Scores: r.Scores().ToList())).Where(r => r.Scores.Count > 0).ToList();
        var scores = scored.SelectMany(r => r.Scores).ToList();
        var scoringEnterprises = scored.Select(r => r.EnterpriseId).Distinct().Count();

        return new TrainingStatistics(
            [.. held.GroupBy(s => s.Kind).OrderBy(g => g.Key).Select(g => new KindCount(g.Key, g.Count()))],
            held.Count,
            Shown(privacy, attended.Sum(r => Math.Max(1, r.AttendeeCount)), attendedEnterprises),
            Shown(privacy, attended.Count, attendedEnterprises),
            privacy.Count(attendedEnterprises),
            Shown(privacy, noShows, closedEnterprises),
            closed.Count == 0 ? null : privacy.Sum(Math.Round((double)noShows / closed.Count, 4), closedEnterprises),
            scores.Count == 0 ? null : privacy.Sum(Math.Round(scores.Average(), 2), scoringEnterprises),
            Shown(privacy, scores.Count, scoringEnterprises),
            privacy);
    }

    /// <summary>A count over registrations: zero says nothing about anyone; otherwise it needs enough enterprises behind it.</summary>
    private static int? Shown(StatisticsPrivacy privacy, int count, int enterprises) => enterprises == 0 ? count : privacy.Sum(count, enterprises);
}

internal sealed record KindCount(SessionKind Kind, int Count);

/// <summary>The facts of one registration the statistics need.</summary>
internal sealed record RegistrationFacts(
    Guid SessionId, Guid EnterpriseId, RegistrationStatus Status, int AttendeeCount, int? Satisfaction, IReadOnlyList<int>? AttendeeScores = null)
{
    public IEnumerable<int> Scores() => Satisfaction is { } whole ? [whole, .. AttendeeScores ?? []] : AttendeeScores ?? [];
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
