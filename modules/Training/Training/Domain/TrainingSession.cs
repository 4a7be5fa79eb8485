using IpShield.SharedKernel.Persistence;

namespace IpShield.Training.Domain;

internal enum SessionKind
{
    Training,
    IpSalon,
    OnlineWebinar,
    OneOnOneClinic,
}

/// <summary>
/// Where a session stands. <see cref="Open"/> and <see cref="Full"/> follow the seats taken and the registration window;
/// <see cref="Held"/> is set when attendance is closed after the end, <see cref="Cancelled"/> by the organiser.
/// </summary>
internal enum SessionStatus
{
    Scheduled,
    Open,
    Full,
    Held,
    Cancelled,
}

/// <summary>
/// A training, IP salon, online webinar or one-on-one clinic organised by a workstation (or, with no workstation, by the
/// city centre). <see cref="SeatsTaken"/> counts the registrations that hold a seat; it changes only through a conditional
/// UPDATE so that two requests racing for the last seat cannot both get it (ADR 0016).
/// </summary>
internal sealed class TrainingSession : IEntity
{
    public const int TitleMax = 200;
    public const int TextMax = 500;
    public const int ListMax = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The organising workstation; null for the city centre.</summary>
    public Guid? WorkstationId { get; init; }

    /// <summary>The organiser's park, for park statistics; null for the city centre.</summary>
    public Guid? ParkId { get; init; }
    public SessionKind Kind { get; init; }
    public string Title { get; set; } = "";

    /// <summary>Tags such as <c>market:AE</c>, <c>platform:noon</c>, <c>ip:trademark</c>.</summary>
    public List<string> Topics { get; set; } = [];

    /// <summary>The topics as stored (<c>,a,b,</c>), so a list filter can match one tag with "contains".</summary>
    public string TopicsText { get; private set; } = ",";
    public List<string> Speakers { get; set; } = [];
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public string? Venue { get; set; }
    public string? OnlineLink { get; set; }
    public int Capacity { get; set; }
    public int SeatsTaken { get; set; }
    public DateTime RegistrationOpensAt { get; set; }
    public DateTime RegistrationClosesAt { get; set; }

    /// <summary>Until when registrants may cancel themselves; staff may cancel for them later.</summary>
    public DateTime CancellationCutoffAt { get; set; }
    public List<string> Materials { get; set; } = [];
    public SessionStatus Status { get; set; }
    public string? CancellationReason { get; set; }
    public DateTime CreatedAt { get; init; }
    public int Version { get; set; }

    public bool IsOnline => Kind == SessionKind.OnlineWebinar;

    public void SetTopics(IEnumerable<string> topics)
    {
        Topics = [.. topics.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
        TopicsText = $",{string.Join(',', Topics)},";
    }

    /// <summary>The status a reader sees at <paramref name="now"/>: the stored one, with the registration window applied.</summary>
    public SessionStatus StatusAt(DateTime now) => Status switch
    {
        SessionStatus.Held or SessionStatus.Cancelled => Status,
        _ when SeatsTaken >= Capacity => SessionStatus.Full,
        _ when now >= RegistrationOpensAt && now < RegistrationClosesAt => SessionStatus.Open,
        _ => SessionStatus.Scheduled,
    };
}
