using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Statistics;
using IpShield.SharedKernel.Time;
using IpShield.Training.Domain;
using IpShield.Training.Persistence;
using IpShield.Training.Schema;
using IpShield.Workstations.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Training.Features.Statistics;

internal sealed class KindCountType : ObjectGraphType<KindCount>
{
    public KindCountType()
    {
        Name = "TrainingSessionKindCount";
        Field<NonNullGraphType<SessionKindType>>("kind").Resolve(c => c.Source.Kind);
        Field(k => k.Count);
    }
}

internal sealed class TrainingStatisticsType : ObjectGraphType<TrainingStatistics>
{
    public TrainingStatisticsType()
    {
        Name = "TrainingStatistics";
        Description = "What workstations are evaluated on; attendance is counted by check-in, never by registration. Session counts are the public programme; "
            + "for a dashboard client, a figure made up by fewer enterprises than the privacy threshold is null (see privacy).";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KindCountType>>>>("sessionsHeldByKind").Resolve(c => c.Source.SessionsHeldByKind);
        Field(s => s.SessionsHeld).Description("Sessions whose attendance is closed (ended, not cancelled).");
        Field(s => s.Attendees, nullable: true).Description("People who attended: the named attendees of attended registrations; null when withheld.");
        Field(s => s.AttendedRegistrations, nullable: true).Description("Null when withheld.");
        Field(s => s.UniqueEnterprises, nullable: true).Description("Distinct enterprises with at least one attendance; null when withheld.");
        Field(s => s.NoShows, nullable: true).Description("Null when withheld.");
        Field(s => s.NoShowRate, nullable: true).Description("No-shows over attended plus no-shows, in held sessions; null before any, or when withheld.");
        Field(s => s.AverageSatisfaction, nullable: true)
            .Description("Mean of the 1–5 scores given (one per named attendee, or one per registration in the older form); null before any, or when withheld.");
        Field(s => s.FeedbackCount, nullable: true).Description("Scores given; null when withheld.");
        Field<NonNullGraphType<StatisticsPrivacyType>>("privacy").Description("Whether these figures are exact or protected for small groups.").Resolve(c => c.Source.Privacy);
    }
}

/// <summary>One organiser's (workstation's or park's) figures as one caller asked for them: aliases may ask for different ranges.</summary>
internal readonly record struct StatisticsKey(Guid Organiser, TrainingPeriod Period, StatisticsPrivacy Privacy);

/// <summary>Reads the facts for a batch of organisers (workstations or parks) in three queries and computes each one's figures.</summary>
internal static class StatisticsLoader
{
    private static readonly TimeZoneInfo ParkZone = TimeZoneInfo.FindSystemTimeZoneById(ParkCalendar.DefaultTimeZone);

    public static async Task<IReadOnlyDictionary<StatisticsKey, TrainingStatistics>> ByAsync(
        TrainingDbContext db, StatisticsReads reads, IReadOnlyCollection<StatisticsKey> keys, bool byPark, CancellationToken cancellationToken)
    {
        var ids = keys.Select(k => (Guid?)k.Organiser).Distinct().ToList();
        var wholeCity = byPark && StatisticsScope.IncludesWholeCity(keys.Select(k => k.Organiser));
        var bounds = keys.Select(k => k.Period.Instants(ParkZone)).ToList();
        var startsFrom = bounds.All(b => b.StartsFrom is not null) ? bounds.Min(b => b.StartsFrom) : null;
        var startsBefore = bounds.All(b => b.StartsBefore is not null) ? bounds.Max(b => b.StartsBefore) : null;
        IQueryable<TrainingSession> SessionsOf(TrainingDbContext context)
        {
            var query = context.Sessions.AsNoTracking().Where(s => byPark ? (wholeCity ? s.ParkId != null : ids.Contains(s.ParkId)) : ids.Contains(s.WorkstationId));
            query = startsFrom is { } from ? query.Where(s => s.StartsAt >= from) : query;
            return startsBefore is { } before ? query.Where(s => s.StartsAt < before) : query;
        }

        // The registrations of those sessions, joined in the database: a park's few hundred session ids sent back as a
        // list made every statement a new text of several kilobytes to parse (and, inlined, to generate again).
        IQueryable<Registration> CountedOf(TrainingDbContext context) =>
            from r in context.Registrations.AsNoTracking()
            join s in SessionsOf(context) on r.SessionId equals s.Id
            where r.Status == RegistrationStatus.Attended || r.Status == RegistrationStatus.NoShow
            select r;

        // The three statements side by side on spare connections when the host has them (ADR 0038).
        var sessions = Enumerable.Empty<(Guid Id, SessionKind Kind, SessionStatus Status, DateTime StartsAt, Guid? Key)>().ToList();
        var registrations = Enumerable.Empty<(Guid Id, Guid SessionId, Guid EnterpriseId, RegistrationStatus Status, int AttendeeCount, int? Satisfaction)>().ToList();
        ILookup<Guid, int> scores = null!;
        await reads.RunAsync(
            db,
            cancellationToken,
            async (context, ct) => sessions = [.. (await SessionsOf(context)
                    .Select(s => new { s.Id, s.Kind, s.Status, s.StartsAt, Key = byPark ? s.ParkId : s.WorkstationId })
                    .ToListAsync(ct))
                .Select(s => (s.Id, s.Kind, s.Status, s.StartsAt, s.Key))],
            async (context, ct) => registrations = [.. (await CountedOf(context)
                    .Select(r => new { r.Id, r.SessionId, r.EnterpriseId, r.Status, r.AttendeeCount, r.Satisfaction })
                    .ToListAsync(ct))
                .Select(r => (r.Id, r.SessionId, r.EnterpriseId, r.Status, r.AttendeeCount, r.Satisfaction))],
            async (context, ct) =>
            {
                // By the sessions' ids (ADR 0039): scores of registrations not counted are dropped below, by registration.
                var ofSessions = SessionsOf(context).Select(s => s.Id);
                scores = (await context.AttendeeFeedback.AsNoTracking()
                        .Where(f => ofSessions.Contains(f.SessionId))
                        .Select(f => new { f.RegistrationId, f.Satisfaction })
                        .ToListAsync(ct))
                    .ToLookup(f => f.RegistrationId, f => f.Satisfaction);
            });
        var byId = sessions.ToDictionary(s => s.Id);

        bool InPeriod(DateTime startsAt, TrainingPeriod period)
        {
            var (from, before) = period.Instants(ParkZone);
            return (from is null || startsAt >= from) && (before is null || startsAt < before);
        }

        return keys.ToDictionary(key => key, key =>
        {
            var mine = sessions.Where(s => (s.Key == key.Organiser || (byPark && key.Organiser == StatisticsScope.WholeCity)) && InPeriod(s.StartsAt, key.Period)).ToList();
            var mineIds = mine.Select(s => s.Id).ToHashSet();
            return TrainingStatistics.Of(
                mine.Select(s => (s.Id, s.Kind, s.Status)),
                registrations.Where(r => mineIds.Contains(r.SessionId))
                    .Select(r => new RegistrationFacts(r.SessionId, r.EnterpriseId, r.Status, r.AttendeeCount, r.Satisfaction, [.. scores[r.Id]])),
                key.Privacy);
        });
    }
}

