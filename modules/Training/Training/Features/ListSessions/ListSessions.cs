using GraphQL;
using GraphQL.Types;
using IpShield.Enterprises.Contracts;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Filtering;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Lists;
using IpShield.SharedKernel.GraphQL.Paging;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Training.Contracts;
using IpShield.Training.Domain;
using IpShield.Training.Persistence;
using IpShield.Training.Schema;
using IpShield.Workstations.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Training.Features.ListSessions;

/// <summary>The list of sessions, declared once: behind <c>trainingSessions</c> and <c>Workstation.trainingSessions</c>.</summary>
internal sealed class TrainingSessionList : EntityList<TrainingSession>
{
    public TrainingSessionList()
        : base(TrainingGlobalIds.TrainingSession)
    {
        Order("STARTS_AT", s => s.StartsAt);
        Order("TITLE", s => s.Title);
        Reference("organiser", s => s.WorkstationId!.Value, WorkstationsGlobalIds.Workstation).Describe("The organising workstation.");
        Enum<SessionKindType, SessionKind>("kind", s => s.Kind);
        Add<StringFilterInputType, StringFilter>("topic", (rows, filter, _) => TopicFilter.Apply(rows, filter))
            .Describe("eq or in: sessions carrying the tag (market:AE, platform:noon, ip:trademark); contains: part of a tag. Ignores case.");
        Instant("startsAt", s => s.StartsAt).Describe("The date range, as instants.");
        Add<EnumFilterInputType<SessionStatusType, SessionStatus>, EnumFilter<SessionStatus>>("status", (rows, filter, context) =>
                SessionStatusFilter.Apply(rows, filter, context.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime))
            .Describe("The status as shown (OPEN and FULL follow the seats and the registration window).");
    }
}

/// <summary>A tag among the session's topics, matched whole (<c>,tag,</c> in the stored text) and ignoring case.</summary>
internal static class TopicFilter
{
    public static IQueryable<TrainingSession> Apply(IQueryable<TrainingSession> rows, StringFilter filter)
    {
        if (filter.Eq is { Length: > 0 } eq)
        {
            var tag = $",{eq.Trim().ToLowerInvariant()},";
            rows = rows.Where(s => s.TopicsText.ToLower().Contains(tag));
        }

        if (filter.In is { Count: > 0 } any)
        {
            var session = System.Linq.Expressions.Expression.Parameter(typeof(TrainingSession), "s");
            var text = System.Linq.Expressions.Expression.Call(
                System.Linq.Expressions.Expression.Property(session, nameof(TrainingSession.TopicsText)), typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!);
            var body = any.Select(t => (System.Linq.Expressions.Expression)System.Linq.Expressions.Expression.Call(
                    text, typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!, System.Linq.Expressions.Expression.Constant($",{t.Trim().ToLowerInvariant()},")))
                .Aggregate(System.Linq.Expressions.Expression.OrElse);
            rows = rows.Where(System.Linq.Expressions.Expression.Lambda<Func<TrainingSession, bool>>(body, session));
        }

        if (filter.Contains is { Length: > 0 } part)
        {
            var lowered = part.Trim().ToLowerInvariant();
            rows = rows.Where(s => s.TopicsText.ToLower().Contains(lowered));
        }

        return rows;
    }
}

/// <summary>The shown status as SQL: OPEN and FULL are not stored, they follow the seats and the clock.</summary>
internal static class SessionStatusFilter
{
    public static IQueryable<TrainingSession> Apply(IQueryable<TrainingSession> rows, EnumFilter<SessionStatus> filter, DateTime now)
    {
        var wanted = filter.In is { } many ? many.ToHashSet() : filter.Eq is { } one ? [one] : null;
        if (wanted is null)
        {
            return rows;
        }

        bool cancelled = wanted.Contains(SessionStatus.Cancelled), held = wanted.Contains(SessionStatus.Held), full = wanted.Contains(SessionStatus.Full),
            open = wanted.Contains(SessionStatus.Open), scheduled = wanted.Contains(SessionStatus.Scheduled);
        return rows.Where(s =>
            (cancelled && s.Status == SessionStatus.Cancelled)
            || (held && s.Status == SessionStatus.Held)
            || (s.Status != SessionStatus.Held && s.Status != SessionStatus.Cancelled
                && ((full && s.SeatsTaken >= s.Capacity)
                    || (s.SeatsTaken < s.Capacity
                        && ((open && s.RegistrationOpensAt <= now && now < s.RegistrationClosesAt)
                            || (scheduled && (now < s.RegistrationOpensAt || now >= s.RegistrationClosesAt)))))));
    }
}

