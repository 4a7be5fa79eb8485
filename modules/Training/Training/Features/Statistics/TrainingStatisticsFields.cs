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

/// <summary>
/// Counts the figures of a batch of organisers (workstations or parks, or the whole city) in the database, three grouped
/// statements per range asked, and applies each caller's privacy. The registrations and scores behind them stay in the
/// database: read as rows (a park's thousands, on every computation of its section) they were most of what the host
/// allocated for a park's statistics, large sets of enterprise ids among it (docs/benchmarks.md, seventeenth session).
/// </summary>
internal static class StatisticsLoader
{
    private static readonly TimeZoneInfo ParkZone = TimeZoneInfo.FindSystemTimeZoneById(ParkCalendar.DefaultTimeZone);

    public static async Task<IReadOnlyDictionary<StatisticsKey, TrainingStatistics>> ByAsync(
        TrainingDbContext db, StatisticsReads reads, IReadOnlyCollection<StatisticsKey> keys, bool byPark, CancellationToken cancellationToken)
    {
        var answers = new Dictionary<StatisticsKey, TrainingStatistics>();
        foreach (var period in keys.Select(k => k.Period).Distinct())
        {
            var ofPeriod = keys.Where(k => k.Period == period).ToList();
            bool IsCity(StatisticsKey key) => byPark && key.Organiser == StatisticsScope.WholeCity;
            var organisers = ofPeriod.Where(k => !IsCity(k)).Select(k => k.Organiser).Distinct().ToList();
            if (organisers.Count > 0)
            {
                var tallies = await TallyAsync(db, reads, period, byPark, organisers, cancellationToken);
                foreach (var key in ofPeriod.Where(k => !IsCity(k)))
                {
                    answers[key] = TrainingStatistics.From(tallies.GetValueOrDefault(key.Organiser, TrainingTally.None), key.Privacy);
                }
            }

            if (ofPeriod.Any(IsCity))
            {
                // The city counted on its own: an enterprise attending in two parks is one enterprise of the city.
                var city = await TallyAsync(db, reads, period, byPark, null, cancellationToken);
                foreach (var key in ofPeriod.Where(IsCity))
                {
                    answers[key] = TrainingStatistics.From(city.GetValueOrDefault(StatisticsScope.WholeCity, TrainingTally.None), key.Privacy);
                }
            }
        }

        return answers;
    }

