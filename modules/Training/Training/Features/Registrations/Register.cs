using GraphQL.Types;
using IpShield.Enterprises.Contracts;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Statistics;
using IpShield.Training.Contracts;
using IpShield.Training.Domain;
using IpShield.Training.Persistence;
using IpShield.Training.Schema;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Training.Features.Registrations;

internal sealed class RegisterInput
{
    public string? SessionId { get; set; }
    public string? EnterpriseId { get; set; }
    public List<string>? Attendees { get; set; }
}

internal sealed class RegisterInputType : InputObjectGraphType<RegisterInput>
{
    public RegisterInputType()
    {
        Name = "RegisterForTrainingInput";
        Field<NonNullGraphType<IdGraphType>>("sessionId");
        Field<IdGraphType>("enterpriseId").Description("The enterprise registering; a member may omit it (their own).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("attendees").Description("The names of the people it sends (1–20).");
    }
}

/// <summary>
/// A seat if one is left, else a place on the waitlist. The seat is taken by one conditional UPDATE of the session's
/// counter (<c>SeatsTaken &lt; Capacity</c>): on MariaDB the row lock makes a racing request wait and then see the seat gone,
/// on SQLite the write transaction is already exclusive (ADR 0016).
/// </summary>
internal static class RegisterHandler
{
    public static async Task<Payload<Registration>> HandleAsync(
        RegisterInput input, AccessContext access, TrainingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var check = new InputCheck();
        var sessionId = check.Id(input.SessionId, TrainingGlobalIds.TrainingSession, true, "input", "sessionId");
        var enterpriseId = check.Id(input.EnterpriseId, EnterprisesGlobalIds.Enterprise, false, "input", "enterpriseId") ?? access.EnterpriseId;
        check.Must(enterpriseId is not null || !string.IsNullOrEmpty(input.EnterpriseId), ErrorCodes.Required, "enterpriseId is required.", "input", "enterpriseId");
        var attendees = (input.Attendees ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).Distinct().ToList();
        check.Must(attendees.Count is >= 1 and <= Registration.AttendeesMax, ErrorCodes.Invalid, $"Name 1 to {Registration.AttendeesMax} attendees.", "input", "attendees");
        check.Must(attendees.All(a => a.Length <= Registration.AttendeeMax && !a.Contains('\n')), ErrorCodes.TooLong,
            $"An attendee's name is one line of at most {Registration.AttendeeMax} characters.", "input", "attendees");
        if (check.Failed)
        {
            return Payload<Registration>.Failure(check.Errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await db.Sessions.Visible(access).AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        using var parkWrites = DataVersions.WritesOf(session?.ParkId); // what it writes is its session's park's (ADR 0041)
        if (session is null)
        {
            return Payload<Registration>.Failure(UserError.NotFound("The session", "input", "sessionId"));
        }

        var placement = await Placements.OfAsync(db, enterpriseId!.Value, cancellationToken);
        if (!access.MayRegister(enterpriseId.Value, placement?.WorkstationId))
        {
            return Payload<Registration>.Failure(UserError.NotFound("The enterprise", "input", "enterpriseId"));
        }

        if (session.Status is SessionStatus.Cancelled or SessionStatus.Held)
        {
            return Payload<Registration>.Failure(new UserError(ErrorCodes.InvalidState, $"The session is {session.Status.ToString().ToUpperInvariant()}.", ["input", "sessionId"]));
        }

        // Members register within the window; staff may add an enterprise later (a walk-in, a record kept after the fact).
        if (access.IsMemberOf(enterpriseId.Value) && !access.IsAdmin && (now < session.RegistrationOpensAt || now >= session.RegistrationClosesAt))
        {
            return Payload<Registration>.Failure(new UserError("REGISTRATION_CLOSED", "Registration for this session is not open.", ["input", "sessionId"]));
        }

        var existing = await db.Registrations.SingleOrDefaultAsync(r => r.SessionId == session.Id && r.EnterpriseId == enterpriseId, cancellationToken);
        if (existing is not null && existing.Status != RegistrationStatus.Cancelled)
        {
            return Payload<Registration>.Failure(new UserError(ErrorCodes.Duplicate, "The enterprise is already registered for this session.", ["input", "enterpriseId"]));
        }

        var seated = await Seats.TakeAsync(db, session.Id, cancellationToken);
        var registration = existing ?? new Registration
        {
            SessionId = session.Id,
            EnterpriseId = enterpriseId.Value,
            SessionWorkstationId = session.WorkstationId,
            RegisteredAt = now,
            RegisteredBy = access.SubjectId,
        };
        registration.EnterpriseWorkstationId = placement?.WorkstationId;
        registration.Attendees = attendees;
        registration.Status = seated ? RegistrationStatus.Registered : RegistrationStatus.Waitlisted;
        registration.QueuedAt = now;
        registration.CancelledAt = null;
        registration.Version++;
        if (existing is null)
        {
            db.Registrations.Add(registration);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Payload<Registration>.Success(registration);
    }
}

/// <summary>The session's seat counter, changed only by conditional UPDATEs (ADR 0016).</summary>
internal static class Seats
{
    /// <summary>Takes a seat if one is left; false when the session is full. Runs inside the caller's transaction.</summary>
    public static async Task<bool> TakeAsync(TrainingDbContext db, Guid sessionId, CancellationToken cancellationToken) =>
        await db.Sessions
            .Where(s => s.Id == sessionId && s.SeatsTaken < s.Capacity)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.SeatsTaken, s => s.SeatsTaken + 1), cancellationToken) == 1;

    /// <summary>
    /// Frees a seat and gives it to the first on the waitlist. The UPDATE of the session row comes first: it holds the row lock
    /// until commit, so two cancellations at once promote two different registrations, in waitlist order.
    /// </summary>
    public static async Task<Registration?> FreeAndPromoteAsync(TrainingDbContext db, Guid sessionId, CancellationToken cancellationToken)
    {
        await db.Sessions.Where(s => s.Id == sessionId && s.SeatsTaken > 0)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.SeatsTaken, s => s.SeatsTaken - 1), cancellationToken);
        var waiting = await db.Registrations
            .Where(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.QueuedAt).ThenBy(r => r.Id)
            .Take(5)
            .ToListAsync(cancellationToken);
        var next = SeatRules.NextInLine(waiting, r => r.Status, r => r.QueuedAt, r => r.Id);
        if (next is null || !await TakeAsync(db, sessionId, cancellationToken))
        {
            return null;
        }

