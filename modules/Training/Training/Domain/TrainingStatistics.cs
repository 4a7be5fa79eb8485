namespace IpShield.Training.Domain;

/// <summary>What workstations are evaluated on: sessions held by kind, attendance counted by check-in, reach, satisfaction.</summary>
internal sealed record TrainingStatistics(
    IReadOnlyList<KindCount> SessionsHeldByKind,
    int SessionsHeld,
    int Attendees,
    int AttendedRegistrations,
    int UniqueEnterprises,
    int NoShows,
    double? NoShowRate,
    double? AverageSatisfaction,
    int FeedbackCount)
{
    public static TrainingStatistics Of(IEnumerable<(Guid Id, SessionKind Kind, SessionStatus Status)> sessions, IEnumerable<RegistrationFacts> registrations)
    {
        var held = sessions.Where(s => s.Status == SessionStatus.Held).ToList();
        var heldIds = held.Select(s => s.Id).ToHashSet();
        var all = registrations.ToList();
        var attended = all.Where(r => r.Status == RegistrationStatus.Attended).ToList();

        // The no-show rate is over sessions whose attendance is closed, so a session still running does not lower it.
        var closed = all.Where(r => heldIds.Contains(r.SessionId) && r.Status is RegistrationStatus.Attended or RegistrationStatus.NoShow).ToList();
        var noShows = closed.Count(r => r.Status == RegistrationStatus.NoShow);
        var scores = attended.Where(r => r.Satisfaction is not null).Select(r => r.Satisfaction!.Value).ToList();

        return new TrainingStatistics(
            [.. held.GroupBy(s => s.Kind).OrderBy(g => g.Key).Select(g => new KindCount(g.Key, g.Count()))],
            held.Count,
            attended.Sum(r => Math.Max(1, r.AttendeeCount)),
            attended.Count,
            attended.Select(r => r.EnterpriseId).Distinct().Count(),
            noShows,
            closed.Count == 0 ? null : Math.Round((double)noShows / closed.Count, 4),
            scores.Count == 0 ? null : Math.Round(scores.Average(), 2),
            scores.Count);
    }
}

internal sealed record KindCount(SessionKind Kind, int Count);

/// <summary>The facts of one registration the statistics need.</summary>
internal sealed record RegistrationFacts(Guid SessionId, Guid EnterpriseId, RegistrationStatus Status, int AttendeeCount, int? Satisfaction);
