using IpShield.SharedKernel.Persistence;

namespace IpShield.Training.Domain;

/// <summary>CiviCRM's participant statuses: <see cref="Registered"/> and <see cref="Attended"/> hold a seat.</summary>
internal enum RegistrationStatus
{
    Registered,
    Waitlisted,
    Cancelled,
    Attended,
    NoShow,
}

/// <summary>How attendance was learnt.</summary>
internal enum AttendanceSource
{
    DoorScan,
    OfflineScan,
    JoinRecord,
}

/// <summary>
/// An enterprise's registration for a session, with the people it sends. Made by a member for their own enterprise or by
/// staff on its behalf. <see cref="EnterpriseWorkstationId"/> is where the enterprise is settled, kept from the Enterprises
/// module's settlements for the row rules (ADR 0013); <see cref="SessionWorkstationId"/> copies the organiser.
/// </summary>
internal sealed class Registration : IEntity
{
    public const int AttendeeMax = 100;
    public const int AttendeesMax = 20;
    public const int CommentMax = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SessionId { get; init; }
    public Guid EnterpriseId { get; init; }
    public Guid? EnterpriseWorkstationId { get; set; }
    public Guid? SessionWorkstationId { get; init; }
    public List<string> Attendees { get; set; } = [];

    /// <summary>
    /// How many people are named: stored beside the list so that the park statistics read it from an index instead of
    /// each registration's row (docs/benchmarks.md, issue #13). Derived, never set: EF stores what this getter computes.
    /// </summary>
    public int AttendeeCount
    {
        get => Attendees.Count;
        private set { } // EF sets the stored column when it reads a registration; the count is always the list's own
    }
    public RegistrationStatus Status { get; set; }

    /// <summary>When it joined the waitlist (or registered); the waitlist is served in this order.</summary>
    public DateTime QueuedAt { get; set; }
    public DateTime RegisteredAt { get; init; }
    public string? RegisteredBy { get; init; }
    public DateTime? CancelledAt { get; set; }
    public DateTime? AttendedAt { get; set; }
    public AttendanceSource? AttendanceSource { get; set; }
    public int? Satisfaction { get; set; }
    public string? FeedbackComment { get; set; }
    public DateTime? FeedbackAt { get; set; }
    public int Version { get; set; }

    public bool HoldsSeat => SeatRules.HoldsSeat(Status);
}

/// <summary>Where an enterprise is settled, as last heard from the Enterprises module (ADR 0013).</summary>
internal sealed class EnterprisePlacement
{
    public Guid EnterpriseId { get; init; }
    public Guid WorkstationId { get; set; }
    public Guid ParkId { get; set; }
    public DateOnly SettledOn { get; set; }
}

/// <summary>A secret, revocable address of an iCalendar feed: a workstation's sessions or an enterprise's registrations.</summary>
internal sealed class CalendarFeed : IEntity
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public CalendarOwner OwnerKind { get; init; }
    public Guid OwnerId { get; init; }
    public string Token { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime? RevokedAt { get; set; }
}

internal enum CalendarOwner
{
    Workstation,
    Enterprise,
}

/// <summary>
/// One named attendee's 1–5 score and comment, given by the enterprise's member after the registration was attended. Kept
/// beside the registration rather than on it: a registration sends up to <see cref="Registration.AttendeesMax"/> people,
/// and the city's satisfaction figure is over people, not over enterprises' registrations.
/// </summary>
internal sealed class AttendeeFeedback : IEntity
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid RegistrationId { get; init; }

    /// <summary>
    /// The registration's session (a registration never changes session), copied so that a park's scores are read by
    /// its sessions, a few index ranges, instead of a lookup per registration (ADR 0039).
    /// </summary>
    public Guid SessionId { get; init; }
    public string Attendee { get; init; } = "";
    public int Satisfaction { get; init; }
    public string? Comment { get; init; }
    public DateTime GivenAt { get; init; }
    public string? GivenBy { get; init; }
}
