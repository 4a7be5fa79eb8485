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
        var heldByKind = new SortedDictionary<SessionKind, int>();
        var heldIds = new HashSet<Guid>();
        var held = 0;
        foreach (var session in sessions.Where(s => s.Status == SessionStatus.Held))
        {
            heldByKind[session.Kind] = heldByKind.GetValueOrDefault(session.Kind) + 1;
            heldIds.Add(session.Id);
            held++;
        }

        // One pass over the registrations (a park's thousands, on every computation of its section): a pass per figure,
        // each with its own lists and distinct sets, showed in the host's profile.
        int attended = 0, attendees = 0, closed = 0, noShows = 0, scores = 0;
        long scoreSum = 0;
        var attendedEnterprises = new HashSet<Guid>();
        var closedEnterprises = new HashSet<Guid>();
        var scoringEnterprises = new HashSet<Guid>();
        foreach (var registration in registrations)
        {
            if (registration.Status == RegistrationStatus.Attended)
            {
                attended++;
                attendees += Math.Max(1, registration.AttendeeCount);
                attendedEnterprises.Add(registration.EnterpriseId);

                // A score per named attendee, and the older score per registration where one was given that way; each counts once.
                var given = 0;
                foreach (var score in registration.Scores())
                {
                    scoreSum += score;
                    given++;
                }

                if (given > 0)
                {
                    scores += given;
                    scoringEnterprises.Add(registration.EnterpriseId);
                }
            }

            // The no-show rate is over sessions whose attendance is closed, so a session still running does not lower it.
            if (registration.Status is RegistrationStatus.Attended or RegistrationStatus.NoShow && heldIds.Contains(registration.SessionId))
            {
                closed++;
                closedEnterprises.Add(registration.EnterpriseId);
                noShows += registration.Status == RegistrationStatus.NoShow ? 1 : 0;
            }
        }

        return new TrainingStatistics(
            [.. heldByKind.Select(k => new KindCount(k.Key, k.Value))],
            held,
            Shown(privacy, attendees, attendedEnterprises.Count),
            Shown(privacy, attended, attendedEnterprises.Count),
            privacy.Count(attendedEnterprises.Count),
            Shown(privacy, noShows, closedEnterprises.Count),
            closed == 0 ? null : privacy.Sum(Math.Round((double)noShows / closed, 4), closedEnterprises.Count),
            scores == 0 ? null : privacy.Sum(Math.Round((double)scoreSum / scores, 2), scoringEnterprises.Count),
            Shown(privacy, scores, scoringEnterprises.Count),
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