/// <summary>The list of registrations, declared once: behind <c>TrainingSession.registrations</c> and <c>Enterprise.trainingAttendance</c>.</summary>
internal sealed class RegistrationList : EntityList<Registration>
{
    public RegistrationList()
        : base(TrainingGlobalIds.TrainingRegistration)
    {
        Order("REGISTERED_AT", r => r.RegisteredAt);
        Enum<RegistrationStatusType, RegistrationStatus>("status", r => r.Status);
        Reference("session", r => r.SessionId, TrainingGlobalIds.TrainingSession);
        Reference("enterprise", r => r.EnterpriseId, EnterprisesGlobalIds.Enterprise);
    }
}

internal sealed class ListSessions : IQueryFieldContribution
{
    private static readonly TrainingSessionList Sessions = ListDeclarations.Of<TrainingSessionList, TrainingSession>();

    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<TrainingSessionType, TrainingSession>>>("trainingSessions")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .Description("The training programme of every workstation and the centre, earliest first unless told otherwise.")
            .ListArguments(Sessions)
            .ResolveAsync(async c => await Sessions.PageAsync(c, c.RequestServices!.GetRequiredService<TrainingDbContext>().Rows<TrainingSession>(c.Access(), c.RequestServices!)));
}

/// <summary><c>Workstation.trainingSessions</c>: the sessions it organises, one read per page of workstations.</summary>
internal sealed class WorkstationTrainingSessions : TypeExtension
{
    private static readonly TrainingSessionList Sessions = ListDeclarations.Of<TrainingSessionList, TrainingSession>();

    public WorkstationTrainingSessions()
        : base(WorkstationsGlobalIds.Workstation) =>
        Field<NonNullGraphType<ConnectionType<TrainingSessionType, TrainingSession>>>("trainingSessions")
            .Description("The sessions this workstation organises, filtered and ordered like trainingSessions.")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .ListArguments(Sessions)
            .Resolve(c =>
            {
                var access = c.Access();
                return Sessions.PageOfParent(c, c.ParentKey(), sp => sp.GetRequiredService<TrainingDbContext>().Rows<TrainingSession>(access, sp), s => s.WorkstationId);
            });
}

/// <summary><c>Enterprise.trainingAttendance</c>: its registrations the caller may see (members: their own enterprise's only).</summary>
internal sealed class EnterpriseTrainingAttendance : TypeExtension
{
    private static readonly RegistrationList Registrations = ListDeclarations.Of<RegistrationList, Registration>();

    public EnterpriseTrainingAttendance()
        : base(EnterprisesGlobalIds.Enterprise) =>
        Field<NonNullGraphType<ConnectionType<TrainingRegistrationType, Registration>>>("trainingAttendance")
            .Description("Its registrations for training sessions, with status and attendance.")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .ListArguments(Registrations)
            .Resolve(c =>
            {
                var access = c.Access();
                return Registrations.PageOfParent(c, c.ParentKey(), sp => sp.GetRequiredService<TrainingDbContext>().Rows<Registration>(access, sp), r => (Guid?)r.EnterpriseId);
            });
}

/// <summary><c>TrainingSession.registrations</c>: who is registered, waitlisted, attended — under the registrations' row rule.</summary>
internal sealed class SessionRegistrations : TypeExtension
{
    private static readonly RegistrationList Registrations = ListDeclarations.Of<RegistrationList, Registration>();

    public SessionRegistrations()
        : base(TrainingGlobalIds.TrainingSession) =>
        Field<NonNullGraphType<ConnectionType<TrainingRegistrationType, Registration>>>("registrations")
            .Description("The registrations the caller may see: all for the organiser, its own for a member's enterprise.")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .ListArguments(Registrations)
            .Resolve(c =>
            {
                var access = c.Access();
                return Registrations.PageOfParent(c, c.ParentKey(), sp => sp.GetRequiredService<TrainingDbContext>().Rows<Registration>(access, sp), r => (Guid?)r.SessionId);
            });
}
