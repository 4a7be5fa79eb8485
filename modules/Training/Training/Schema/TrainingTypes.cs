using GraphQL;
using GraphQL.Types;
using IpShield.Enterprises.Contracts;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.Training.CheckIn;
using IpShield.Training.Contracts;
using IpShield.Training.Domain;
using IpShield.Training.Persistence;
using IpShield.Workstations.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Training.Schema;

internal sealed class SessionKindType : EnumerationGraphType<SessionKind>
{
    public SessionKindType() => Name = "TrainingSessionKind";
}

internal sealed class SessionStatusType : EnumerationGraphType<SessionStatus>
{
    public SessionStatusType() => Name = "TrainingSessionStatus";
}

internal sealed class RegistrationStatusType : EnumerationGraphType<RegistrationStatus>
{
    public RegistrationStatusType() => Name = "TrainingRegistrationStatus";
}

internal sealed class AttendanceSourceType : EnumerationGraphType<AttendanceSource>
{
    public AttendanceSourceType() => Name = "AttendanceSource";
}

/// <summary>A session of a workstation's or the centre's training programme.</summary>
internal sealed class TrainingSessionType : EntityNodeType<TrainingSession, TrainingDbContext>
{
    private static readonly TimeZoneInfo ParkZone = TimeZoneInfo.FindSystemTimeZoneById(SharedKernel.Time.ParkCalendar.DefaultTimeZone);

    public TrainingSessionType()
        : base(TrainingGlobalIds.TrainingSession)
    {
        Description = "A training, IP salon, online webinar or one-on-one clinic, with capacity and a waitlist.";
        this.AuthorizeWithPolicy(AccessPolicies.People);
        Field("organiser", new GraphQLTypeReference(WorkstationsGlobalIds.Workstation))
            .Description("The organising workstation; null for the city centre (or a workstation the caller may not see).")
            .Resolve(c => c.LoadNode(WorkstationsGlobalIds.Workstation, c.Source.WorkstationId));
        Field<NonNullGraphType<SessionKindType>>("kind").Resolve(c => c.Source.Kind);
        Field(s => s.Title);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("topics")
            .Description("Tags: markets, platforms, IP kinds (market:AE, platform:noon, ip:trademark).").Resolve(c => c.Source.Topics);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("speakers").Description("Staff or outside experts.").Resolve(c => c.Source.Speakers);
        Field<NonNullGraphType<DateTimeGraphType>>("startsAt").Description("UTC.").Resolve(c => Utc(c.Source.StartsAt));
        Field<NonNullGraphType<DateTimeGraphType>>("endsAt").Description("UTC.").Resolve(c => Utc(c.Source.EndsAt));
        Field<NonNullGraphType<StringGraphType>>("startsAtLocal").Description("The start in the park's time zone (ISO 8601 with its offset).")
            .Resolve(c => Local(c.Source.StartsAt));
        Field<NonNullGraphType<StringGraphType>>("endsAtLocal").Description("The end in the park's time zone (ISO 8601 with its offset).")
            .Resolve(c => Local(c.Source.EndsAt));
        Field(s => s.Venue, nullable: true);
        Field(s => s.OnlineLink, nullable: true);
        Field(s => s.Capacity);
        Field(s => s.SeatsTaken).Description("Registrations holding a seat (registered or attended).");
        Field<NonNullGraphType<DateTimeGraphType>>("registrationOpensAt").Resolve(c => Utc(c.Source.RegistrationOpensAt));
        Field<NonNullGraphType<DateTimeGraphType>>("registrationClosesAt").Resolve(c => Utc(c.Source.RegistrationClosesAt));
        Field<NonNullGraphType<DateTimeGraphType>>("cancellationCutoffAt").Description("Registrants may cancel themselves until then.")
            .Resolve(c => Utc(c.Source.CancellationCutoffAt));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("materials").Description("Links.").Resolve(c => c.Source.Materials);
        Field<NonNullGraphType<SessionStatusType>>("status")
            .Description("OPEN while registration is open and seats are left, FULL when none are, HELD once attendance is closed.")
            .Resolve(c => c.Source.StatusAt(c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime));
        Field(s => s.CancellationReason, nullable: true);
        Field(s => s.Version);
    }

    /// <summary>A stored instant (UTC, whatever kind the provider read it back with) for the DateTime scalar.</summary>
    internal static DateTime Utc(DateTime instant) => DateTime.SpecifyKind(instant, DateTimeKind.Utc);

    /// <summary>A stored instant for an integration event.</summary>
    internal static DateTimeOffset Instant(DateTime instant) => new(Utc(instant));

