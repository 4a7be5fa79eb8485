using GraphQL;
using GraphQL.Types;
using IpShield.Disputes.Domain;
using IpShield.Disputes.Persistence;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Statistics;
using IpShield.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Disputes.Features.Statistics;

internal sealed record LabelCount(string Label, int Count);

internal sealed record MoneyTotal(string Currency, decimal Amount);

/// <summary>Counts only: what a park's dashboard may read about its disputes and warnings, never the cases behind them.</summary>
internal sealed record ParkDisputeStatistics(
    IReadOnlyList<LabelCount> OpenByStage,
    IReadOnlyList<LabelCount> OpenByPlatform,
    IReadOnlyList<LabelCount> ClosedByOutcome,
    double? MedianDaysToClose,
    IReadOnlyList<MoneyTotal> LossesRecovered,
    int WarningsReceived,
    int Reach,
    int Acknowledged,
    int AcknowledgingEnterprises,
    StatisticsPrivacy Privacy)
{
    /// <summary>Null without any reach, and for a dashboard when fewer enterprises than the threshold acknowledged.</summary>
    public double? AcknowledgementRate => Reach == 0 || Privacy.Count(AcknowledgingEnterprises) is null ? null : Math.Round((double)Acknowledged / Reach, 4);
}

/// <summary>
/// The kernel's small-group rule applied to case figures: a label (stage, platform, outcome) concerning fewer enterprises
/// than the threshold is folded into OTHER for a dashboard, or withheld when OTHER would concern too few too; sums and
/// medians over too few enterprises are left out. Counts shown are cases; the threshold counts distinct enterprises.
/// </summary>
internal static class CaseFigurePrivacy
{
    /// <summary>
    /// The labels shown from per-label tallies (cases, distinct enterprises). <paramref name="distinctEnterprisesIn"/>
    /// counts the distinct enterprises of a union of labels, which folding needs and only a dashboard asks for; since
    /// OTHER shows cases, not enterprises, a lower bound of the union serves once it reaches the threshold.
    /// </summary>
    public static IReadOnlyList<LabelCount> Labels(IReadOnlyList<LabelTally> tallies, Func<IReadOnlyCollection<string>, int> distinctEnterprisesIn, StatisticsPrivacy privacy)
    {
        var groups = tallies.ToDictionary(t => t.Label, StringComparer.Ordinal);
        var folded = privacy.Fold(groups.Values.Select(g => new GroupCount(g.Label, g.Enterprises)), distinctEnterprisesIn);
        var shown = folded.Groups.Where(g => g.Key != Breakdown.Other).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var labels = shown.Select(k => new LabelCount(k, groups[k].Cases)).OrderBy(l => l.Label, StringComparer.Ordinal).ToList();
        if (folded.Groups.Any(g => g.Key == Breakdown.Other))
        {
            labels.Add(new LabelCount(Breakdown.Other, groups.Values.Where(g => !shown.Contains(g.Label)).Sum(g => g.Cases)));
        }

        return labels;
    }
}

/// <summary>Cases with one label (a stage, a platform, an outcome) and the distinct enterprises they concern, as the database counts them.</summary>
internal sealed record LabelTally(string Label, int Cases, int Enterprises);

internal sealed class LabelCountType : ObjectGraphType<LabelCount>
{
    public LabelCountType()
    {
        Name = "DisputeCount";
        Field(c => c.Label).Description("A stage key, a platform or an outcome.");
        Field(c => c.Count);
    }
}

internal sealed class MoneyTotalType : ObjectGraphType<MoneyTotal>
{
    public MoneyTotalType()
    {
        Name = "MoneyTotal";
        Field(m => m.Currency).Description("ISO 4217 code.");
        Field(m => m.Amount);
    }
}