    /// <summary>
    /// The tallies of <paramref name="organisers"/> (parks when <paramref name="byPark"/>, else workstations) over
    /// <paramref name="period"/>, or of every park together (null: under <see cref="StatisticsScope.WholeCity"/>).
    /// The three statements run side by side on spare connections when the host has them (ADR 0038).
    /// </summary>
    private static async Task<Dictionary<Guid, TrainingTally>> TallyAsync(
        TrainingDbContext db, StatisticsReads reads, TrainingPeriod period, bool byPark, IReadOnlyList<Guid>? organisers, CancellationToken cancellationToken)
    {
        var (startsFrom, startsBefore) = period.Instants(ParkZone);
        var grouped = organisers is not null;
        var ids = (organisers ?? []).Select(o => (Guid?)o).ToList();
        Guid OrganiserOf(Guid? organiser) => grouped ? organiser!.Value : StatisticsScope.WholeCity;

        IQueryable<TrainingSession> SessionsOf(TrainingDbContext context)
        {
            var query = context.Sessions.AsNoTracking();
            query = !grouped ? query.Where(s => s.ParkId != null) : byPark ? query.Where(s => ids.Contains(s.ParkId)) : query.Where(s => ids.Contains(s.WorkstationId));
            query = startsFrom is { } from ? query.Where(s => s.StartsAt >= from) : query;
            return startsBefore is { } before ? query.Where(s => s.StartsAt < before) : query;
        }

        // The registrations that count (attended or no-show) with their session's organiser, joined in the database.
        IQueryable<CountedRegistration> CountedOf(TrainingDbContext context) =>
            from r in context.Registrations.AsNoTracking()
            join s in SessionsOf(context) on r.SessionId equals s.Id
            where r.Status == RegistrationStatus.Attended || r.Status == RegistrationStatus.NoShow
            select new CountedRegistration
            {
                Id = r.Id,
                Organiser = grouped ? (byPark ? s.ParkId : s.WorkstationId) : null,
                EnterpriseId = r.EnterpriseId,
                Status = r.Status,
                Held = s.Status == SessionStatus.Held,
                AttendeeCount = r.AttendeeCount,
                Satisfaction = r.Satisfaction,
            };

        var heldByKind = new List<(Guid? Organiser, SessionKind Kind, int Count)>();
        var attendance = new Dictionary<Guid, (int Attended, int Attendees, int AttendedEnterprises, int Closed, int NoShows, int ClosedEnterprises)>();
        var scores = new Dictionary<Guid, (int Scores, long Sum, int Enterprises)>();
        await reads.RunAsync(
            db,
            cancellationToken,
            async (context, ct) => heldByKind = [.. (await SessionsOf(context).Where(s => s.Status == SessionStatus.Held)
                    .GroupBy(s => new { Organiser = grouped ? (byPark ? s.ParkId : s.WorkstationId) : null, s.Kind })
                    .Select(g => new { g.Key.Organiser, g.Key.Kind, Count = g.Count() })
                    .ToListAsync(ct))
                .Select(g => (g.Organiser, g.Kind, g.Count))],
            async (context, ct) => attendance = (await CountedOf(context)
                    .GroupBy(r => r.Organiser)
                    .Select(g => new
                    {
                        Organiser = g.Key,
                        Attended = g.Count(r => r.Status == RegistrationStatus.Attended),
                        Attendees = g.Sum(r => r.Status == RegistrationStatus.Attended ? (r.AttendeeCount > 1 ? r.AttendeeCount : 1) : 0),
                        AttendedEnterprises = g.Where(r => r.Status == RegistrationStatus.Attended).Select(r => r.EnterpriseId).Distinct().Count(),
                        Closed = g.Count(r => r.Held),
                        NoShows = g.Count(r => r.Held && r.Status == RegistrationStatus.NoShow),
                        ClosedEnterprises = g.Where(r => r.Held).Select(r => r.EnterpriseId).Distinct().Count(),
                    })
                    .ToListAsync(ct))
                .ToDictionary(g => OrganiserOf(g.Organiser), g => (g.Attended, g.Attendees, g.AttendedEnterprises, g.Closed, g.NoShows, g.ClosedEnterprises)),
            async (context, ct) =>
            {
                // A score per named attendee beside the older one per registration, of attended registrations only.
                var attended = CountedOf(context).Where(r => r.Status == RegistrationStatus.Attended);
                var perRegistration = attended.Where(r => r.Satisfaction != null)
                    .Select(r => new GivenScore { Organiser = r.Organiser, EnterpriseId = r.EnterpriseId, Score = r.Satisfaction!.Value });
                var perAttendee = from f in context.AttendeeFeedback.AsNoTracking()
                                  join r in attended on f.RegistrationId equals r.Id
                                  select new GivenScore { Organiser = r.Organiser, EnterpriseId = r.EnterpriseId, Score = f.Satisfaction };
                scores = (await perRegistration.Concat(perAttendee)
                        .GroupBy(g => g.Organiser)
                        .Select(g => new { Organiser = g.Key, Scores = g.Count(), Sum = g.Sum(s => (long)s.Score), Enterprises = g.Select(s => s.EnterpriseId).Distinct().Count() })
                        .ToListAsync(ct))
                    .ToDictionary(g => OrganiserOf(g.Organiser), g => (g.Scores, g.Sum, g.Enterprises));
            });

        var byKind = heldByKind.ToLookup(h => OrganiserOf(h.Organiser), h => new KindCount(h.Kind, h.Count));
        return byKind.Select(k => k.Key).Concat(attendance.Keys).Concat(scores.Keys).Distinct().ToDictionary(organiser => organiser, organiser =>
        {
            var (attended, attendees, attendedEnterprises, closed, noShows, closedEnterprises) = attendance.GetValueOrDefault(organiser);
            var (given, sum, scoring) = scores.GetValueOrDefault(organiser);
            return new TrainingTally([.. byKind[organiser]], attended, attendees, attendedEnterprises, closed, noShows, closedEnterprises, given, sum, scoring);
        });
    }

    /// <summary>A registration that counts, with its session's organiser (null when the whole city is counted together).</summary>
    private sealed class CountedRegistration
    {
        public Guid Id { get; init; }
        public Guid? Organiser { get; init; }
        public Guid EnterpriseId { get; init; }
        public RegistrationStatus Status { get; init; }
        public bool Held { get; init; }
        public int AttendeeCount { get; init; }
        public int? Satisfaction { get; init; }
    }

    /// <summary>One score given, with whose it is.</summary>
    private sealed class GivenScore
    {
        public Guid? Organiser { get; init; }
        public Guid EnterpriseId { get; init; }
        public int Score { get; init; }
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