        next.Status = RegistrationStatus.Registered;
        next.Version++;
        return next;
    }
}

/// <summary>The waitlist, read for promotion.</summary>
internal static class Waitlist
{
    /// <summary>
    /// Gives seats to the waitlist in order while seats are left (after capacity was raised). The waitlist is read with a
    /// locking read on MariaDB, so a registration waitlisted after this transaction's snapshot began is seen and served too.
    /// </summary>
    public static async Task<List<Registration>> FillAsync(TrainingDbContext db, Guid sessionId, CancellationToken cancellationToken)
    {
        var waiting = db.Database.IsMySql()
            ? db.Registrations.FromSql($"SELECT * FROM trn_registrations WHERE SessionId = {sessionId} AND Status = 'Waitlisted' FOR UPDATE")
            : db.Registrations.Where(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Waitlisted);
        var queue = (await waiting.ToListAsync(cancellationToken)).OrderBy(r => r.QueuedAt).ThenBy(r => r.Id).ToList();
        var promoted = new List<Registration>();
        foreach (var next in queue)
        {
            if (!await Seats.TakeAsync(db, sessionId, cancellationToken))
            {
                break;
            }

            next.Status = RegistrationStatus.Registered;
            next.Version++;
            promoted.Add(next);
        }

        return promoted;
    }
}

internal sealed class CancelRegistrationInput
{
    public string? Id { get; set; }
}

internal sealed class CancelRegistrationInputType : InputObjectGraphType<CancelRegistrationInput>
{
    public CancelRegistrationInputType()
    {
        Name = "CancelTrainingRegistrationInput";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The registration.");
    }
}

/// <summary>A registrant cancels (members until the session's cut-off, staff and the centre any time before the end); the seat goes to the waitlist.</summary>
internal static class CancelRegistrationHandler
{
    public static async Task<Payload<Registration>> HandleAsync(
        CancelRegistrationInput input, AccessContext access, TrainingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var check = new InputCheck();
        var id = check.Id(input.Id, TrainingGlobalIds.TrainingRegistration, true, "input", "id");
        if (check.Failed)
        {
            return Payload<Registration>.Failure(check.Errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var registration = await db.Registrations.Visible(access).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (registration is null)
        {
            return Payload<Registration>.Failure(UserError.NotFound("The registration", "input", "id"));
        }

        var session = await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == registration.SessionId, cancellationToken);
        using var parkWrites = DataVersions.WritesOf(session.ParkId); // what it writes is its session's park's (ADR 0041)
        if (registration.Status is not (RegistrationStatus.Registered or RegistrationStatus.Waitlisted) || now >= session.EndsAt)
        {
            return Payload<Registration>.Failure(new UserError(ErrorCodes.InvalidState, $"The registration is {registration.Status.ToString().ToUpperInvariant()}; it can no longer be cancelled.", ["input", "id"]));
        }

        var onlyMember = access.IsMemberOf(registration.EnterpriseId) && !access.IsAdmin && !access.Organises(session.WorkstationId)
            && !(registration.EnterpriseWorkstationId is { } ws && access.WorkstationIds.Contains(ws) && access.Roles.Contains(PlatformRoles.WorkstationStaff));
        if (onlyMember && !SeatRules.MayCancelThemselves(now, session.CancellationCutoffAt))
        {
            return Payload<Registration>.Failure(new UserError("CUTOFF_PASSED", "The cut-off for cancelling has passed; ask the workstation.", ["input", "id"]));
        }

        var heldSeat = registration.Status == RegistrationStatus.Registered;
        registration.Status = RegistrationStatus.Cancelled;
        registration.CancelledAt = now;
        registration.Version++;
        await db.SaveChangesAsync(cancellationToken);
        if (heldSeat)
        {
            await Seats.FreeAndPromoteAsync(db, session.Id, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Payload<Registration>.Success(registration);
    }
}

internal sealed class RegistrationMutations : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Mutation<RegisterInputType, TrainingRegistrationType>("registerForTraining", AccessPolicies.People, "registration", RegisterHandler.HandleAsync)
            .Description("Registers an enterprise (by its member, or by staff on its behalf): REGISTERED while seats are left, WAITLISTED after.");
        mutation.Mutation<CancelRegistrationInputType, TrainingRegistrationType>("cancelTrainingRegistration", AccessPolicies.People, "registration", CancelRegistrationHandler.HandleAsync)
            .Description("Cancels a registration; a freed seat goes to the first on the waitlist.");
    }
}
