using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Statistics;
using IpShield.Training.Contracts;
using IpShield.Training.Domain;
using IpShield.Training.Persistence;
using IpShield.Training.Schema;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Training.Features.CheckIn;

internal sealed class CheckInOutcomeType : EnumerationGraphType<CheckInOutcome>
{
    public CheckInOutcomeType() => Name = "CheckInOutcome";
}

/// <summary>What the door shows after one scan that was not refused.</summary>
internal sealed record CheckInResult(CheckInOutcome Outcome, Registration Registration, string Message);

internal sealed class CheckInResultType : ObjectGraphType<CheckInResult>
{
    public CheckInResultType()
    {
        Name = "CheckInResult";
        Field<NonNullGraphType<CheckInOutcomeType>>("outcome").Resolve(c => c.Source.Outcome);
        Field(r => r.Message).Description("\"Checked in\" or \"Already checked in\" (a second scan records nothing new).");
        Field<NonNullGraphType<TrainingRegistrationType>>("registration").Resolve(c => c.Source.Registration);
    }
}

internal sealed class ScanInput
{
    public string? SessionId { get; set; }
    public string? Code { get; set; }
}

internal sealed class ScanInputType : InputObjectGraphType<ScanInput>
{
    public ScanInputType()
    {
        Name = "CheckInAttendeeInput";
        Field<NonNullGraphType<IdGraphType>>("sessionId").Description("The session being checked in at this door.");
        Field<NonNullGraphType<StringGraphType>>("code").Description("The code read from the registration's QR image.");
    }
}

/// <summary>
/// One scan at the door, at the server's clock. A refusal is a typed error with its reason (FORGED_CODE, OTHER_SESSION,
/// REGISTRATION_CANCELLED, WAITLISTED, OUTSIDE_WINDOW, SESSION_CANCELLED); a second scan answers ALREADY_CHECKED_IN.
/// </summary>
internal static class CheckInHandler
{
    public static async Task<Payload<CheckInResult>> HandleAsync(
        ScanInput input, AccessContext access, TrainingDbContext db, CheckInCode codes, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var sessionId = check.Id(input.SessionId, TrainingGlobalIds.TrainingSession, true, "input", "sessionId");
        if (check.Failed)
        {
            return Payload<CheckInResult>.Failure(check.Errors);
        }

        var session = await Door.SessionAsync(db, access, sessionId!.Value, cancellationToken);
        using var parkWrites = DataVersions.WritesOf(session?.ParkId); // what it writes is its session's park's (ADR 0041)
        if (session is null)
        {
            return Payload<CheckInResult>.Failure(UserError.NotFound("The session", "input", "sessionId"));
        }

        var (result, refusal) = await Door.ScanAsync(db, codes, session, input.Code, time.GetUtcNow().UtcDateTime, AttendanceSource.DoorScan, cancellationToken);
        if (refusal is { } reason)
        {
            return Payload<CheckInResult>.Failure(new UserError(reason.Code(), reason.Message(), ["input", "code"]));
        }

        await db.SaveChangesAsync(cancellationToken);
        return Payload<CheckInResult>.Success(result!);
    }
}

/// <summary>The door's rules applied to one scan, for the live scanner and the offline batch alike.</summary>
internal static class Door
{
    /// <summary>The session, if the caller runs it (the centre, or staff of the organising workstation); null otherwise, as for one that does not exist.</summary>
    public static async Task<TrainingSession?> SessionAsync(TrainingDbContext db, AccessContext access, Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        return session is not null && access.Organises(session.WorkstationId) ? session : null;
    }

    public static async Task<(CheckInResult? Result, CheckInRefusal? Refusal)> ScanAsync(
        TrainingDbContext db, CheckInCode codes, TrainingSession session, string? code, DateTime scannedAt, AttendanceSource source, CancellationToken cancellationToken)
    {
        if (!codes.TryRead(code, out var registrationId, out var codeSessionId))
        {
            return (null, CheckInRefusal.ForgedCode);
        }

        if (codeSessionId != session.Id)
        {
            return (null, CheckInRefusal.OtherSession);
        }

        var registration = db.Registrations.Local.FirstOrDefault(r => r.Id == registrationId)
            ?? await db.Registrations.SingleOrDefaultAsync(r => r.Id == registrationId, cancellationToken);
        if (registration is null)
        {
            return (null, CheckInRefusal.UnknownRegistration);
        }

        var decision = CheckInRule.Decide(session.Id, session.Status, session.StartsAt, session.EndsAt, registration.SessionId, registration.Status, scannedAt);
        if (decision.Refusal is { } refusal)
        {
            return (null, refusal);
        }

        if (decision.Outcome == CheckInOutcome.AlreadyCheckedIn)
        {
            return (new CheckInResult(CheckInOutcome.AlreadyCheckedIn, registration, "Already checked in."), null);
        }

        Attend(db, registration, scannedAt, source);
        return (new CheckInResult(CheckInOutcome.CheckedIn, registration, "Checked in."), null);
    }

