using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Statistics;
using IpShield.Training.Contracts;
using IpShield.Training.Domain;
using IpShield.Training.Features.Registrations;
using IpShield.Training.Features.ScheduleSession;
using IpShield.Training.Persistence;
using IpShield.Training.Schema;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Training.Features.EditSession;

/// <summary>What the organiser changes; an omitted (or null) field stays as it is. The kind and the organiser are fixed.</summary>
internal sealed class EditSessionInput
{
    public string? Id { get; set; }
    public int? Version { get; set; }
    public string? Title { get; set; }
    public List<string>? Topics { get; set; }
    public List<string>? Speakers { get; set; }
    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public string? Venue { get; set; }
    public string? OnlineLink { get; set; }
    public int? Capacity { get; set; }
    public DateTime? RegistrationOpensAt { get; set; }
    public DateTime? RegistrationClosesAt { get; set; }
    public DateTime? CancellationCutoffAt { get; set; }
    public List<string>? Materials { get; set; }
}

internal sealed class EditSessionInputType : InputObjectGraphType<EditSessionInput>
{
    public EditSessionInputType()
    {
        Name = "EditTrainingSessionInput";
        Description = "The fields to change; an omitted field stays as it is.";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<IntGraphType>("version").Description("The version the change is based on; CONFLICT when the session changed since.");
        Field<StringGraphType>("title");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("topics").Description("Replaces the tags.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("speakers").Description("Replaces the speakers.");
        Field<DateTimeGraphType>("startsAt");
        Field<DateTimeGraphType>("endsAt");
        Field<StringGraphType>("venue");
        Field<StringGraphType>("onlineLink");
        Field<IntGraphType>("capacity").Description("Raised, the waitlist gets the new seats in order; it cannot go below the seats taken (CAPACITY_BELOW_SEATS_TAKEN).");
        Field<DateTimeGraphType>("registrationOpensAt");
        Field<DateTimeGraphType>("registrationClosesAt");
        Field<DateTimeGraphType>("cancellationCutoffAt");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("materials").Description("Replaces the links.");
    }
}

/// <summary>
/// The organiser changes a scheduled session. The result is checked whole, as when scheduling. Capacity changes by a
/// conditional UPDATE (<c>SeatsTaken &lt;= capacity</c>) inside the transaction that holds the session row, so a
/// registration racing the change either took its seat before (and the lower capacity is refused) or waits and sees the
/// new capacity (ADR 0016). Lowering capacity never cancels a registration: the organiser cancels first, then lowers.
/// </summary>
internal static class EditSessionHandler
{
    public const string CapacityBelowSeatsTaken = "CAPACITY_BELOW_SEATS_TAKEN";

