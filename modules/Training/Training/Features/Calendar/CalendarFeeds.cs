using System.Security.Cryptography;
using GraphQL.Types;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IpShield.Enterprises.Contracts;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Training.Domain;
using IpShield.Training.Persistence;
using IpShield.Workstations.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Training.Features.Calendar;

internal sealed class CalendarOwnerType : EnumerationGraphType<CalendarOwner>
{
    public CalendarOwnerType() => Name = "TrainingCalendarOwner";
}

internal sealed class CalendarFeedType : ObjectGraphType<CalendarFeed>
{
    public const string TypeName = "TrainingCalendarFeed";

    public CalendarFeedType()
    {
        Name = TypeName;
        Description = "A secret address a calendar app subscribes to (iCalendar, RFC 5545). Whoever has it can read the feed; revoke it to stop that.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field<NonNullGraphType<CalendarOwnerType>>("owner").Resolve(c => c.Source.OwnerKind);
        Field<NonNullGraphType<StringGraphType>>("path").Description("The feed's path on this host, e.g. /training/calendar/….ics; shown once, when created.")
            .Resolve(c => CalendarFeeds.PathOf(c.Source.Token));
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => Schema.TrainingSessionType.Utc(c.Source.CreatedAt));
        Field<DateTimeGraphType>("revokedAt").Resolve(c => c.Source.RevokedAt is { } at ? Schema.TrainingSessionType.Utc(at) : null);
    }
}

internal sealed class CreateFeedInput
{
    public string? WorkstationId { get; set; }
    public string? EnterpriseId { get; set; }
}

internal sealed class CreateFeedInputType : InputObjectGraphType<CreateFeedInput>
{
    public CreateFeedInputType()
    {
        Name = "CreateTrainingCalendarFeedInput";
        Field<IdGraphType>("workstationId").Description("A workstation's programme (its staff or the centre).");
        Field<IdGraphType>("enterpriseId").Description("An enterprise's registrations (its members, its workstation's staff or the centre).");
    }
}

internal sealed class RevokeFeedInput
{
    public string? Id { get; set; }
}

internal sealed class RevokeFeedInputType : InputObjectGraphType<RevokeFeedInput>
{
    public RevokeFeedInputType()
    {
        Name = "RevokeTrainingCalendarFeedInput";
        Field<NonNullGraphType<IdGraphType>>("id");
    }
}

/// <summary>Calendar feeds: created and revoked through GraphQL, served at a secret URL written with Ical.Net.</summary>
internal static class CalendarFeeds
{
    public static string PathOf(string token) => $"/training/calendar/{token}.ics";

    public static async Task<Payload<CalendarFeed>> CreateAsync(
        CreateFeedInput input, AccessContext access, TrainingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var workstation = check.Id(input.WorkstationId, WorkstationsGlobalIds.Workstation, false, "input", "workstationId");
        var enterprise = check.Id(input.EnterpriseId, EnterprisesGlobalIds.Enterprise, false, "input", "enterpriseId");
        check.Must((workstation is null) != (enterprise is null) || check.Failed, ErrorCodes.Invalid, "Give either a workstation or an enterprise.", "input", "workstationId");
        if (check.Failed)
        {
            return Payload<CalendarFeed>.Failure(check.Errors);
        }

        var allowed = workstation is { } ws
            ? access.Organises(ws)
            : access.MayRegister(enterprise!.Value, (await db.EnterprisePlacements.AsNoTracking().SingleOrDefaultAsync(p => p.EnterpriseId == enterprise, cancellationToken))?.WorkstationId);
        if (!allowed)
        {
            return Payload<CalendarFeed>.Failure(UserError.NotFound(workstation is null ? "The enterprise" : "The workstation", "input", workstation is null ? "enterpriseId" : "workstationId"));
        }

        var feed = new CalendarFeed
        {
            OwnerKind = workstation is null ? CalendarOwner.Enterprise : CalendarOwner.Workstation,
            OwnerId = workstation ?? enterprise!.Value,
            Token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.CalendarFeeds.Add(feed);
        await db.SaveChangesAsync(cancellationToken);
        return Payload<CalendarFeed>.Success(feed);
    }

    public static async Task<Payload<CalendarFeed>> RevokeAsync(
        RevokeFeedInput input, AccessContext access, TrainingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(input.Id, CalendarFeedType.TypeName, true, "input", "id");
        if (check.Failed)
        {
            return Payload<CalendarFeed>.Failure(check.Errors);
        }

        var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        var placement = feed?.OwnerKind == CalendarOwner.Enterprise
            ? await db.EnterprisePlacements.AsNoTracking().SingleOrDefaultAsync(p => p.EnterpriseId == feed.OwnerId, cancellationToken)
            : null;
        if (feed is null || !(feed.OwnerKind == CalendarOwner.Workstation ? access.Organises(feed.OwnerId) : access.MayRegister(feed.OwnerId, placement?.WorkstationId)))
        {
            return Payload<CalendarFeed>.Failure(UserError.NotFound("The calendar feed", "input", "id"));
        }

        feed.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return Payload<CalendarFeed>.Success(feed);
    }

    /// <summary>The feed itself: no sign-in (calendar apps cannot), the unguessable token is the credential.</summary>
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/training/calendar/{file}", async (string file, TrainingDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var token = file.EndsWith(".ics", StringComparison.Ordinal) ? file[..^4] : file;
            var feed = await db.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.Token == token && f.RevokedAt == null, cancellationToken);
            if (feed is null)
            {
                return Results.NotFound();
            }