internal sealed class ParkDisputeStatisticsType : ObjectGraphType<ParkDisputeStatistics>
{
    public ParkDisputeStatisticsType()
    {
        Name = "ParkDisputeStatistics";
        Description = "Disputes and warnings of the park's enterprises, as counts (from the Disputes module).";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LabelCountType>>>>("openByStage").Resolve(c => c.Source.OpenByStage);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LabelCountType>>>>("openByPlatform").Resolve(c => c.Source.OpenByPlatform);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LabelCountType>>>>("closedByOutcome").Resolve(c => c.Source.ClosedByOutcome);
        Field(s => s.MedianDaysToClose, nullable: true).Description("From opening to closing, over closed cases.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MoneyTotalType>>>>("lossesRecovered").Description("Summed per currency.").Resolve(c => c.Source.LossesRecovered);
        Field(s => s.WarningsReceived).Description("Risk warnings that reached at least one enterprise of the park.");
        Field(s => s.Reach).Description("Notifications delivered to the park's enterprises.");
        Field(s => s.Acknowledged);
        Field(s => s.AcknowledgementRate, nullable: true).Description("Acknowledged / reach; null without any, and for a dashboard when fewer enterprises than the privacy threshold acknowledged.");
        Field<NonNullGraphType<StatisticsPrivacyType>>("privacy")
            .Description("Whether these figures are exact or protected: for a dashboard, stages, platforms and outcomes concerning fewer enterprises than the threshold are folded into OTHER (or left out), and the median and the losses over too few enterprises are null or left out.")
            .Resolve(c => c.Source.Privacy);
    }
}

internal abstract class DisputeStatisticsSection : TypeExtension
{
    /// <summary>The parks' calendar: day bounds of the range become instants in its time zone.</summary>
    private static readonly TimeZoneInfo ParkZone = TimeZoneInfo.FindSystemTimeZoneById(ParkCalendar.DefaultTimeZone);

