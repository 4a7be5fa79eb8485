namespace IpShield.Training.Domain;

/// <summary>Which registrations take a seat, and who gets a freed one.</summary>
internal static class SeatRules
{
    /// <summary>Registered and attended registrations count against capacity (CiviCRM's "counted" statuses).</summary>
    public static bool HoldsSeat(RegistrationStatus status) => status is RegistrationStatus.Registered or RegistrationStatus.Attended;

    /// <summary>The waitlisted registration next in line: the earliest queued, ties broken by id (time-ordered).</summary>
    public static T? NextInLine<T>(IEnumerable<T> registrations, Func<T, RegistrationStatus> status, Func<T, DateTime> queuedAt, Func<T, Guid> id)
        where T : class =>
        registrations.Where(r => status(r) == RegistrationStatus.Waitlisted).OrderBy(queuedAt).ThenBy(id).FirstOrDefault();

    /// <summary>Whether a registrant may still cancel without staff.</summary>
    public static bool MayCancelThemselves(DateTime now, DateTime cutoff) => now < cutoff;
}