            var since = time.GetUtcNow().UtcDateTime.AddDays(-180);
            var entries = feed.OwnerKind == CalendarOwner.Workstation
                ? await db.Sessions.AsNoTracking().Where(s => s.WorkstationId == feed.OwnerId && s.EndsAt >= since)
                    .OrderBy(s => s.StartsAt).Take(500).Select(s => new Entry(s, null)).ToListAsync(cancellationToken)
                : await db.Registrations.AsNoTracking().Where(r => r.EnterpriseId == feed.OwnerId && r.Status != RegistrationStatus.Cancelled)
                    .Join(db.Sessions.AsNoTracking().Where(s => s.EndsAt >= since), r => r.SessionId, s => s.Id, (r, s) => new { Session = s, r.Status })
                    .OrderBy(e => e.Session.StartsAt).Take(500).Select(e => new Entry(e.Session, e.Status)).ToListAsync(cancellationToken);
            return Results.Text(Write(entries), "text/calendar; charset=utf-8");
        }).AllowAnonymous();

    private sealed record Entry(TrainingSession Session, RegistrationStatus? Registration);

    private static string Write(IEnumerable<Entry> entries)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//IP Shield//Training//ZH" };
        calendar.AddProperty("X-WR-CALNAME", "IP Shield training");
        foreach (var (session, registration) in entries)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{session.Id:N}@training.ipshield",
                Summary = session.Title,
                Start = new CalDateTime(DateTime.SpecifyKind(session.StartsAt, DateTimeKind.Utc)),
                End = new CalDateTime(DateTime.SpecifyKind(session.EndsAt, DateTimeKind.Utc)),
                Location = session.Venue ?? session.OnlineLink,
                Description = string.Join('\n', new[] { session.OnlineLink, string.Join(", ", session.Topics), registration is { } r ? $"Registration: {r}" : null }.Where(t => !string.IsNullOrEmpty(t))),
                Status = session.Status == SessionStatus.Cancelled ? EventStatus.Cancelled : registration == RegistrationStatus.Waitlisted ? EventStatus.Tentative : EventStatus.Confirmed,
                Sequence = session.Version,
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}

internal sealed class CalendarFeedMutations : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Mutation<CreateFeedInputType, CalendarFeedType>("createTrainingCalendarFeed", AccessPolicies.People, "feed", CalendarFeeds.CreateAsync)
            .Description("A secret iCalendar address for a workstation's programme or an enterprise's registrations.");
        mutation.Mutation<RevokeFeedInputType, CalendarFeedType>("revokeTrainingCalendarFeed", AccessPolicies.People, "feed", CalendarFeeds.RevokeAsync)
            .Description("Stops a calendar feed: its address answers 404 from now on.");
    }
}