    private static DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, ParkZone.GetUtcOffset(midnight));
    }

    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    protected DisputeStatisticsSection(string type, string whose)
        : base(type) =>
        Field<NonNullGraphType<ParkDisputeStatisticsType>>("disputes")
            .Description($"Disputes and risk warnings of {whose} enterprises (from the Disputes module).")
            .AuthorizeWithPolicy(AccessPolicies.Scope(PlatformScopes.StatsRead))
            .Argument<DateOnlyGraphType>("from", "First day of the range, in the park's calendar: cases closed and warnings delivered that day or later count. Default: no lower bound.")
            .Argument<DateOnlyGraphType>("to", "Last day of the range (included). Open cases are always today's. Default: no upper bound.")
            .Resolve(context =>
            {
                var (from, to) = (context.GetArgument<DateOnly?>("from"), context.GetArgument<DateOnly?>("to"));
                if (from > to)
                {
                    throw new UserInputError(ErrorCodes.Invalid, "from must not be after to.");
                }

                var services = context.RequestServices!;
                var privacy = StatisticsPrivacy.For(context.Access(), services.GetRequiredService<IConfiguration>());
                var today = ParkCalendar.Today(services.GetRequiredService<TimeProvider>());
                return services.GetRequiredService<RequestDataLoaders>()
                    .StatisticsSection<DisputesDbContext, SectionKey, ParkDisputeStatistics>("dsp:park-statistics", today, k => k.Park, (db, scope, keys, ct) => LoadAsync(db, scope.GetRequiredService<StatisticsReads>(), keys, ct))
                    .Load(new SectionKey(context.ParentKey(), from, to, privacy));
            });

    /// <summary>One park's (or the city's) section as one caller asked for it: aliases may ask for different ranges in one request.</summary>
    private readonly record struct SectionKey(Guid Park, DateOnly? From, DateOnly? To, StatisticsPrivacy Privacy);

    /// <summary>
    /// Every park asked for in one request is read at once, counted by the database and grouped by park (ADR 0028): the
    /// statements do not multiply with the parks of <c>cityStatistics { parks { disputes } }</c>. The whole city, when
    /// asked, is counted on its own (a warning reaching two parks is one warning for the city).
    /// </summary>
    private static async Task<IReadOnlyDictionary<SectionKey, ParkDisputeStatistics>> LoadAsync(
        DisputesDbContext db, StatisticsReads reads, IReadOnlyCollection<SectionKey> keys, CancellationToken cancellationToken)
    {
        var answers = new Dictionary<SectionKey, ParkDisputeStatistics>();
        foreach (var range in keys.Select(k => (k.From, k.To)).Distinct())
        {
            var ofRange = keys.Where(k => (k.From, k.To) == range).ToList();
            var parks = ofRange.Where(k => k.Park != StatisticsScope.WholeCity).Select(k => k.Park).Distinct().ToList();
            var foldBelow = ofRange.Where(k => !k.Privacy.Exact).Select(k => k.Privacy.MinimumGroupSize).DefaultIfEmpty(0).Max();
            if (parks.Count > 0)
            {
                var read = await ReadAsync(db, reads, parks, range, foldBelow, cancellationToken);
                foreach (var key in ofRange.Where(k => k.Park != StatisticsScope.WholeCity))
                {
                    answers[key] = read(key.Park, key.Privacy);
                }
            }

            if (ofRange.Any(k => k.Park == StatisticsScope.WholeCity))
            {
                var read = await ReadAsync(db, reads, null, range, foldBelow, cancellationToken);
                foreach (var key in ofRange.Where(k => k.Park == StatisticsScope.WholeCity))
                {
                    answers[key] = read(StatisticsScope.WholeCity, key.Privacy);
                }
            }
        }

        return answers;
    }

    /// <summary>
    /// Reads the figures of <paramref name="parks"/>, grouped by park, or of the whole city (null: grouped under
    /// <see cref="StatisticsScope.WholeCity"/>). The root field has already decided that the caller may read these figures.
    /// Labels, counts and sums are aggregated in the database, the closed cases counted per number of days to close for
    /// the median; on SQLite only, the closed cases' dates and the recovered amounts are read as rows. The four groups of
    /// statements run side by side on spare connections when the host has them (ADR 0038).
    /// </summary>
    private static async Task<Func<Guid, StatisticsPrivacy, ParkDisputeStatistics>> ReadAsync(
        DisputesDbContext db, StatisticsReads reads, IReadOnlyList<Guid>? parks, (DateOnly? From, DateOnly? To) range, int foldBelow, CancellationToken cancellationToken)
    {
        // Delivery instants bound by the park's calendar days: from the start of `from` to the end of `to`.
        DateTimeOffset? deliveredFrom = range.From is { } f ? StartOf(f) : null;
        DateTimeOffset? deliveredBefore = range.To is { } t ? StartOf(t.AddDays(1)) : null;
        var byPark = parks is not null;
        var parkIds = (parks ?? []).Select(p => (Guid?)p).ToList();
        Guid ScopeOf(Guid? park) => byPark ? park!.Value : StatisticsScope.WholeCity;

        // The cases of the scope, from any of the section's contexts: the groups below run side by side, each on its own.
        IQueryable<DisputeCase> CasesOf(DisputesDbContext context) =>
            context.Cases.AsNoTracking().Where(c => byPark ? parkIds.Contains(c.ParkId) : c.ParkId != null);
        IQueryable<DisputeCase> OpenOf(DisputesDbContext context) => CasesOf(context).Where(c => c.Outcome == null);
        IQueryable<DisputeCase> ClosedOf(DisputesDbContext context)
        {
            var closed = CasesOf(context).Where(c => c.Outcome != null);
            closed = range.From is { } closedFrom ? closed.Where(c => c.ClosedOn >= closedFrom) : closed;
            return range.To is { } closedTo ? closed.Where(c => c.ClosedOn <= closedTo) : closed;
        }

        var sqlite = db.Database.ProviderName == SqliteProvider;
        ILookup<Guid, LabelTally> byStage = null!, byPlatform = null!, byOutcome = null!;
        ILookup<Guid, (int Days, int Cases)> durations = null!;
        ILookup<Guid, (string Currency, decimal Amount, int Enterprises)> recovered = null!;
        Dictionary<Guid, (int Warnings, int Reach, int Acknowledged, int Acknowledging)> warnings = null!;
        await reads.RunAsync(
            db,
            cancellationToken,
            async (context, ct) =>
            {
                // Days to close counted per number of days and recovered losses summed per currency, by the database;
                // SQLite (the embedded default) cannot subtract dates or sum decimals: there the closed cases' rows are read.
                // Only the closed cases that recovered a loss (ADR 0039): a quarter of them at the benchmark's scale.
                var recoveredAmounts = context.Amounts.AsNoTracking().Where(a => a.Kind == AmountKind.LossesRecovered)
                    .Join(ClosedOf(context).Where(c => c.RecoversLosses), a => a.CaseId, c => c.Id, (a, c) => new { c.ParkId, c.EnterpriseId, a.Currency, a.Amount });
                recovered = sqlite
                    ? (await recoveredAmounts.ToListAsync(ct))
                        .GroupBy(a => (Scope: ScopeOf(a.ParkId), a.Currency))
                        .ToLookup(g => g.Key.Scope, g => (g.Key.Currency, g.Sum(a => a.Amount), g.Select(a => a.EnterpriseId).Distinct().Count()))
                    : (await recoveredAmounts.GroupBy(a => new { Park = byPark ? a.ParkId : null, a.Currency })
                            .Select(g => new { g.Key.Park, g.Key.Currency, Amount = g.Sum(a => a.Amount), Enterprises = g.Select(a => a.EnterpriseId).Distinct().Count() })
                            .ToListAsync(ct))
                        .ToLookup(g => ScopeOf(g.Park), g => (g.Currency, g.Amount, g.Enterprises));
            },
            async (context, ct) =>
            {
                byOutcome = (await ClosedOf(context).GroupBy(c => new { Park = byPark ? c.ParkId : null, c.Outcome }, c => c.EnterpriseId)
                        .Select(g => new { g.Key.Park, g.Key.Outcome, Cases = g.Count(), Enterprises = g.Distinct().Count() })
                        .ToListAsync(ct))
                    .ToLookup(g => ScopeOf(g.Park), g => new LabelTally(g.Outcome!.Value.ToString(), g.Cases, g.Enterprises));
                durations = sqlite
                    ? (await ClosedOf(context).Select(c => new { c.ParkId, c.OpenedOn, c.ClosedOn }).ToListAsync(ct))
                        .GroupBy(c => (Scope: ScopeOf(c.ParkId), Days: c.ClosedOn!.Value.DayNumber - c.OpenedOn.DayNumber))
                        .ToLookup(g => g.Key.Scope, g => (g.Key.Days, g.Count()))
                    : (await ClosedOf(context).GroupBy(c => new { Park = byPark ? c.ParkId : null, Days = EF.Functions.DateDiffDay((DateOnly?)c.OpenedOn, c.ClosedOn) })
                            .Select(g => new { g.Key.Park, g.Key.Days, Cases = g.Count() })
                            .ToListAsync(ct))
                        .ToLookup(g => ScopeOf(g.Park), g => (g.Days ?? 0, g.Cases));
            },
            async (context, ct) =>
            {
                byStage = (await OpenOf(context).GroupBy(c => new { Park = byPark ? c.ParkId : null, c.Stage }, c => c.EnterpriseId)
                        .Select(g => new { g.Key.Park, g.Key.Stage, Cases = g.Count(), Enterprises = g.Distinct().Count() })
                        .ToListAsync(ct))
                    .ToLookup(g => ScopeOf(g.Park), g => new LabelTally(g.Stage, g.Cases, g.Enterprises));
                byPlatform = (await OpenOf(context).GroupBy(c => new { Park = byPark ? c.ParkId : null, c.Platform }, c => c.EnterpriseId)
                        .Select(g => new { g.Key.Park, g.Key.Platform, Cases = g.Count(), Enterprises = g.Distinct().Count() })
                        .ToListAsync(ct))
                    .ToLookup(g => ScopeOf(g.Park), g => new LabelTally(g.Platform.ToString(), g.Cases, g.Enterprises));
            },
            async (context, ct) => warnings = await WarningsAsync(context, parkIds, byPark, ScopeOf, deliveredFrom, deliveredBefore, ct));

        // Folding labels needs the distinct enterprises of a union of labels, and only a dashboard folds: the enterprises
        // of the labels under its threshold are read once here (few, by definition), asynchronously. Counted in the database
        // inside the fold, they were synchronous statements blocking a thread of the host for each fold.
        var small = foldBelow == 0
            ? SmallLabels.None
            : await SmallLabels.ReadAsync(OpenOf(db), ClosedOf(db), byPark, ScopeOf, byStage, byPlatform, byOutcome, foldBelow, cancellationToken);

        // The median is a sum over the enterprises whose cases closed: shown to a dashboard when they are enough. The most
        // enterprises of one outcome is a lower bound of them; below the threshold every outcome is a small one, and the
        // enterprises of the small outcomes are all of them.
        int ClosedEnterprises(Guid scope, StatisticsPrivacy privacy)
        {
            var atLeast = byOutcome[scope].Select(t => t.Enterprises).DefaultIfEmpty(0).Max();
            return privacy.Exact || atLeast >= privacy.MinimumGroupSize
                ? atLeast
                : small.EnterprisesIn(scope, SmallLabels.Outcome, [.. byOutcome[scope].Select(t => t.Label)], byOutcome[scope]);
        }

        return (scope, privacy) =>
        {
            var (warned, reach, acknowledged, acknowledging) = warnings.GetValueOrDefault(scope);
            var median = CaseFigures.MedianDaysToClose(durations[scope]);
            return new ParkDisputeStatistics(
                CaseFigurePrivacy.Labels([.. byStage[scope]], labels => small.EnterprisesIn(scope, SmallLabels.Stage, labels, byStage[scope]), privacy),
                CaseFigurePrivacy.Labels([.. byPlatform[scope]], labels => small.EnterprisesIn(scope, SmallLabels.Platform, labels, byPlatform[scope]), privacy),
                CaseFigurePrivacy.Labels([.. byOutcome[scope]], labels => small.EnterprisesIn(scope, SmallLabels.Outcome, labels, byOutcome[scope]), privacy),
                median is { } days ? privacy.Sum(days, ClosedEnterprises(scope, privacy)) : null,
                [.. recovered[scope].OrderBy(r => r.Currency, StringComparer.Ordinal)
                    .Where(r => privacy.Sum(0m, r.Enterprises) is not null)
                    .Select(r => new MoneyTotal(r.Currency, r.Amount))],
                warned,
                reach,
                acknowledged,
                acknowledging,
                privacy);
        };
    }

    /// <summary>
    /// The risk warnings that reached the scope's enterprises. Notifications count by the park the enterprise is settled in
    /// now (its profile). Each carries its enterprise's workstation (moved with the profile in one transaction, ADR 0013)
    /// and a workstation never changes park, so a park's notifications are those of the workstations its profiles name:
    /// one index range per workstation instead of a probe per enterprise of the park.
    /// </summary>
    private static async Task<Dictionary<Guid, (int Warnings, int Reach, int Acknowledged, int Acknowledging)>> WarningsAsync(
        DisputesDbContext db, List<Guid?> parkIds, bool byPark, Func<Guid?, Guid> scopeOf, DateTimeOffset? deliveredFrom, DateTimeOffset? deliveredBefore, CancellationToken cancellationToken)
    {
        var stations = db.Profiles.AsNoTracking()
            .Where(p => p.WorkstationId != null && (byPark ? parkIds.Contains(p.ParkId) : p.ParkId != null))
            .Select(p => new { p.WorkstationId, p.ParkId })
            .Distinct();
        var reached = from n in db.Notifications.AsNoTracking()
                      join s in stations on n.WorkstationId equals s.WorkstationId
                      select new { Park = byPark ? s.ParkId : null, n.WarningId, n.EnterpriseId, n.DeliveredAt, n.AcknowledgedAt };
        if ((deliveredFrom is not null || deliveredBefore is not null) && db.Database.ProviderName == SqliteProvider)
        {
            // SQLite keeps DateTimeOffset as text and cannot compare it: the embedded default filters the parks' rows here.
            return (await reached.Select(n => new { n.Park, n.WarningId, n.EnterpriseId, n.DeliveredAt, Acknowledged = n.AcknowledgedAt != null }).ToListAsync(cancellationToken))
                .Where(n => (deliveredFrom is null || n.DeliveredAt >= deliveredFrom) && (deliveredBefore is null || n.DeliveredAt < deliveredBefore))
                .GroupBy(n => scopeOf(n.Park))
                .ToDictionary(g => g.Key, g => (
                    g.Select(n => n.WarningId).Distinct().Count(),
                    g.Count(),
                    g.Count(n => n.Acknowledged),
                    g.Where(n => n.Acknowledged).Select(n => n.EnterpriseId).Distinct().Count()));
        }

        reached = deliveredFrom is { } since ? reached.Where(n => n.DeliveredAt >= since) : reached;
        reached = deliveredBefore is { } before ? reached.Where(n => n.DeliveredAt < before) : reached;
        return (await reached.GroupBy(n => n.Park)
                .Select(g => new
                {
                    Park = g.Key,
                    Warnings = g.Select(n => n.WarningId).Distinct().Count(),
                    Reach = g.Count(),
                    Acknowledged = g.Count(n => n.AcknowledgedAt != null),
                    Acknowledging = g.Where(n => n.AcknowledgedAt != null).Select(n => n.EnterpriseId).Distinct().Count(),
                })
                .ToListAsync(cancellationToken))
            .ToDictionary(g => scopeOf(g.Park), g => (g.Warnings, g.Reach, g.Acknowledged, g.Acknowledging));
    }
}

internal sealed class ParkStatisticsDisputes() : DisputeStatisticsSection(StatisticsScope.ParkType, "the park's");

internal sealed class CityStatisticsDisputes() : DisputeStatisticsSection(StatisticsScope.CityType, "the city's settled");
