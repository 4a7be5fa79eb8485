using GraphQL;
using GraphQL.Types;
using IpShield.Portfolios.Features.Coverage;
using IpShield.Portfolios.Persistence;
using IpShield.Portfolios.Schema;
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

namespace IpShield.Portfolios.Features.Statistics;

/// <summary><c>ParkStatistics.portfolios</c>: the Portfolios module's section, computed from its own tables.</summary>
internal sealed class ParkStatisticsPortfolios : TypeExtension
{
    public ParkStatisticsPortfolios()
        : base("ParkStatistics") =>
        Field<NonNullGraphType<ParkPortfolioStatisticsType>>("portfolios")
            .Description("IP rights, coverage gaps and deadlines of the park's settled enterprises (from the Portfolios module). Rights and gaps are today's standing; deadline figures count due dates from `from` to `to`.")
            .AuthorizeWithPolicy(AccessPolicies.Scope(PlatformScopes.StatsRead))
            .Argument<DateOnlyGraphType>("from", $"First due date counted, in the park's calendar. Default: {DueDateRange.DefaultDaysBack} days before today.")
            .Argument<DateOnlyGraphType>("to", $"Last due date counted. Default: {DueDateRange.DefaultDaysAhead} days after today.")
            .Resolve(context =>
            {
                var services = context.RequestServices!;
                var today = ParkCalendar.Today(services.GetRequiredService<TimeProvider>());
                var range = DueDateRange.Of(context.GetArgument<DateOnly?>("from"), context.GetArgument<DateOnly?>("to"), today);
                if (range.From > range.To)
                {
                    throw new UserInputError(ErrorCodes.Invalid, "from must not be after to.");
                }

                var privacy = StatisticsPrivacy.For(context.Access(), services.GetRequiredService<IConfiguration>());
                return services.GetRequiredService<RequestDataLoaders>()
                    .For<SectionKey, ParkPortfolioStatistics>("pf:park-statistics", (keys, ct) => LoadAsync(services.GetRequiredService<PortfoliosDbContext>(), keys, today, ct))
                    .Load(new SectionKey(context.ParentKey(), range, privacy));
            });

    /// <summary>
    /// Reads the facts of every park asked for at once (four statements however many parks). The root field has already
    /// decided that the caller may read these parks' figures, so the module's own tables are read without row rules: the
    /// section returns counts only.
    /// </summary>
    private static async Task<IReadOnlyDictionary<SectionKey, ParkPortfolioStatistics>> LoadAsync(
        PortfoliosDbContext db, IReadOnlyCollection<SectionKey> keys, DateOnly today, CancellationToken cancellationToken)
    {
        var parks = keys.Select(k => (Guid?)k.Park).Distinct().ToList();
        var first = keys.Min(k => k.Range.From);
        var last = keys.Max(k => k.Range.To);
        var settled = db.EnterprisePlacements.AsNoTracking().Where(p => parks.Contains(p.ParkId));
        var placements = await settled.Select(p => new { p.EnterpriseId, Park = p.ParkId!.Value }).ToListAsync(cancellationToken);
        var parkOf = placements.ToDictionary(p => p.EnterpriseId, p => p.Park);

        var rights = (await (
                from r in db.IpRights.AsNoTracking()
                join p in settled on r.EnterpriseId equals p.EnterpriseId
                select new { Park = p.ParkId!.Value, r.EnterpriseId, r.Kind, r.Jurisdiction, r.Status })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.Park, r => new RightFacts(r.EnterpriseId, r.Kind, r.Jurisdiction, r.Status));
        var deadlines = (await (
                from d in db.Deadlines.AsNoTracking()
                join p in settled on d.EnterpriseId equals p.EnterpriseId
                where d.DueOn >= first && d.DueOn <= last
                select new { Park = p.ParkId!.Value, d.EnterpriseId, d.DueOn, d.State })
                .ToListAsync(cancellationToken))
            .ToLookup(d => d.Park, d => new DeadlineFacts(d.EnterpriseId, d.DueOn, d.State));
        var gaps = await CoverageReads.GapsOfAsync(db, db.IpRights, [.. parkOf.Keys], cancellationToken);
        var gapsByPark = gaps.ToLookup(g => parkOf[g.Key]);

        return keys.ToDictionary(
            key => key,
            key => PortfolioStatistics.Compute(
                [.. rights[key.Park]],
                gapsByPark[key.Park].ToDictionary(g => g.Key, g => g.Value),
                [.. deadlines[key.Park]],
                key.Range,
                today,
                key.Privacy));
    }

    /// <summary>One park's section as one caller asked for it: aliases may ask for different ranges in one request.</summary>
    private readonly record struct SectionKey(Guid Park, DueDateRange Range, StatisticsPrivacy Privacy);
}

internal sealed class RightCountType : ObjectGraphType<RightCount>
{
    public RightCountType()
    {
        Name = "IpRightCount";
        Description = "Rights of one kind and status in one jurisdiction, or in OTHER: for a dashboard, the jurisdictions whose rights belong to fewer enterprises than the privacy threshold, counted together.";
        Field<NonNullGraphType<IpRightKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<IpRightStatusType>>("status").Resolve(c => c.Source.Status);
        Field(c => c.Jurisdiction).Description("An office's code (CN, US, EU, WIPO for Madrid…), or OTHER.");
        Field(c => c.Rights);
        Field(c => c.Enterprises).Description("Distinct enterprises holding them.");
    }
}

internal sealed class ParkPortfolioStatisticsType : ObjectGraphType<ParkPortfolioStatistics>
{
    public ParkPortfolioStatisticsType()
    {
        Name = "ParkPortfolioStatistics";
        Description = "The Portfolios module's section of a park's statistics. For a dashboard client, a figure made up by fewer enterprises than the privacy threshold is null, and small groups are folded (see privacy).";
        Field(s => s.Rights, nullable: true).Description("Rights recorded for the park's settled enterprises, planned filings included.");
        Field(s => s.EnterprisesHoldingRights, nullable: true).Description("Settled enterprises with at least one right recorded.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RightCountType>>>>("rightsByKindJurisdictionStatus")
            .Description("Ordered by kind, status, then descending size.")
            .Resolve(c => c.Source.RightsByKindJurisdictionStatus);
        Field(s => s.FoldedGroups).Description("Kind × status × jurisdiction groups folded into OTHER or left out for privacy.");
        Field(s => s.EnterprisesWithCoverageGaps, nullable: true)
            .Description("Settled enterprises with a target market or sales platform that no registered or pending mark protects.");
        Field<NonNullGraphType<BreakdownType>>("coverageGapsByMarket")
            .Description("Enterprises with a gap, by the market lacking protection.")
            .Resolve(c => c.Source.CoverageGapsByMarket);
        Field(s => s.DeadlinesDue, nullable: true).Description("Open deadlines due from today (or `from`, if later) to `to`.");
        Field(s => s.DeadlinesMissed, nullable: true).Description("Deadlines missed, with a due date in the range.");
        Field(s => s.DeadlinesDone, nullable: true).Description("Deadlines met (fees paid, declarations filed), with a due date in the range.");
        Field<NonNullGraphType<DateOnlyGraphType>>("from").Description("First due date counted.").Resolve(c => c.Source.Range.From);
        Field<NonNullGraphType<DateOnlyGraphType>>("to").Description("Last due date counted.").Resolve(c => c.Source.Range.To);
        Field<NonNullGraphType<StatisticsPrivacyType>>("privacy").Description("Whether these figures are exact or protected for small groups.").Resolve(c => c.Source.Privacy);
    }
}