    private static string Local(DateTime instant) =>
        TimeZoneInfo.ConvertTime(Instant(instant), ParkZone).ToString("yyyy-MM-dd'T'HH:mmzzz", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>An enterprise's registration for a session.</summary>
internal sealed class TrainingRegistrationType : EntityNodeType<Registration, TrainingDbContext>
{
    public TrainingRegistrationType()
        : base(TrainingGlobalIds.TrainingRegistration)
    {
        Description = "An enterprise's registration for a session, with the people it sends; attendance is counted by check-in.";
        this.AuthorizeWithPolicy(AccessPolicies.People);
        Field("session", new GraphQLTypeReference(TrainingGlobalIds.TrainingSession))
            .Resolve(c => c.LoadNode(TrainingGlobalIds.TrainingSession, c.Source.SessionId));
        Field("enterprise", new GraphQLTypeReference(EnterprisesGlobalIds.Enterprise))
            .Description("Null when the caller may not see the enterprise.")
            .Resolve(c => c.LoadNode(EnterprisesGlobalIds.Enterprise, c.Source.EnterpriseId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("attendees").Description("The people the enterprise sends.").Resolve(c => c.Source.Attendees);
        Field<NonNullGraphType<RegistrationStatusType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<DateTimeGraphType>>("registeredAt").Resolve(c => TrainingSessionType.Utc(c.Source.RegisteredAt));
        Field<DateTimeGraphType>("attendedAt").Description("The scan time (also for offline scans) or the join time.")
            .Resolve(c => c.Source.AttendedAt is { } at ? TrainingSessionType.Utc(at) : null);
        Field<AttendanceSourceType>("attendanceSource").Resolve(c => c.Source.AttendanceSource);
        Field(r => r.Satisfaction, nullable: true).Description("1–5 for the whole registration (the first form of feedback).")
            .DeprecationReason("Use feedback: one score per named attendee.");
        Field(r => r.FeedbackComment, nullable: true).DeprecationReason("Use feedback: one comment per named attendee.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AttendeeFeedbackType>>>>("feedback")
            .Description("The scores and comments given per named attendee after attending, in the order given.")
            .Resolve(c =>
            {
                var services = c.RequestServices!;
                return services.GetRequiredService<RequestDataLoaders>()
                    .For<Guid, IReadOnlyList<AttendeeFeedback>>("trn:attendee-feedback", (keys, ct) => AttendeeFeedbackLoader.ByRegistrationAsync(services.GetRequiredService<TrainingDbContext>(), keys, ct))
                    .Load(c.Source.Id);
            });
        Field<StringGraphType>("checkInCode")
            .Description("The signed code staff scan at the door; null while the registration holds no seat.")
            .Resolve(c => c.Source.HoldsSeat ? c.RequestServices!.GetRequiredService<CheckInCode>().Issue(c.Source.Id, c.Source.SessionId) : null);
        Field<StringGraphType>("checkInQrSvg")
            .Description("The check-in code as a QR image, SVG markup.")
            .Resolve(c => c.Source.HoldsSeat ? CheckInQr.Svg(c.RequestServices!.GetRequiredService<CheckInCode>().Issue(c.Source.Id, c.Source.SessionId)) : null);
        Field<StringGraphType>("checkInQrPng")
            .Description("The check-in code as a QR image, a data: URI of a PNG.")
            .Resolve(c => c.Source.HoldsSeat ? CheckInQr.PngDataUri(c.RequestServices!.GetRequiredService<CheckInCode>().Issue(c.Source.Id, c.Source.SessionId)) : null);
        Field(r => r.Version);
    }
}

/// <summary>One named attendee's feedback; read only through its registration, which carries the row rule.</summary>
internal sealed class AttendeeFeedbackType : ObjectGraphType<AttendeeFeedback>
{
    public AttendeeFeedbackType()
    {
        Name = "TrainingAttendeeFeedback";
        Description = "A 1–5 satisfaction score and a comment for one named attendee of a registration.";
        Field(f => f.Attendee).Description("The attendee, as named in the registration.");
        Field(f => f.Satisfaction).Description("1 (poor) to 5 (excellent).");
        Field(f => f.Comment, nullable: true);
        Field<NonNullGraphType<DateTimeGraphType>>("givenAt").Resolve(c => TrainingSessionType.Utc(c.Source.GivenAt));
    }
}

/// <summary>The feedback of a page of registrations in one query.</summary>
internal static class AttendeeFeedbackLoader
{
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<AttendeeFeedback>>> ByRegistrationAsync(
        TrainingDbContext db, IReadOnlyCollection<Guid> registrationIds, CancellationToken cancellationToken)
    {
        var ids = registrationIds.ToList();
        var rows = (await db.AttendeeFeedback.AsNoTracking().Where(f => ids.Contains(f.RegistrationId)).ToListAsync(cancellationToken))
            .OrderBy(f => f.GivenAt).ThenBy(f => f.Id).ToLookup(f => f.RegistrationId);
        return ids.ToDictionary(id => id, id => (IReadOnlyList<AttendeeFeedback>)[.. rows[id]]);
    }
}