/// <summary>The date-range arguments both statistics fields take, and the privacy of the calling request.</summary>
internal static class StatisticsArguments
{
    public static FieldBuilder<TSource, TReturn> Period<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.Argument<DateOnlyGraphType>("from", "First day of the range, in the park's calendar: sessions starting that day or later. Default: no lower bound.")
            .Argument<DateOnlyGraphType>("to", "Last day of the range (included). Default: no upper bound.");

    public static StatisticsKey Key(IResolveFieldContext context)
    {
        var period = new TrainingPeriod(context.GetArgument<DateOnly?>("from"), context.GetArgument<DateOnly?>("to"));
        if (period is { From: { } from, To: { } to } && from > to)
        {
            throw new UserInputError(ErrorCodes.Invalid, "from must not be after to.");
        }

        var privacy = StatisticsPrivacy.For(context.Access(), context.RequestServices!.GetRequiredService<IConfiguration>());
        return new StatisticsKey(context.ParentKey(), period, privacy);
    }
}

/// <summary><c>Workstation.trainingStatistics</c>, from this module's own tables. People only: staff and the centre see exact figures.</summary>
internal sealed class WorkstationTrainingStatistics : TypeExtension
{
    public WorkstationTrainingStatistics()
        : base(WorkstationsGlobalIds.Workstation) =>
        Field<NonNullGraphType<TrainingStatisticsType>>("trainingStatistics")
            .Description("The training figures the city evaluates this workstation on (from the Training module), for sessions starting in the range.")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .Period()
            .Resolve(c =>
            {
                var services = c.RequestServices!;
                return services.GetRequiredService<RequestDataLoaders>()
                    .For<StatisticsKey, TrainingStatistics>("trn:workstation-statistics", (keys, ct) => StatisticsLoader.ByAsync(services.GetRequiredService<TrainingDbContext>(), services.GetRequiredService<StatisticsReads>(), keys, false, ct))
                    .Load(StatisticsArguments.Key(c));
            });
}

/// <summary>
/// The Training module's section of park and city statistics: counts only, which is all a park dashboard may read, and
/// those under the kernel's <see cref="StatisticsPrivacy"/> like every other section.
/// </summary>
internal abstract class TrainingStatisticsSection : TypeExtension
{
    protected TrainingStatisticsSection(string type, string whose)
        : base(type) =>
        Field<NonNullGraphType<TrainingStatisticsType>>("training")
            .Description($"Training of {whose} workstations (from the Training module), for sessions starting in the range.")
            .AuthorizeWithPolicy(AccessPolicies.Scope(PlatformScopes.StatsRead))
            .Period()
            .Resolve(c =>
            {
                var services = c.RequestServices!;
                var today = ParkCalendar.Today(services.GetRequiredService<TimeProvider>());
                return services.GetRequiredService<RequestDataLoaders>()
                    .StatisticsSection<TrainingDbContext, StatisticsKey, TrainingStatistics>("trn:park-statistics", today, k => k.Organiser, (db, scope, keys, ct) => StatisticsLoader.ByAsync(db, scope.GetRequiredService<StatisticsReads>(), keys, true, ct))
                    .Load(StatisticsArguments.Key(c));
            });
}

internal sealed class ParkStatisticsTraining() : TrainingStatisticsSection(StatisticsScope.ParkType, "the park's");

internal sealed class CityStatisticsTraining() : TrainingStatisticsSection(StatisticsScope.CityType, "the city's");