    public static void Attend(TrainingDbContext db, Registration registration, DateTime at, AttendanceSource source)
    {
        registration.Status = RegistrationStatus.Attended;
        registration.AttendedAt = new DateTime(at.Ticks - (at.Ticks % 10), DateTimeKind.Utc); // MariaDB keeps microseconds: answer what a re-read gives
        registration.AttendanceSource = source;
        registration.Version++;
        db.Publish(new AttendanceRecorded(registration.Id, registration.SessionId, registration.EnterpriseId, TrainingSessionType.Instant(at), source.ToString()));
    }
}

internal sealed class OfflineScan
{
    public string? Code { get; set; }
    public DateTime ScannedAt { get; set; }
}

internal sealed class OfflineScanInputType : InputObjectGraphType<OfflineScan>
{
    public OfflineScanInputType()
    {
        Name = "OfflineScanInput";
        Field<NonNullGraphType<StringGraphType>>("code");
        Field<NonNullGraphType<DateTimeGraphType>>("scannedAt").Description("When the scanner read it; kept as the attendance time.");
    }
}

internal sealed class OfflineScansInput
{
    public string? SessionId { get; set; }
    public List<OfflineScan>? Scans { get; set; }
}

internal sealed class OfflineScansInputType : InputObjectGraphType<OfflineScansInput>
{
    public OfflineScansInputType()
    {
        Name = "UploadOfflineScansInput";
        Field<NonNullGraphType<IdGraphType>>("sessionId");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfflineScanInputType>>>>("scans").Description("At most 5,000, in any order.");
    }
}

/// <summary>One uploaded scan's answer: the same outcomes and refusal codes as a live scan.</summary>
internal sealed record OfflineScanResult(int Index, string Code, CheckInOutcome? Outcome, string? RefusalCode, string? Message, Registration? Registration);

internal sealed record OfflineScanReport(Guid SessionId, IReadOnlyList<OfflineScanResult> Scans)
{
    public int CheckedIn => Scans.Count(s => s.Outcome == CheckInOutcome.CheckedIn);
    public int Refused => Scans.Count(s => s.RefusalCode is not null);
}

internal sealed class OfflineScanResultType : ObjectGraphType<OfflineScanResult>
{
    public OfflineScanResultType()
    {
        Name = "OfflineScanResult";
        Field(s => s.Index).Description("The scan's position in the upload.");
        Field(s => s.Code);
        Field<CheckInOutcomeType>("outcome").Description("Null when refused.").Resolve(c => c.Source.Outcome);
        Field(s => s.RefusalCode, nullable: true).Description("FORGED_CODE, OTHER_SESSION, REGISTRATION_CANCELLED, WAITLISTED, OUTSIDE_WINDOW, SESSION_CANCELLED, UNKNOWN_REGISTRATION.");
        Field(s => s.Message, nullable: true);
        Field<TrainingRegistrationType>("registration").Resolve(c => c.Source.Registration);
    }
}

internal sealed class OfflineScanReportType : ObjectGraphType<OfflineScanReport>
{
    public OfflineScanReportType()
    {
        Name = "OfflineScanReport";
        Field<NonNullGraphType<TrainingSessionType>>("session")
            .Description("The session the scans were made at.")
            .Resolve(c => c.LoadNode(TrainingGlobalIds.TrainingSession, c.Source.SessionId));
        Field(r => r.CheckedIn).Description("Scans that recorded a new attendance.");
        Field(r => r.Refused);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfflineScanResultType>>>>("scans").Resolve(c => c.Source.Scans);
    }
}

/// <summary>
/// Scans a door scanner made without a connection, uploaded in one batch: each is judged at its own scan time, in scan-time
/// order, so a code scanned twice counts once and keeps its first time. Refused scans are reported, not fatal.
/// </summary>
internal static class UploadOfflineScansHandler
{
    public const int MaxScans = 5_000;

