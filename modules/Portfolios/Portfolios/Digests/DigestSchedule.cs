using IpShield.Identity.Contracts;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using IpShield.SharedKernel.Time;

namespace IpShield.Portfolios.Digests;

/// <summary>A deadline as a digest lists it: what it is, of which right, and where it stands.</summary>
internal sealed record DigestDeadline(
    Guid Id, Guid EnterpriseId, Guid? WorkstationId, string RightNameZh, string? RightNameEn, RightKind Kind, string Jurisdiction,
    DeadlineTask Task, DateOnly DueOn, DateOnly? GraceEndsOn, DeadlineState State)
{
    public DateOnly LastDay => GraceEndsOn ?? DueOn;
}

/// <summary>One line of a person's digest of a day: the deadline, and whether it is still to do or was missed.</summary>
internal sealed record DigestItem(DigestDeadline Deadline, bool Missed, int DaysLeft);

/// <summary>
/// Who gets what, when: each morning at 08:00 in the park's time zone a person's digest of that day is due. Staff hear
/// of their workstations' deadlines, enterprise members of their enterprise's: open ones due from that day to 30 days
/// on (or past due but still in their grace period), and those missed in the last 30 days. Nothing to list, no digest.
/// </summary>
internal static class DigestSchedule
{
    public static readonly TimeOnly SendAt = new(8, 0);
    public const int DaysAhead = 30;

    /// <summary>A missed deadline is repeated this long after its last day, then left to the record.</summary>
    public const int MissedFor = 30;

    /// <summary>The park day whose digest is due at this instant: that day from 08:00 local time on; none before.</summary>
    public static DateOnly? DayDue(DateTimeOffset now, TimeZoneInfo parkZone)
    {
        var local = TimeZoneInfo.ConvertTime(now, parkZone).DateTime;
        return TimeOnly.FromDateTime(local) >= SendAt ? DateOnly.FromDateTime(local) : null;
    }

    /// <summary>
    /// The park whose morning counts for a person: a staff member's first workstation's park (ids in order, so every host
    /// picks the same), an enterprise member's enterprise's; the default park calendar when neither is known.
    /// </summary>
    public static TimeZoneInfo ZoneOf(DigestRecipient person, IReadOnlyDictionary<Guid, Guid> workstationOfEnterprise, IReadOnlyDictionary<Guid, string> zoneOfWorkstation)
    {
        var workstation = person.WorkstationIds.Order().Where(zoneOfWorkstation.ContainsKey).Cast<Guid?>().FirstOrDefault()
            ?? (person.EnterpriseId is { } enterprise && workstationOfEnterprise.TryGetValue(enterprise, out var settled) ? settled : null);
        var zone = workstation is { } w && zoneOfWorkstation.TryGetValue(w, out var name) ? name : ParkCalendar.DefaultTimeZone;
        return TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : TimeZoneInfo.FindSystemTimeZoneById(ParkCalendar.DefaultTimeZone);
    }

    /// <summary>The lines of a person's digest of <paramref name="day"/>: missed ones first, then by due date.</summary>
    public static IReadOnlyList<DigestItem> ItemsFor(DigestRecipient person, IEnumerable<DigestDeadline> deadlines, DateOnly day) =>
        [.. deadlines
            .Where(d => (d.WorkstationId is { } w && person.WorkstationIds.Contains(w)) || d.EnterpriseId == person.EnterpriseId)
            .Select(d => Item(d, day))
            .OfType<DigestItem>()
            .OrderBy(i => i.Missed ? 0 : 1).ThenBy(i => i.Deadline.DueOn).ThenBy(i => i.Deadline.Id)];

    /// <summary>Where one deadline stands on <paramref name="day"/>; null when the digest does not mention it.</summary>
    public static DigestItem? Item(DigestDeadline deadline, DateOnly day)
    {
        var daysLeft = deadline.DueOn.DayNumber - day.DayNumber;
        var missed = deadline.State == DeadlineState.Missed || (deadline.State == DeadlineState.Open && deadline.LastDay < day);
        if (missed)
        {
            return deadline.LastDay.DayNumber >= day.DayNumber - MissedFor ? new DigestItem(deadline, true, daysLeft) : null;
        }

        return deadline.State == DeadlineState.Open && daysLeft <= DaysAhead ? new DigestItem(deadline, false, daysLeft) : null;
    }
}
