namespace IpShield.Training.Domain;

/// <summary>Why a scan at the door is refused; each has a code a scanning app shows.</summary>
internal enum CheckInRefusal
{
    /// <summary>The code was not signed by this platform (typed by hand, altered, or from elsewhere).</summary>
    ForgedCode,

    /// <summary>A valid code of a registration for another session.</summary>
    OtherSession,

    /// <summary>The registration was cancelled.</summary>
    RegistrationCancelled,

    /// <summary>The registration is still on the waitlist: it holds no seat.</summary>
    Waitlisted,

    /// <summary>The scan falls outside the session's check-in window.</summary>
    OutsideWindow,

    /// <summary>The session itself was cancelled.</summary>
    SessionCancelled,

    /// <summary>The code is genuine but its registration no longer exists.</summary>
    UnknownRegistration,
}

internal enum CheckInOutcome
{
    CheckedIn,
    AlreadyCheckedIn,
}

/// <summary>The answer to one scan: a check-in (new or repeated) or a refusal with its reason.</summary>
internal sealed record CheckInDecision(CheckInOutcome? Outcome, CheckInRefusal? Refusal)
{
    public static CheckInDecision Refuse(CheckInRefusal reason) => new(null, reason);
}

/// <summary>pretix-style door rules: idempotent scans, and a clear reason for every refusal.</summary>
internal static class CheckInRule
{
    /// <summary>Doors open an hour before the start; late-comers are counted until the end.</summary>
    public static readonly TimeSpan DoorsOpenBefore = TimeSpan.FromHours(1);

    public static (DateTime Opens, DateTime Closes) Window(DateTime startsAt, DateTime endsAt) => (startsAt - DoorsOpenBefore, endsAt);

    public static CheckInDecision Decide(
        Guid scanningSessionId, SessionStatus sessionStatus, DateTime startsAt, DateTime endsAt,
        Guid registrationSessionId, RegistrationStatus registrationStatus, DateTime scannedAt)
    {
        if (registrationSessionId != scanningSessionId)
        {
            return CheckInDecision.Refuse(CheckInRefusal.OtherSession);
        }

        if (sessionStatus == SessionStatus.Cancelled)
        {
            return CheckInDecision.Refuse(CheckInRefusal.SessionCancelled);
        }

        switch (registrationStatus)
        {
            case RegistrationStatus.Attended:
                return new CheckInDecision(CheckInOutcome.AlreadyCheckedIn, null); // a second scan records nothing new
            case RegistrationStatus.Cancelled:
                return CheckInDecision.Refuse(CheckInRefusal.RegistrationCancelled);
            case RegistrationStatus.Waitlisted:
                return CheckInDecision.Refuse(CheckInRefusal.Waitlisted);
        }

        var (opens, closes) = Window(startsAt, endsAt);
        if (scannedAt < opens || scannedAt > closes)
        {
            return CheckInDecision.Refuse(CheckInRefusal.OutsideWindow);
        }

        // A no-show scanned offline within the window (uploaded after the sweep) did attend after all.
        return new CheckInDecision(CheckInOutcome.CheckedIn, null);
    }

    public static string Code(this CheckInRefusal refusal) => refusal switch
    {
        CheckInRefusal.ForgedCode => "FORGED_CODE",
        CheckInRefusal.OtherSession => "OTHER_SESSION",
        CheckInRefusal.RegistrationCancelled => "REGISTRATION_CANCELLED",
        CheckInRefusal.Waitlisted => "WAITLISTED",
        CheckInRefusal.OutsideWindow => "OUTSIDE_WINDOW",
        CheckInRefusal.SessionCancelled => "SESSION_CANCELLED",
        _ => "UNKNOWN_REGISTRATION",
    };

    public static string Message(this CheckInRefusal refusal) => refusal switch
    {
        CheckInRefusal.ForgedCode => "This code was not issued by IP Shield.",
        CheckInRefusal.OtherSession => "This code belongs to a registration for another session.",
        CheckInRefusal.RegistrationCancelled => "This registration was cancelled.",
        CheckInRefusal.Waitlisted => "This registration is on the waitlist and holds no seat.",
        CheckInRefusal.OutsideWindow => "Check-in is open from an hour before the start until the end of the session.",
        CheckInRefusal.SessionCancelled => "The session was cancelled.",
        _ => "The registration behind this code does not exist.",
    };
}