    public static async Task<Payload<OfflineScanReport>> HandleAsync(
        OfflineScansInput input, AccessContext access, TrainingDbContext db, CheckInCode codes, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var sessionId = check.Id(input.SessionId, TrainingGlobalIds.TrainingSession, true, "input", "sessionId");
        var scans = input.Scans ?? [];
        check.Must(scans.Count is >= 1 and <= MaxScans, ErrorCodes.Invalid, $"Upload 1 to {MaxScans} scans at a time.", "input", "scans");
        var now = time.GetUtcNow().UtcDateTime;
        check.Must(scans.All(s => s.ScannedAt.ToUniversalTime() <= now.AddMinutes(5)), ErrorCodes.Invalid, "A scan time lies in the future.", "input", "scans");
        if (check.Failed)
        {
            return Payload<OfflineScanReport>.Failure(check.Errors);
        }

        var session = await Door.SessionAsync(db, access, sessionId!.Value, cancellationToken);
        using var parkWrites = DataVersions.WritesOf(session?.ParkId); // what it writes is its session's park's (ADR 0041)
        if (session is null)
        {
            return Payload<OfflineScanReport>.Failure(UserError.NotFound("The session", "input", "sessionId"));
        }

        // Load the session's registrations once, so a batch of 2,000 is not 2,000 reads.
        await db.Registrations.Where(r => r.SessionId == session.Id).LoadAsync(cancellationToken);
        var results = new OfflineScanResult[scans.Count];
        foreach (var (scan, index) in scans.Select((s, i) => (s, i)).OrderBy(x => x.s.ScannedAt.ToUniversalTime()))
        {
            var (result, refusal) = await Door.ScanAsync(db, codes, session, scan.Code, scan.ScannedAt.ToUniversalTime(), AttendanceSource.OfflineScan, cancellationToken);
            results[index] = refusal is { } reason
                ? new OfflineScanResult(index, scan.Code ?? "", null, reason.Code(), reason.Message(), null)
                : new OfflineScanResult(index, scan.Code ?? "", result!.Outcome, null, result.Message, result.Registration);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Payload<OfflineScanReport>.Success(new OfflineScanReport(session.Id, results));
    }
}

internal sealed class JoinInput
{
    public string? RegistrationId { get; set; }
    public DateTime JoinedAt { get; set; }
}

internal sealed class JoinInputType : InputObjectGraphType<JoinInput>
{
    public JoinInputType()
    {
        Name = "RecordTrainingJoinInput";
        Field<NonNullGraphType<IdGraphType>>("registrationId");
        Field<NonNullGraphType<DateTimeGraphType>>("joinedAt").Description("When the registrant joined the online session (from the meeting's join record).");
    }
}

/// <summary>Online sessions have no door: attendance comes from the meeting's join record, within the same window.</summary>
internal static class RecordJoinHandler
{
    public static async Task<Payload<CheckInResult>> HandleAsync(
        JoinInput input, AccessContext access, TrainingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(input.RegistrationId, TrainingGlobalIds.TrainingRegistration, true, "input", "registrationId");
        var joinedAt = input.JoinedAt.ToUniversalTime();
        check.Must(joinedAt <= time.GetUtcNow().UtcDateTime.AddMinutes(5), ErrorCodes.Invalid, "joinedAt lies in the future.", "input", "joinedAt");
        if (check.Failed)
        {
            return Payload<CheckInResult>.Failure(check.Errors);
        }

        var registration = await db.Registrations.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        var session = registration is null ? null : await Door.SessionAsync(db, access, registration.SessionId, cancellationToken);
        using var parkWrites = DataVersions.WritesOf(session?.ParkId); // what it writes is its session's park's (ADR 0041)
        if (registration is null || session is null)
        {
            return Payload<CheckInResult>.Failure(UserError.NotFound("The registration", "input", "registrationId"));
        }

        if (!session.IsOnline)
        {
            return Payload<CheckInResult>.Failure(new UserError(ErrorCodes.InvalidState, "Join records are for online sessions; on site, scan the check-in code.", ["input", "registrationId"]));
        }

        var decision = CheckInRule.Decide(session.Id, session.Status, session.StartsAt, session.EndsAt, registration.SessionId, registration.Status, joinedAt);
        if (decision.Refusal is { } refusal)
        {
            return Payload<CheckInResult>.Failure(new UserError(refusal.Code(), refusal.Message(), ["input", "joinedAt"]));
        }

        if (decision.Outcome == CheckInOutcome.AlreadyCheckedIn)
        {
            return Payload<CheckInResult>.Success(new CheckInResult(CheckInOutcome.AlreadyCheckedIn, registration, "Already checked in."));
        }

        Door.Attend(db, registration, joinedAt, AttendanceSource.JoinRecord);
        await db.SaveChangesAsync(cancellationToken);
        return Payload<CheckInResult>.Success(new CheckInResult(CheckInOutcome.CheckedIn, registration, "Checked in."));
    }
}

internal sealed class CheckInMutations : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Mutation<ScanInputType, CheckInResultType>("checkInAttendee", AccessPolicies.People, "checkIn", CheckInHandler.HandleAsync)
            .Description("A scan at the door by the organiser's staff: CHECKED_IN, ALREADY_CHECKED_IN, or a refusal with its reason.");
        mutation.Mutation<OfflineScansInputType, OfflineScanReportType>("uploadOfflineScans", AccessPolicies.People, "report", UploadOfflineScansHandler.HandleAsync)
            .Description("Scans made offline, uploaded in one batch; each keeps its scan time and gets its own outcome.");
        mutation.Mutation<JoinInputType, CheckInResultType>("recordTrainingJoin", AccessPolicies.People, "checkIn", RecordJoinHandler.HandleAsync)
            .Description("Attendance at an online session, from the meeting's join record.");
    }
}
