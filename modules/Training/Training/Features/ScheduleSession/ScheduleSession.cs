using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Messaging;
using IpShield.Training.Contracts;
using IpShield.Training.Domain;
using IpShield.Training.Persistence;
using IpShield.Training.Schema;
using IpShield.Workstations.Contracts;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Training.Features.ScheduleSession;

internal sealed class ScheduleSessionInput
{
    public string? OrganiserId { get; set; }
    public SessionKind Kind { get; set; }
    public string? Title { get; set; }
    public List<string>? Topics { get; set; }
    public List<string>? Speakers { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public string? Venue { get; set; }
    public string? OnlineLink { get; set; }
    public int Capacity { get; set; }
    public DateTime? RegistrationOpensAt { get; set; }
    public DateTime? RegistrationClosesAt { get; set; }
    public DateTime? CancellationCutoffAt { get; set; }
    public List<string>? Materials { get; set; }
}

internal sealed class ScheduleSessionInputType : InputObjectGraphType<ScheduleSessionInput>
{
    public ScheduleSessionInputType()
    {
        Name = "ScheduleTrainingSessionInput";
        Field<IdGraphType>("organiserId").Description("The organising workstation; omitted, the city centre organises (centre only).");
        Field<NonNullGraphType<SessionKindType>>("kind");
        Field<NonNullGraphType<StringGraphType>>("title");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("topics").Description("Tags: market:AE, platform:noon, ip:trademark …");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("speakers");
        Field<NonNullGraphType<DateTimeGraphType>>("startsAt");
        Field<NonNullGraphType<DateTimeGraphType>>("endsAt");
        Field<StringGraphType>("venue").Description("Required for sessions on site.");
        Field<StringGraphType>("onlineLink").Description("Required for online webinars.");
        Field<NonNullGraphType<IntGraphType>>("capacity");
        Field<DateTimeGraphType>("registrationOpensAt").Description("Default: now.");
        Field<DateTimeGraphType>("registrationClosesAt").Description("Default: the start.");
        Field<DateTimeGraphType>("cancellationCutoffAt").Description("Until when registrants may cancel themselves. Default: 24 hours before the start.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("materials").Description("Links to slides, handouts, recordings.");
    }
}

internal static class ScheduleSessionHandler
{
    public static async Task<Payload<TrainingSession>> HandleAsync(
        ScheduleSessionInput input, AccessContext access, TrainingDbContext db, IWorkstationDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var check = new InputCheck();
        var organiser = check.Id(input.OrganiserId, WorkstationsGlobalIds.Workstation, false, "input", "organiserId");
        var title = check.Text(input.Title, TrainingSession.TitleMax, true, "input", "title");
        var venue = check.Text(input.Venue, TrainingSession.TextMax, false, "input", "venue");
        var link = check.Text(input.OnlineLink, TrainingSession.TextMax, false, "input", "onlineLink");
        var startsAt = input.StartsAt.ToUniversalTime();
        var endsAt = input.EndsAt.ToUniversalTime();
        var opensAt = input.RegistrationOpensAt?.ToUniversalTime() ?? now;
        var closesAt = input.RegistrationClosesAt?.ToUniversalTime() ?? startsAt;
        var cutoff = input.CancellationCutoffAt?.ToUniversalTime() ?? startsAt.AddHours(-24);
        check.Must(endsAt > startsAt, ErrorCodes.Invalid, "A session ends after it starts.", "input", "endsAt");
        check.Must(input.Capacity is >= 1 and <= 10_000, ErrorCodes.Invalid, "capacity runs from 1 to 10,000.", "input", "capacity");
        check.Must(closesAt > opensAt, ErrorCodes.Invalid, "Registration closes after it opens.", "input", "registrationClosesAt");
        check.Must(closesAt <= endsAt, ErrorCodes.Invalid, "Registration closes by the end of the session.", "input", "registrationClosesAt");
        check.Must(input.Kind != SessionKind.OnlineWebinar || link is not null, ErrorCodes.Required, "An online webinar needs its link.", "input", "onlineLink");
        check.Must(input.Kind == SessionKind.OnlineWebinar || venue is not null, ErrorCodes.Required, "A session on site needs its venue.", "input", "venue");
        var topics = Items(check, input.Topics, 50, "topics");
        var speakers = Items(check, input.Speakers, TrainingSession.TitleMax, "speakers");
        var materials = Items(check, input.Materials, TrainingSession.TextMax, "materials");
        check.Must(materials.All(m => Uri.TryCreate(m, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"), ErrorCodes.Invalid,
            "Materials are http(s) links.", "input", "materials");
        if (check.Failed)
        {
            return Payload<TrainingSession>.Failure(check.Errors);
        }

        if (organiser is null && !access.IsAdmin)
        {
            return Payload<TrainingSession>.Failure(new UserError(ErrorCodes.Forbidden, "Only the city centre organises sessions of its own.", ["input", "organiserId"]));
        }

        Guid? parkId = null;
        if (organiser is { } workstation)
        {
            var parks = await directory.ParksOfOpenWorkstationsAsync([workstation], cancellationToken);
            if (!parks.TryGetValue(workstation, out var park))
            {
                return Payload<TrainingSession>.Failure(UserError.NotFound("The workstation (open)", "input", "organiserId"));
            }

            if (!access.Organises(workstation))
            {
                return Payload<TrainingSession>.Failure(new UserError(ErrorCodes.Forbidden, "Only the workstation's staff or the centre schedule its sessions.", ["input", "organiserId"]));
            }

            parkId = park;
        }

        var session = new TrainingSession
        {
            WorkstationId = organiser,
            ParkId = parkId,
            Kind = input.Kind,
            Title = title!,
            Speakers = speakers,
            StartsAt = startsAt,
            EndsAt = endsAt,
            Venue = venue,
            OnlineLink = link,
            Capacity = input.Capacity,
            RegistrationOpensAt = opensAt,
            RegistrationClosesAt = closesAt,
            CancellationCutoffAt = cutoff,
            Materials = materials,
            Status = SessionStatus.Scheduled,
            CreatedAt = now,
            Version = 1,
        };
        session.SetTopics(topics);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return Payload<TrainingSession>.Success(session);
    }

    /// <summary>A list of one-line items (topics, speakers, materials), checked as scheduling and editing both need.</summary>
    internal static List<string> Items(InputCheck check, List<string>? items, int max, string field)
    {
        var list = (items ?? []).Select(i => i.Trim()).Where(i => i.Length > 0).ToList();
        check.Must(list.All(i => i.Length <= max && !i.Contains('\n') && !i.Contains(',')), ErrorCodes.Invalid,
            $"Each of {field} is one line of at most {max} characters, without commas.", "input", field);
        check.Must(string.Join('\n', list).Length <= TrainingSession.ListMax, ErrorCodes.TooLong, $"{field} is too long altogether.", "input", field);
        return list;
    }
}

internal sealed class CancelSessionInput
{
    public string? Id { get; set; }
    public string? Reason { get; set; }
}

internal sealed class CancelSessionInputType : InputObjectGraphType<CancelSessionInput>
{
    public CancelSessionInputType()
    {
        Name = "CancelTrainingSessionInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<StringGraphType>("reason").Description("Told to the registrants.");
    }
}

/// <summary>The organiser calls a session off; its registrants are told through <see cref="SessionCancelled"/>.</summary>
internal static class CancelSessionHandler
{
    public static async Task<Payload<TrainingSession>> HandleAsync(
        CancelSessionInput input, AccessContext access, TrainingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(input.Id, TrainingGlobalIds.TrainingSession, true, "input", "id");
        var reason = check.Text(input.Reason, TrainingSession.TextMax, false, "input", "reason");
        if (check.Failed)
        {
            return Payload<TrainingSession>.Failure(check.Errors);
        }

        var session = await db.Sessions.Visible(access).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null)
        {
            return Payload<TrainingSession>.Failure(UserError.NotFound("The session", "input", "id"));
        }

        if (!access.Organises(session.WorkstationId))
        {
            return Payload<TrainingSession>.Failure(new UserError(ErrorCodes.Forbidden, "Only the organiser cancels a session.", ["input", "id"]));
        }

        if (session.Status is SessionStatus.Cancelled or SessionStatus.Held)
        {
            return Payload<TrainingSession>.Failure(new UserError(ErrorCodes.InvalidState, $"The session is already {session.Status.ToString().ToUpperInvariant()}.", ["input", "id"]));
        }

        session.Status = SessionStatus.Cancelled;
        session.CancellationReason = reason;
        session.Version++;
        var registrants = await db.Registrations
            .Where(r => r.SessionId == session.Id && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Waitlisted))
            .Select(r => r.EnterpriseId)
            .ToListAsync(cancellationToken);
        db.Publish(new SessionCancelled(session.Id, session.WorkstationId, session.Title, TrainingSessionType.Instant(session.StartsAt), registrants, reason)
        {
            OccurredAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return Payload<TrainingSession>.Success(session);
    }
}

internal sealed class ScheduleSessionMutations : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Mutation<ScheduleSessionInputType, TrainingSessionType>("scheduleTrainingSession", AccessPolicies.People, "session", ScheduleSessionHandler.HandleAsync)
            .Description("Schedules a session of a workstation (its staff) or of the city centre (the centre).");
        mutation.Mutation<CancelSessionInputType, TrainingSessionType>("cancelTrainingSession", AccessPolicies.People, "session", CancelSessionHandler.HandleAsync)
            .Description("Cancels a session; its registrants are told (SessionCancelled).");
    }
}
