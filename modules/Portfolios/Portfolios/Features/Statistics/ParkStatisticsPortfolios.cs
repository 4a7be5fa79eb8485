using GraphQL;
using GraphQL.Types;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Features.Coverage;
using IpShield.Portfolios.Jobs;
using IpShield.Portfolios.Persistence;
using IpShield.Portfolios.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Persistence;
using IpShield.SharedKernel.Statistics;
using IpShield.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Portfolios.Features.Statistics;

/// <summary><c>ParkStatistics.portfolios</c> and <c>CityStatistics.portfolios</c>: the Portfolios module's section, computed from its own tables.</summary>
internal abstract class PortfolioStatisticsSection : TypeExtension
{
    protected PortfolioStatisticsSection(string type, string whose)
        : base(type) =>
        Field<NonNullGraphType<ParkPortfolioStatisticsType>>("portfolios")
            .Description($"IP rights, coverage gaps and deadlines of {whose} settled enterprises (from the Portfolios module). Rights and gaps are today's standing; deadline figures count due dates from `from` to `to`.")
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
                    .StatisticsSection<PortfoliosDbContext, SectionKey, ParkPortfolioStatistics>("pf:park-statistics", today, k => k.Park, (db, scope, keys, ct) => LoadAsync(db, scope.GetRequiredService<CoverageGapSummaryState>(), scope.GetRequiredService<StatisticsReads>(), keys, today, ct))
                    .Load(new SectionKey(context.ParentKey(), range, privacy));
            });

    /// <summary>
    /// Counts the rights and deadlines of every park asked for in the database, grouped by park (ADR 0028): a handful of
    /// aggregate statements however many parks, and no right or deadline row leaves the database. Rights by group and
    /// holders are read from the park rights summary (ADR 0032). The root field has
    /// already decided that the caller may read these parks' figures, so the module's own tables are read without row
    /// rules: the section returns counts only. An enterprise is settled in one park, so a park's distinct-enterprise
    /// counts add up to the city's.
    /// </summary>
    private static async Task<IReadOnlyDictionary<SectionKey, ParkPortfolioStatistics>> LoadAsync(
        PortfoliosDbContext db, CoverageGapSummaryState gapSummary, StatisticsReads reads, IReadOnlyCollection<SectionKey> keys, DateOnly today, CancellationToken cancellationToken)
    {
        var parks = keys.Select(k => (Guid?)k.Park).Distinct().ToList();
        var wholeCity = StatisticsScope.IncludesWholeCity(keys.Select(k => k.Park));
        var settled = db.EnterprisePlacements.AsNoTracking().Where(p => p.ParkId != null && (wholeCity || parks.Contains(p.ParkId)));
        var rights = from r in db.IpRights.AsNoTracking()
                     join p in settled on r.EnterpriseId equals p.EnterpriseId
                     select new { Park = p.ParkId!.Value, r.EnterpriseId, r.Kind, r.Status, r.Jurisdiction };

        var parkIds = keys.Select(k => k.Park).Distinct().ToList();
        var threshold = keys.Where(k => !k.Privacy.Exact).Select(k => k.Privacy.MinimumGroupSize).DefaultIfEmpty(0).Max();
        // The workstations of the parks dashboards ask for, read once, first: the members of small groups and the deadlines'
        // small-group checks are read by them. Sent back as a list, MariaDB reads each one's range of an index: joined as a
        // subquery, it scanned the deadline index from its start until the limit was reached.
        var dashboardParks = keys.Where(k => !k.Privacy.Exact).Select(k => (Guid?)k.Park).Distinct().ToList();
        var dashboardStations = dashboardParks.Count == 0
            ? []
            : await settled.Where(p => wholeCity || dashboardParks.Contains(p.ParkId)).Select(p => new { Park = p.ParkId!.Value, p.WorkstationId }).Distinct().ToListAsync(cancellationToken);
        var stationsOf = dashboardStations.ToLookup(p => p.Park, p => (Guid?)p.WorkstationId);
        var parkOfStation = dashboardStations.ToDictionary(s => s.WorkstationId, s => s.Park);
        var stations = parkOfStation.Keys.Select(id => (Guid?)id).ToList();

        ILookup<Guid, RightGroupTally> groups = null!;
        Dictionary<Guid, (int Rights, int Holders)> holders = null!;
        List<(Guid Park, RightKind Kind, RightStatus Status, string Jurisdiction, Guid EnterpriseId)> members = [];
        var smallGroups = new HashSet<(RightKind, RightStatus, string)>();
        var deadlines = new Dictionary<DueDateRange, ILookup<Guid, (DeadlineState State, DeadlineTally Tally)>>();
        Func<Guid, GapTallies> gapsOf = null!;
        // Three groups of statements side by side on spare connections when the host has them (ADR 0038). The gaps come
        // first, on the section's own context: their fold may count in the database after this method has returned.
        await reads.RunAsync(
            db,
            cancellationToken,
            async (context, ct) => gapsOf = await gapSummary.IsCurrentAsync(context, ct)
                ? await StoredGapsAsync(context, parks, wholeCity, threshold, ct)
                : await ComputedGapsAsync(context, settled, ct),
            async (context, ct) =>
            {
                // Rights by group and holders per park come from the summary kept with every rights write (ADR 0032), read
                // in one statement so that both come from one snapshot: read apart, a write committed in between (an
                // enterprise moving park) would give a park its new total beside its old groups. A park with rights always
                // has holders.
                var summary = await (
                        from h in context.ParkRightHolders.AsNoTracking()
                        where h.Holders > 0 && (wholeCity || parkIds.Contains(h.ParkId))
                        from g in context.ParkRightGroups.AsNoTracking().Where(g => g.ParkId == h.ParkId && g.Enterprises > 0).DefaultIfEmpty()
                        select new { h.ParkId, h.Rights, h.Holders, Group = g })
                    .ToListAsync(ct);
                groups = summary.Where(s => s.Group is not null)
                    .ToLookup(s => s.ParkId, s => new RightGroupTally(s.Group!.Kind, s.Group.Status, s.Group.Jurisdiction, s.Group.Rights, s.Group.Enterprises));
                holders = summary.DistinctBy(s => s.ParkId).ToDictionary(s => s.ParkId, s => (s.Rights, s.Holders));

                // Folding needs the distinct enterprises of a union of jurisdictions. Only a dashboard folds, and only
                // groups of fewer enterprises than its threshold are folded first: those few enterprises are read once
                // here. Should the fold have to take in a larger group too (OTHER still too small), the union is counted
                // in the database. The members are those of the dashboards' parks: read from the rights by their
                // workstation copy (kept by the settlement handler), one index range per workstation and group. Joined to
                // the placements instead, MariaDB read every right of those jurisdictions in the city and probed its placement.
                var small = groups.SelectMany(g => g).Where(g => g.Enterprises < threshold).ToList();
                smallGroups = small.Select(g => (g.Kind, g.Status, g.Jurisdiction)).ToHashSet();
                if (small.Count == 0 || stations.Count == 0)
                {
                    return;
                }

                var smallJurisdictions = small.Select(g => g.Jurisdiction).Distinct().ToList();
                var smallKinds = small.Select(g => g.Kind).Distinct().ToList();
                var smallStatuses = small.Select(g => g.Status).Distinct().ToList();
                members = [.. (await context.IpRights.AsNoTracking()
                        .Where(r => stations.Contains(r.WorkstationId) && smallJurisdictions.Contains(r.Jurisdiction) && smallKinds.Contains(r.Kind) && smallStatuses.Contains(r.Status))
                        .Select(r => new { r.WorkstationId, r.Kind, r.Status, r.Jurisdiction, r.EnterpriseId })
                        .Distinct()
                        .ToListAsync(ct))
                    .Select(r => (parkOfStation[r.WorkstationId!.Value], r.Kind, r.Status, r.Jurisdiction, r.EnterpriseId))];
            },
            async (context, ct) =>
            {
                // Deadlines are summed from the park deadline summary (ADR 0036): per park, state and due day, kept with
                // every deadline write. Open deadlines count from today on; missed and done ones over the whole range;
                // waived ones not at all. All three states in one statement, so that a reminder moving a deadline from
                // open to missed in between cannot count it twice or not at all.
                foreach (var range in keys.Select(k => k.Range).Distinct())
                {
                    var openFrom = today > range.From ? today : range.From;
                    var summed = await context.ParkDeadlineDays.AsNoTracking()
                        .Where(d => (wholeCity || parkIds.Contains(d.ParkId)) && d.DueOn <= range.To
                            && ((d.State == DeadlineState.Open && d.DueOn >= openFrom) || ((d.State == DeadlineState.Missed || d.State == DeadlineState.Done) && d.DueOn >= range.From)))
                        .GroupBy(d => new { d.ParkId, d.State })
                        .Select(g => new { g.Key.ParkId, g.Key.State, Deadlines = g.Sum(d => d.Deadlines) })
                        .ToListAsync(ct);
                    var tallies = new List<(Guid Park, DeadlineState State, DeadlineTally Tally)>();
                    foreach (var sum in summed.Where(s => s.Deadlines > 0))
                    {
                        // A dashboard sees a figure only when enough enterprises make it up: whether at least its threshold
                        // of distinct enterprises have such deadlines is asked of the deadlines themselves, a scan that stops there.
                        var dashboards = keys.Where(k => !k.Privacy.Exact && k.Range == range && (k.Park == sum.ParkId || k.Park == StatisticsScope.WholeCity)).ToList();
                        var enterprises = dashboards.Count == 0
                            ? 0
                            : await EnterprisesUpToAsync(context, [.. stationsOf[sum.ParkId]], sum.State, sum.State == DeadlineState.Open ? openFrom : range.From, range.To, dashboards.Max(k => k.Privacy.MinimumGroupSize), ct);
                        tallies.Add((sum.ParkId, sum.State, new DeadlineTally(sum.Deadlines, enterprises)));
                    }

                    deadlines[range] = tallies.ToLookup(t => t.Park, t => (t.State, t.Tally));
                }
            });

        // The members by kind and status, so that each fold reads only its own: scanning all of them (thousands at the
        // benchmark's scale) for every fold of every kind and status was a large part of the host's work for the section.
        var membersOf = members.ToLookup(m => (m.Kind, m.Status));
        Func<RightKind, RightStatus, IReadOnlyCollection<string>, int> DistinctHolders(Guid park) => (kind, status, jurisdictions) =>
        {
            if (jurisdictions.All(j => smallGroups.Contains((kind, status, j))))
            {
                var folded = jurisdictions.ToHashSet(StringComparer.Ordinal);
                return membersOf[(kind, status)].Where(m => (park == StatisticsScope.WholeCity || m.Park == park) && folded.Contains(m.Jurisdiction))
                    .Select(m => m.EnterpriseId).Distinct().Count();
            }

            var list = jurisdictions.ToList();
            return rights.Where(r => (park == StatisticsScope.WholeCity || r.Park == park) && r.Kind == kind && r.Status == status && list.Contains(r.Jurisdiction))
                .Select(r => r.EnterpriseId).Distinct().Count();
        };

        PortfolioTallies TalliesOf(SectionKey key)
        {
            var ofRange = deadlines[key.Range];
            DeadlineTally Deadlines(DeadlineState state)
            {
                var tallies = StatisticsScope.Of(ofRange, key.Park).Where(t => t.State == state).Select(t => t.Tally).ToList();
                return new DeadlineTally(tallies.Sum(t => t.Deadlines), tallies.Sum(t => t.Enterprises));
            }

            var totals = key.Park == StatisticsScope.WholeCity ? [.. holders.Values] : holders.TryGetValue(key.Park, out var h) ? [h] : new List<(int Rights, int Holders)>();
            return new PortfolioTallies(
                [.. StatisticsScope.Of(groups, key.Park)
                    .GroupBy(g => (g.Kind, g.Status, g.Jurisdiction))
                    .Select(g => new RightGroupTally(g.Key.Kind, g.Key.Status, g.Key.Jurisdiction, g.Sum(t => t.Rights), g.Sum(t => t.Enterprises)))],
                totals.Sum(t => t.Rights),
                totals.Sum(t => t.Holders),
                DistinctHolders(key.Park),
                Deadlines(DeadlineState.Open),
                Deadlines(DeadlineState.Missed),
                Deadlines(DeadlineState.Done));
        }

        return keys.ToDictionary(
            key => key,
            key => PortfolioStatistics.Compute(
                TalliesOf(key),
                gapsOf(key.Park),
                key.Range,
                key.Privacy));
    }

    /// <summary>
    /// The distinct enterprises of a park with deadlines of <paramref name="state"/> due in the range, counted up to
    /// <paramref name="enough"/> only: all a dashboard's small-group rule needs. Deadlines carry their enterprise's
    /// workstation (ADR 0013) and a workstation never changes park, so the park's deadlines are those of its
    /// <paramref name="stations"/>.
    /// </summary>
    private static async Task<int> EnterprisesUpToAsync(
        PortfoliosDbContext db, List<Guid?> stations, DeadlineState state, DateOnly from, DateOnly to, int enough, CancellationToken cancellationToken)
    {
        if (stations.Count == 0)
        {
            return 0;
        }

        // In SQL as meant: any `enough` distinct enterprises will do, so no order; through LINQ, Take without OrderBy logs
        // a warning on every dashboard request.
        var arguments = new List<object> { state.ToString(), from, to, enough };
        arguments.AddRange(stations.Select(s => (object)s!.Value));
        var sql = "SELECT COUNT(*) AS Value FROM (SELECT DISTINCT EnterpriseId FROM pf_deadlines WHERE State = {0} AND DueOn >= {1} AND DueOn <= {2}"
            + " AND WorkstationId IN (" + RawSqlLists.Placeholders(stations.Count, first: 4) + ") LIMIT {3}) AS enough";
        return (await db.Database.SqlQueryRaw<int>(sql, [.. arguments]).ToListAsync(cancellationToken)).Single();
    }

    /// <summary>
    /// The gaps counted from the stored gaps (ADR 0033): enterprises per market and enterprises with any gap from the
    /// parks' counts kept with them (ADR 0040). Folding small markets needs the distinct enterprises of a union of markets:
    /// the few enterprises of markets below the threshold in every park are read once from the stored gaps (each row
    /// carries its enterprise's park); a union taking in a larger market is counted in the database.
    /// </summary>
    private static async Task<Func<Guid, GapTallies>> StoredGapsAsync(
        PortfoliosDbContext db, List<Guid?> parks, bool wholeCity, int threshold, CancellationToken cancellationToken)
    {
        var gaps = db.EnterpriseCoverageGaps.AsNoTracking()
            .Where(g => g.ParkId != null && (wholeCity || parks.Contains(g.ParkId)))
            .Select(g => new { Park = g.ParkId!.Value, g.Market, g.EnterpriseId });
        // Enterprises per market and enterprises with any gap, as the parks' counts keep them (ADR 0040): a few rows per
        // park, one statement, so one snapshot (read apart, a refresh committed in between once gave a park 3 enterprises
        // with gaps beside 2 in its only market).
        const string AnyMarket = ParkCoverageGaps.AnyMarket;
        var counts = await db.ParkCoverageGaps.AsNoTracking()
            .Where(c => c.Enterprises > 0 && (wholeCity || parks.Contains(c.ParkId)))
            .Select(c => new { Park = c.ParkId, c.Market, c.Enterprises })
            .ToListAsync(cancellationToken);
        var byMarket = counts.Where(c => c.Market != AnyMarket).ToLookup(g => g.Park, g => new GroupCount(g.Market, g.Enterprises));
        var withGaps = counts.Where(c => c.Market == AnyMarket).ToDictionary(g => g.Park, g => g.Enterprises);

        var small = byMarket.SelectMany(p => p).GroupBy(g => g.Key).Where(m => m.All(g => g.Enterprises < threshold)).Select(m => m.Key).ToList();
        var members = small.Count == 0 ? [] : await gaps.Where(g => small.Contains(g.Market)).ToListAsync(cancellationToken);
        return park => new GapTallies(
            park == StatisticsScope.WholeCity ? withGaps.Values.Sum() : withGaps.GetValueOrDefault(park),
            // An enterprise is settled in one park, so the city's count per market is the parks' sum.
            [.. StatisticsScope.Of(byMarket, park).GroupBy(g => g.Key).Select(m => new GroupCount(m.Key, m.Sum(g => g.Enterprises)))],
            markets => markets.All(small.Contains)
                ? members.Where(m => (park == StatisticsScope.WholeCity || m.Park == park) && markets.Contains(m.Market)).Select(m => m.EnterpriseId).Distinct().Count()
                : gaps.Where(g => (park == StatisticsScope.WholeCity || g.Park == park) && markets.Contains(g.Market)).Select(g => g.EnterpriseId).Distinct().Count());
    }

    /// <summary>
    /// The gaps computed from every settled enterprise's marks and markets: only while the stored gaps are being built
    /// again (a first start, or gap rules changed by a release), since it reads every trademark of the parks.
    /// </summary>
    private static async Task<Func<Guid, GapTallies>> ComputedGapsAsync(
        PortfoliosDbContext db, IQueryable<EnterprisePlacement> settled, CancellationToken cancellationToken)
    {
        var placements = await settled.Select(p => new { p.EnterpriseId, Park = p.ParkId!.Value }).ToListAsync(cancellationToken);
        var parkOf = placements.ToDictionary(p => p.EnterpriseId, p => p.Park);
        var gaps = await CoverageReads.GapsOfAsync(db, db.IpRights, [.. parkOf.Keys], cancellationToken);
        var gapsByPark = gaps.ToLookup(g => parkOf[g.Key]);
        return park => GapTallies.Of(StatisticsScope.Of(gapsByPark, park).ToDictionary(g => g.Key, g => g.Value));
    }

    /// <summary>One park's section as one caller asked for it: aliases may ask for different ranges in one request.</summary>
    private readonly record struct SectionKey(Guid Park, DueDateRange Range, StatisticsPrivacy Privacy);
}

internal sealed class ParkStatisticsPortfolios() : PortfolioStatisticsSection(StatisticsScope.ParkType, "the park's");

internal sealed class CityStatisticsPortfolios() : PortfolioStatisticsSection(StatisticsScope.CityType, "the city's");

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