    public static async Task<Payload<TrainingSession>> HandleAsync(
        EditSessionInput input, AccessContext access, TrainingDbContext db, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(input.Id, TrainingGlobalIds.TrainingSession, true, "input", "id");
        var title = input.Title is null ? null : check.Text(input.Title, TrainingSession.TitleMax, true, "input", "title");
        var venue = input.Venue is null ? null : check.Text(input.Venue, TrainingSession.TextMax, false, "input", "venue");
        var link = input.OnlineLink is null ? null : check.Text(input.OnlineLink, TrainingSession.TextMax, false, "input", "onlineLink");
        var topics = input.Topics is null ? null : ScheduleSessionHandler.Items(check, input.Topics, 50, "topics");
        var speakers = input.Speakers is null ? null : ScheduleSessionHandler.Items(check, input.Speakers, TrainingSession.TitleMax, "speakers");
        var materials = input.Materials is null ? null : ScheduleSessionHandler.Items(check, input.Materials, TrainingSession.TextMax, "materials");
        check.Must(materials is null || materials.All(m => Uri.TryCreate(m, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"), ErrorCodes.Invalid,
            "Materials are http(s) links.", "input", "materials");
        check.Must(input.Capacity is null or (>= 1 and <= 10_000), ErrorCodes.Invalid, "capacity runs from 1 to 10,000.", "input", "capacity");
        if (check.Failed)
        {
            return Payload<TrainingSession>.Failure(check.Errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await db.Sessions.Visible(access).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        using var parkWrites = DataVersions.WritesOf(session?.ParkId); // what it writes is its session's park's (ADR 0041)
        if (session is null)
        {
            return Payload<TrainingSession>.Failure(UserError.NotFound("The session", "input", "id"));
        }

        if (!access.Organises(session.WorkstationId))
        {
            return Payload<TrainingSession>.Failure(new UserError(ErrorCodes.Forbidden, "Only the organiser edits a session.", ["input", "id"]));
        }

        if (session.Status is SessionStatus.Cancelled or SessionStatus.Held)
        {
            return Payload<TrainingSession>.Failure(new UserError(ErrorCodes.InvalidState, $"The session is {session.Status.ToString().ToUpperInvariant()}; it can no longer be edited.", ["input", "id"]));
        }

        if (input.Version is { } expected && expected != session.Version)
        {
            return Payload<TrainingSession>.Failure(Conflict());
        }

        session.Title = title ?? session.Title;
        session.Venue = input.Venue is null ? session.Venue : venue;
        session.OnlineLink = input.OnlineLink is null ? session.OnlineLink : link;
        session.StartsAt = input.StartsAt?.ToUniversalTime() ?? session.StartsAt;
        session.EndsAt = input.EndsAt?.ToUniversalTime() ?? session.EndsAt;
        session.RegistrationOpensAt = input.RegistrationOpensAt?.ToUniversalTime() ?? session.RegistrationOpensAt;
        session.RegistrationClosesAt = input.RegistrationClosesAt?.ToUniversalTime() ?? session.RegistrationClosesAt;
        session.CancellationCutoffAt = input.CancellationCutoffAt?.ToUniversalTime() ?? session.CancellationCutoffAt;
        session.Speakers = speakers ?? session.Speakers;
        session.Materials = materials ?? session.Materials;
        if (topics is not null)
        {
            session.SetTopics(topics);
        }

        // The session as edited must still make sense as a whole, exactly as when it was scheduled.
        check.Must(session.EndsAt > session.StartsAt, ErrorCodes.Invalid, "A session ends after it starts.", "input", "endsAt");
        check.Must(session.RegistrationClosesAt > session.RegistrationOpensAt, ErrorCodes.Invalid, "Registration closes after it opens.", "input", "registrationClosesAt");
        check.Must(session.RegistrationClosesAt <= session.EndsAt, ErrorCodes.Invalid, "Registration closes by the end of the session.", "input", "registrationClosesAt");
        check.Must(!session.IsOnline || session.OnlineLink is not null, ErrorCodes.Required, "An online webinar needs its link.", "input", "onlineLink");
        check.Must(session.IsOnline || session.Venue is not null, ErrorCodes.Required, "A session on site needs its venue.", "input", "venue");
        if (check.Failed)
        {
            return Payload<TrainingSession>.Failure(check.Errors);
        }

        session.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken); // checks the version and, on MariaDB, holds the session row until commit
        }
        catch (DbUpdateConcurrencyException)
        {
            return Payload<TrainingSession>.Failure(Conflict());
        }

        if (input.Capacity is { } capacity && capacity != session.Capacity)
        {
            var changed = await db.Sessions.Where(s => s.Id == session.Id && s.SeatsTaken <= capacity)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.Capacity, capacity), cancellationToken);
            if (changed == 0)
            {
                return Payload<TrainingSession>.Failure(new UserError(CapacityBelowSeatsTaken,
                    "More seats are taken than the new capacity; cancel registrations first, then lower it.", ["input", "capacity"]));
            }

            await Waitlist.FillAsync(db, session.Id, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await db.Entry(session).ReloadAsync(cancellationToken); // the counter and capacity were changed by UPDATEs, not through the entity
        return Payload<TrainingSession>.Success(session);
    }

    private static UserError Conflict() =>
        new(ErrorCodes.Conflict, "The session was changed by someone else since you read it; read it again and repeat the change.", ["input", "version"]);
}

internal sealed class EditSessionMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<EditSessionInputType, TrainingSessionType>("editTrainingSession", AccessPolicies.People, "session", EditSessionHandler.HandleAsync)
            .Description("Changes a scheduled session (its organiser): title, tags, speakers, times, venue or link, capacity, registration window, materials. "
                + "Raised capacity goes to the waitlist in order; capacity below the seats taken is refused.");
}
