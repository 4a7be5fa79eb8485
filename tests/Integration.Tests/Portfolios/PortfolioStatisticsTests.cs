using System.Globalization;
using System.Text.Json;
using IpShield.Integration.Tests.Enterprises;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;
using IpShield.Integration.Tests.Disputes;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Features.Coverage;
using IpShield.Portfolios.Jobs;
using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IpShield.Integration.Tests.Portfolios;

/// <summary>The Portfolios section of park statistics, as the centre and the park's own dashboard read it.</summary>
public abstract class PortfolioStatisticsTests(PlatformHost host)
{
    private const string Section = """
        query($id: ID!) { parkStatistics(parkId: $id) { portfolios {
          rights enterprisesHoldingRights foldedGroups
          rightsByKindJurisdictionStatus { kind status jurisdiction rights enterprises }
          enterprisesWithCoverageGaps coverageGapsByMarket { groups { key enterprises } foldedGroups otherWithheld }
          deadlinesDue deadlinesMissed deadlinesDone from to
          privacy { exact minimumGroupSize } } } }
        """;

    private readonly GraphQLClient _admin = host.CreateClient();

    /// <summary>The host's today: the park's calendar (Asia/Shanghai), which the default range is counted from.</summary>
    private static DateOnly Today => ParkCalendar.Today(TimeProvider.System);

    [Fact]
    public async Task The_centre_sees_every_jurisdiction_and_the_park_dashboard_only_groups_of_at_least_three_enterprises()
    {
        var park = await ParkWithFourSaudiSellersAsync();

        var exact = await Eventually.MatchAsync(
            async () => (await _admin.DataAsync(Section, new { id = park })).At("parkStatistics.portfolios"),
            // Every figure asserted below is waited for: placements, markets and holders arrive through the outbox one
            // event at a time, and a total can be complete a moment before a group is (a fresh-clone run saw CN 2×2).
            p => p.At("rights").GetInt32() == 6 && p.At("enterprisesWithCoverageGaps").GetInt32() == 3
                && p.At("enterprisesHoldingRights").GetInt32() == 3 && p.At("deadlinesDue").GetInt32() == 3
                && Groups(p).FirstOrDefault() == "TRADEMARK/REGISTERED/CN 3×3",
            "the six rights, the three holders, their CN group, their deadlines and the three enterprises' gaps to count for the park (placements and markets come through the outbox)");
        var dashboard = host.CreateClient(await host.Identity.DashboardTokenAsync(DisputeScenario.Key(park)));
        var protectedFigures = (await dashboard.DataAsync(Section, new { id = park })).At("parkStatistics.portfolios");

        Assert.True(exact.At("privacy.exact").GetBoolean());
        Assert.Equal(3, exact.At("enterprisesHoldingRights").GetInt32());
        Assert.Equal(
            ["TRADEMARK/REGISTERED/CN 3×3", "TRADEMARK/REGISTERED/AE 1×1", "TRADEMARK/REGISTERED/KW 1×1", "TRADEMARK/REGISTERED/SA 1×1"],
            Groups(exact));
        Assert.Equal(["SA:3"], GapMarkets(exact));
        // The three CN marks renew within 90 days (registered ten years less 30 days ago): due, from three enterprises.
        Assert.Equal((3, 0, 0), (exact.At("deadlinesDue").GetInt32(), exact.At("deadlinesMissed").GetInt32(), exact.At("deadlinesDone").GetInt32()));
        Assert.Equal((Iso(Today.AddDays(-365)), Iso(Today.AddDays(90))), (exact.Str("from"), exact.Str("to")));

        Assert.False(protectedFigures.At("privacy.exact").GetBoolean());
        // AE, KW and SA are one enterprise each; together they are three enterprises, enough to show as OTHER.
        Assert.Equal(["TRADEMARK/REGISTERED/CN 3×3", "TRADEMARK/REGISTERED/OTHER 3×3"], Groups(protectedFigures));
        Assert.Equal(3, protectedFigures.At("foldedGroups").GetInt32());
        Assert.Equal(6, protectedFigures.At("rights").GetInt32());
        Assert.Equal(3, protectedFigures.At("enterprisesWithCoverageGaps").GetInt32());
        Assert.Equal(["SA:3"], GapMarkets(protectedFigures));
        Assert.Equal(3, protectedFigures.At("deadlinesDue").GetInt32());
    }

    [Fact]
    public async Task A_dashboard_gets_no_figure_made_up_by_fewer_than_three_enterprises_and_another_parks_dashboard_nothing()
    {
        var tag = WorkstationScenario.Tag();
        var workstations = new WorkstationScenario(_admin);
        var park = await workstations.RegisterParkAsync($"Small portfolio park {tag}");
        var otherPark = await workstations.RegisterParkAsync($"Other portfolio park {tag}");
        var workstation = (await workstations.OpenAsync(park, $"Small portfolio WS {tag}")).Str("id");
        var enterprise = await SettledAsync(park, workstation, $"独家卖家 {tag}");
        await RecordMarkAsync(enterprise, "CN", Today.AddYears(-10).AddDays(30));

        var exact = await Eventually.MatchAsync(
            async () => (await _admin.DataAsync(Section, new { id = park })).At("parkStatistics.portfolios"),
            p => p.At("rights").GetInt32() == 1 && p.At("enterprisesWithCoverageGaps").GetInt32() == 1,
            "the one right to count for the park");
        var own = host.CreateClient(await host.Identity.DashboardTokenAsync(DisputeScenario.Key(park)));
        var foreign = host.CreateClient(await host.Identity.DashboardTokenAsync(DisputeScenario.Key(otherPark)));
        var protectedFigures = (await own.DataAsync(Section, new { id = park })).At("parkStatistics.portfolios");
        var other = await foreign.DataAsync(Section, new { id = park });

        Assert.Equal(1, exact.At("deadlinesDue").GetInt32());
        foreach (var withheld in new[] { "rights", "enterprisesHoldingRights", "enterprisesWithCoverageGaps", "deadlinesDue" })
        {
            Assert.Equal(JsonValueKind.Null, protectedFigures.At(withheld).ValueKind);
        }

        Assert.Empty(Groups(protectedFigures));
        Assert.Empty(GapMarkets(protectedFigures));
        Assert.True(protectedFigures.At("coverageGapsByMarket.otherWithheld").GetBoolean());
        Assert.Equal(JsonValueKind.Null, other.At("parkStatistics").ValueKind);
    }

    [Fact]
    public async Task A_range_ending_before_it_starts_is_refused_with_a_typed_error()
    {
        var park = await new WorkstationScenario(_admin).RegisterParkAsync($"Range park {WorkstationScenario.Tag()}");

        var answer = await _admin.PostAsync(
            "query($id: ID!) { parkStatistics(parkId: $id) { portfolios(from: \"2026-06-01\", to: \"2026-01-01\") { rights } } }", new { id = park });

        Assert.Equal("INVALID", answer.Body.Str("errors.0.extensions.code"));
    }

    [Fact]
    public async Task The_park_rights_summary_equals_a_fresh_count_after_a_renewal_and_a_move_to_another_park()
    {
        var tag = WorkstationScenario.Tag();
        var workstations = new WorkstationScenario(_admin);
        var parkA = await workstations.RegisterParkAsync($"Summary park A {tag}");
        var workstationA = (await workstations.OpenAsync(parkA, $"Summary WS A {tag}")).Str("id");
        var parkB = await workstations.RegisterParkAsync($"Summary park B {tag}");
        var workstationB = (await workstations.OpenAsync(parkB, $"Summary WS B {tag}")).Str("id");
        var mover = await SettledAsync(parkA, workstationA, $"搬迁企业 {tag}");
        var stayer = await SettledAsync(parkA, workstationA, $"留守企业 {tag}");
        await Eventually.MatchAsync(
            async () => (await _admin.DataAsync(Section, new { id = parkA })).At("parkStatistics.portfolios"),
            p => p.At("enterprisesWithCoverageGaps").GetInt32() == 2,
            "both enterprises to be placed in park A (placements come through the outbox)");
        // The mover's CN mark falls due for renewal in 30 days: its deadline must count where the mover is settled.
        await RecordMarkAsync(mover, "CN", Today.AddYears(-10).AddDays(30));
        await RecordMarkAsync(mover, "AE", Today.AddYears(-2));
        var stayersMark = await RecordMarkAsync(stayer, "CN", Today.AddYears(-9));

        // A renewal changes the group of the stayer's mark; then the mover settles in park B and takes its two marks along.
        var renewed = await _admin.DataAsync(
            "mutation($input: RecordIpRightEventInput!) { recordIpRightEvent(input: $input) { errors { code message } } }",
            new { input = new { rightId = stayersMark, kind = "RENEWED", occurredOn = Iso(Today) } });
        Assert.Equal(0, renewed.At("recordIpRightEvent.errors").GetArrayLength());
        var moved = await new EnterpriseScenario(_admin).MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = mover, parkId = parkB, workstationId = workstationB, settledOn = "2025-06-02" });
        Assert.Empty(EnterpriseScenario.Codes(moved));

        var inB = await Eventually.MatchAsync(
            async () => (await _admin.DataAsync(Section, new { id = parkB })).At("parkStatistics.portfolios"),
            p => p.At("rights").GetInt32() == 2,
            "the mover's two marks to count for park B (the settlement reaches Portfolios through the outbox)");
        var inA = (await _admin.DataAsync(Section, new { id = parkA })).At("parkStatistics.portfolios");
        Assert.Equal(["TRADEMARK/REGISTERED/AE 1×1", "TRADEMARK/REGISTERED/CN 1×1"], Groups(inB).Order(StringComparer.Ordinal));
        Assert.Equal(1, inB.At("enterprisesHoldingRights").GetInt32());
        Assert.Equal(["TRADEMARK/RENEWED/CN 1×1"], Groups(inA));
        var shownInA = (inA.At("rights").GetInt32(), inA.At("enterprisesHoldingRights").GetInt32());
        if (shownInA != (1, 1))
        {
            // Seen once on SQLite in CI (0, 1): whether the stored summary or the answer given from it was wrong.
            Assert.Fail($"Park A shows {shownInA} (rights, holders), not (1, 1). {await HoldersDiagnosisAsync(DisputeScenario.Key(parkA))}"
                + $" Asked again: {(await _admin.DataAsync(Section, new { id = parkA })).At("parkStatistics.portfolios")}");
        }

        // The mover's stored gap (SA: it sells on noon with CN and AE marks) moved to park B with it.
        Assert.Equal((1, 1), (inB.At("enterprisesWithCoverageGaps").GetInt32(), inA.At("enterprisesWithCoverageGaps").GetInt32()));
        var (storedGaps, freshGaps) = await StoredAndFreshGapsAsync(TestContext.Current.CancellationToken);
        Assert.Contains($"{DisputeScenario.Key(mover)} {DisputeScenario.Key(parkB)} SA", storedGaps);
        Assert.Equal(freshGaps, storedGaps);
        var (gapCounts, gapsCounted) = await ParkGapCountsAsync(TestContext.Current.CancellationToken);
        Assert.Equal(gapsCounted, gapCounts);
        Assert.Contains($"{DisputeScenario.Key(parkB)} SA 1", gapCounts);

        // Every park's summary, not only these two, against counting the rights afresh, in one snapshot.
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>();
        var cancellation = TestContext.Current.CancellationToken;
        await using var snapshot = await db.Database.BeginTransactionAsync(cancellation);
        var rights = await (from r in db.IpRights.AsNoTracking()
                            join p in db.EnterprisePlacements.AsNoTracking() on r.EnterpriseId equals p.EnterpriseId
                            where p.ParkId != null
                            select new { Park = p.ParkId!.Value, r.EnterpriseId, r.Kind, r.Status, r.Jurisdiction }).ToListAsync(cancellation);
        var summaryGroups = await db.ParkRightGroups.AsNoTracking().Where(g => g.Enterprises != 0).ToListAsync(cancellation);
        var summaryHolders = await db.ParkRightHolders.AsNoTracking().Where(h => h.Holders != 0).ToListAsync(cancellation);
        Assert.Equal(
            rights.GroupBy(r => (r.Park, r.Kind, r.Status, r.Jurisdiction)).Select(g => $"{g.Key} {g.Count()} {g.Select(r => r.EnterpriseId).Distinct().Count()}").Order(StringComparer.Ordinal),
            summaryGroups.Select(g => $"{(g.ParkId, g.Kind, g.Status, g.Jurisdiction)} {g.Rights} {g.Enterprises}").Order(StringComparer.Ordinal));
        Assert.Equal(
            rights.GroupBy(r => r.Park).Select(g => $"{g.Key} {g.Count()} {g.Select(r => r.EnterpriseId).Distinct().Count()}").Order(StringComparer.Ordinal),
            summaryHolders.Select(h => $"{h.ParkId} {h.Rights} {h.Holders}").Order(StringComparer.Ordinal));
        Assert.Contains(summaryHolders, h => h.ParkId == DisputeScenario.Key(parkB) && h.Rights == 2);

        // The deadline summary (ADR 0036) too: every park's deadlines per state and due day, against counting them afresh.
        var freshDays = await (from d in db.Deadlines.AsNoTracking()
                               join p in db.EnterprisePlacements.AsNoTracking() on d.EnterpriseId equals p.EnterpriseId
                               where p.ParkId != null
                               group d by new { Park = p.ParkId!.Value, d.State, d.DueOn } into g
                               select new { g.Key.Park, g.Key.State, g.Key.DueOn, Deadlines = g.Count() }).ToListAsync(cancellation);
        var summaryDays = await db.ParkDeadlineDays.AsNoTracking().Where(d => d.Deadlines != 0).ToListAsync(cancellation);
        Assert.Equal(
            freshDays.Select(d => $"{d.Park} {d.State} {d.DueOn:yyyy-MM-dd} {d.Deadlines}").Order(StringComparer.Ordinal),
            summaryDays.Select(d => $"{d.ParkId} {d.State} {d.DueOn:yyyy-MM-dd} {d.Deadlines}").Order(StringComparer.Ordinal));
        Assert.Contains(summaryDays, d => d.ParkId == DisputeScenario.Key(parkB) && d.State == DeadlineState.Open && d.DueOn > Today && d.DueOn <= Today.AddDays(30));

        // Deadlines are counted by the workstations of the park's placements (each deadline carries its enterprise's
        // workstation): after the move, each park's figures equal a count through the placements, and the renewal moved.
        var (from, to) = (DateOnly.Parse(inB.Str("from"), CultureInfo.InvariantCulture), DateOnly.Parse(inB.Str("to"), CultureInfo.InvariantCulture));
        var deadlines = await (from d in db.Deadlines.AsNoTracking()
                               join p in db.EnterprisePlacements.AsNoTracking() on d.EnterpriseId equals p.EnterpriseId
                               where p.ParkId == DisputeScenario.Key(parkA) || p.ParkId == DisputeScenario.Key(parkB)
                               select new { Park = p.ParkId!.Value, d.State, d.DueOn }).ToListAsync(cancellation);
        string Fresh(Guid park)
        {
            var ofPark = deadlines.Where(d => d.Park == park && d.DueOn >= from && d.DueOn <= to).ToList();
            return $"{ofPark.Count(d => d.State == DeadlineState.Open && d.DueOn >= Today)}/{ofPark.Count(d => d.State == DeadlineState.Missed)}/{ofPark.Count(d => d.State == DeadlineState.Done)}";
        }

        static string Shown(JsonElement section) => $"{section.At("deadlinesDue").GetInt32()}/{section.At("deadlinesMissed").GetInt32()}/{section.At("deadlinesDone").GetInt32()}";
        Assert.Equal(Fresh(DisputeScenario.Key(parkB)), Shown(inB));
        Assert.Equal(Fresh(DisputeScenario.Key(parkA)), Shown(inA));
        Assert.Equal(1, inB.At("deadlinesDue").GetInt32());

    }

    [Fact]
    public async Task The_stored_coverage_gaps_equal_the_gaps_computed_afresh_after_a_madrid_mark_a_refused_designation_and_new_markets()
    {
        var tag = WorkstationScenario.Tag();
        var workstations = new WorkstationScenario(_admin);
        var park = await workstations.RegisterParkAsync($"Gap summary park {tag}");
        var workstation = (await workstations.OpenAsync(park, $"Gap summary WS {tag}")).Str("id");
        var enterprise = await SettledAsync(park, workstation, $"海湾卖家 {tag}");
        await Eventually.MatchAsync(
            async () => (await _admin.DataAsync(Section, new { id = park })).At("parkStatistics.portfolios"),
            p => GapMarkets(p).SequenceEqual(["SA:1"]),
            "the enterprise's SA gap (it sells on noon to Saudi Arabia with no mark)");

        // A Madrid mark designating SA and AE covers SA while its designation is pending; SA's refusal opens the gap again;
        // then the enterprise targets the whole GCC, whose states each need a mark of their own (AE stays covered).
        var recorded = await _admin.DataAsync(
            "mutation($input: RecordIpRightInput!) { recordIpRight(input: $input) { ipRight { id } errors { code message } } }",
            new { input = new { enterpriseId = enterprise, kind = "TRADEMARK", jurisdiction = "WO", nameZh = "海盾", niceClasses = new[] { 9 }, designations = new[] { "SA", "AE" }, filedOn = Iso(Today.AddMonths(-8)) } });
        Assert.Equal(0, recorded.At("recordIpRight.errors").GetArrayLength());
        var covered = (await _admin.DataAsync(Section, new { id = park })).At("parkStatistics.portfolios");
        var refused = await _admin.DataAsync(
            "mutation($input: RecordIpRightEventInput!) { recordIpRightEvent(input: $input) { errors { code message } } }",
            new { input = new { rightId = recorded.Str("recordIpRight.ipRight.id"), kind = "REFUSED", designation = "SA", occurredOn = Iso(Today) } });
        Assert.Equal(0, refused.At("recordIpRightEvent.errors").GetArrayLength());
        var version = (await _admin.DataAsync("query($id: ID!) { node(id: $id) { ... on Enterprise { version } } }", new { id = enterprise })).At("node.version").GetInt32();
        var updated = await _admin.DataAsync(
            "mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { errors { code } } }",
            new { input = new { id = enterprise, expectedVersion = version, targetMarkets = new[] { "SA", "GCC" } } });
        Assert.Equal(0, updated.At("updateEnterprise.errors").GetArrayLength());
        var gulf = await Eventually.MatchAsync(
            async () => (await _admin.DataAsync(Section, new { id = park })).At("parkStatistics.portfolios"),
            p => GapMarkets(p).Count == 5,
            "the new markets to reach Portfolios (through the outbox)");

        Assert.Equal(0, covered.At("enterprisesWithCoverageGaps").GetInt32());
        Assert.Equal(["BH:1", "KW:1", "OM:1", "QA:1", "SA:1"], GapMarkets(gulf).Order(StringComparer.Ordinal));
        Assert.Equal(1, gulf.At("enterprisesWithCoverageGaps").GetInt32());
        var cancellation = TestContext.Current.CancellationToken;
        var (stored, fresh) = await StoredAndFreshGapsAsync(cancellation);
        Assert.Equal(["BH", "KW", "OM", "QA", "SA"], stored.Where(g => g.StartsWith(DisputeScenario.Key(enterprise).ToString(), StringComparison.Ordinal)).Select(g => g[^2..]));
        Assert.Equal(fresh, stored);
        var (counts, counted) = await ParkGapCountsAsync(cancellation);
        Assert.Equal(counted, counts);
        Assert.Contains($"{DisputeScenario.Key(park)} any 1", counts);

        // Rules changed by a release (as if): the fingerprint is gone and the rows are wrong; a start builds them again.
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>();
            await db.EnterpriseCoverageGaps.Where(g => g.EnterpriseId == DisputeScenario.Key(enterprise)).ExecuteDeleteAsync(cancellation);
            db.EnterpriseCoverageGaps.Add(new EnterpriseCoverageGap { EnterpriseId = DisputeScenario.Key(enterprise), Market = "US" });
            await db.SaveChangesAsync(cancellation);
            await db.SummaryStates.Where(s => s.Name == CoverageGapSummary.Name).ExecuteDeleteAsync(cancellation);
        }

        var rebuilt = await new CoverageGapRebuild(host.Services.GetRequiredService<IServiceScopeFactory>(), new CoverageGapSummaryState(), NullLogger<CoverageGapRebuild>.Instance)
            .RebuildIfStaleAsync(cancellation);
        var (storedAfter, freshAfter) = await StoredAndFreshGapsAsync(cancellation);
        Assert.True(rebuilt >= 1);
        Assert.Equal(freshAfter, storedAfter);
        Assert.Contains($"{DisputeScenario.Key(enterprise)} {DisputeScenario.Key(park)} SA", storedAfter);
        var (countsAfter, countedAfter) = await ParkGapCountsAsync(cancellation);
        Assert.Equal(countedAfter, countsAfter);
        using (var scope = host.Services.CreateScope())
        {
            Assert.True(await new CoverageGapSummaryState().IsCurrentAsync(scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>(), cancellation));
        }

        // A SQLite file older than the parks' counts gets their table empty, with gaps of the current rules: a start
        // counts them, and only that (the statistics read the stored gaps only once they are counted).
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>();
            await db.ParkCoverageGaps.ExecuteDeleteAsync(cancellation);
            await db.SummaryStates.Where(s => s.Name == CoverageGapSummary.CountsName).ExecuteDeleteAsync(cancellation);
            Assert.False(await new CoverageGapSummaryState().IsCurrentAsync(db, cancellation));
        }

        var onlyCounted = await new CoverageGapRebuild(host.Services.GetRequiredService<IServiceScopeFactory>(), new CoverageGapSummaryState(), NullLogger<CoverageGapRebuild>.Instance)
            .RebuildIfStaleAsync(cancellation);
        var (recounts, recounted) = await ParkGapCountsAsync(cancellation);
        Assert.Null(onlyCounted);
        Assert.Equal(recounted, recounts);
        Assert.Contains($"{DisputeScenario.Key(park)} any 1", recounts);
    }

    /// <summary>The parks' gap counts (ADR 0040), and the same counted from the stored gaps, in one snapshot, as "park market n" lines.</summary>
    private async Task<(List<string> Counts, List<string> Counted)> ParkGapCountsAsync(CancellationToken cancellation)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>();
        await using var snapshot = await db.Database.BeginTransactionAsync(cancellation);
        var counts = await db.ParkCoverageGaps.AsNoTracking().Where(c => c.Enterprises != 0).ToListAsync(cancellation);
        var stored = await db.EnterpriseCoverageGaps.AsNoTracking().Where(g => g.ParkId != null).Select(g => new { Park = g.ParkId!.Value, g.Market, g.EnterpriseId }).ToListAsync(cancellation);
        return (
            [.. counts.Select(c => $"{c.ParkId} {(c.Market.Length == 0 ? "any" : c.Market)} {c.Enterprises}").Order(StringComparer.Ordinal)],
            [.. stored.GroupBy(g => (g.Park, g.Market)).Select(g => $"{g.Key.Park} {g.Key.Market} {g.Count()}")
                .Concat(stored.GroupBy(g => g.Park).Select(g => $"{g.Key} any {g.Select(x => x.EnterpriseId).Distinct().Count()}"))
                .Order(StringComparer.Ordinal)]);
    }

    /// <summary>Every stored gap, and every gap computed from the marks and markets, in one snapshot, as "enterprise market" lines.</summary>
    private async Task<(List<string> Stored, List<string> Fresh)> StoredAndFreshGapsAsync(CancellationToken cancellation)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>();
        await using var snapshot = await db.Database.BeginTransactionAsync(cancellation);
        var stored = await db.EnterpriseCoverageGaps.AsNoTracking().Select(g => new { g.EnterpriseId, g.ParkId, g.Market }).ToListAsync(cancellation);
        var withMarkets = await db.EnterpriseMarkets.AsNoTracking().Select(m => m.EnterpriseId).ToListAsync(cancellation);
        var fresh = await CoverageReads.GapsOfAsync(db, db.IpRights, withMarkets, cancellation);
        // Each row carries its enterprise's park (the statistics count a park's gaps by it): the placement's, or none.
        var parks = await db.EnterprisePlacements.AsNoTracking().ToDictionaryAsync(p => p.EnterpriseId, p => p.ParkId, cancellation);
        return (
            [.. stored.Select(g => $"{g.EnterpriseId} {g.ParkId?.ToString() ?? "-"} {g.Market}").Order(StringComparer.Ordinal)],
            [.. fresh.SelectMany(e => e.Value.Select(g => $"{e.Key} {parks.GetValueOrDefault(e.Key)?.ToString() ?? "-"} {g.Market}")).Distinct().Order(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Four enterprises selling on noon to Saudi Arabia: three hold a CN mark and one more mark each (SA, AE, KW), the
    /// fourth holds nothing. Only the one with the SA mark has no gap.
    /// </summary>
    private async Task<string> ParkWithFourSaudiSellersAsync()
    {
        var tag = WorkstationScenario.Tag();
        var workstations = new WorkstationScenario(_admin);
        var park = await workstations.RegisterParkAsync($"Portfolio statistics park {tag}");
        var workstation = (await workstations.OpenAsync(park, $"Portfolio statistics WS {tag}")).Str("id");
        foreach (var (second, i) in new[] { "SA", "AE", "KW" }.Select((s, i) => (s, i)))
        {
            var enterprise = await SettledAsync(park, workstation, $"沙特卖家{i} {tag}");
            await RecordMarkAsync(enterprise, "CN", Today.AddYears(-10).AddDays(30));
            await RecordMarkAsync(enterprise, second, Today.AddYears(-2));
        }

        await SettledAsync(park, workstation, $"无商标卖家 {tag}");
        return park;
    }

    private async Task<string> SettledAsync(string park, string workstation, string name)
    {
        var enterprises = new EnterpriseScenario(_admin);
        var enterprise = (await enterprises.RegisterAsync(EnterpriseScenario.NewCreditCode(), name, markets: ["SA"], platforms: ["NOON"])).Str("id");
        var settled = await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterprise, parkId = park, workstationId = workstation, settledOn = "2025-01-06" });
        Assert.Empty(EnterpriseScenario.Codes(settled));
        return enterprise;
    }

    private async Task<string> RecordMarkAsync(string enterprise, string jurisdiction, DateOnly registeredOn)
    {
        var recorded = await _admin.DataAsync(
            "mutation($input: RecordIpRightInput!) { recordIpRight(input: $input) { ipRight { id } errors { code message } } }",
            new { input = new { enterpriseId = enterprise, kind = "TRADEMARK", jurisdiction, nameZh = "盾牌", niceClasses = new[] { 9 }, filedOn = Iso(registeredOn.AddMonths(-9)), registeredOn = Iso(registeredOn) } });
        Assert.Equal(0, recorded.At("recordIpRight.errors").GetArrayLength());
        return recorded.Str("recordIpRight.ipRight.id");
    }

    /// <summary>The park's stored rights summary beside a count of its rights afresh, for a failure's message.</summary>
    private async Task<string> HoldersDiagnosisAsync(Guid park)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>();
        var cancellation = TestContext.Current.CancellationToken;
        var stored = await db.ParkRightHolders.AsNoTracking().Where(h => h.ParkId == park).Select(h => new { h.Rights, h.Holders }).ToListAsync(cancellation);
        var groups = await db.ParkRightGroups.AsNoTracking().Where(g => g.ParkId == park).Select(g => $"{g.Kind}/{g.Status}/{g.Jurisdiction} {g.Rights}×{g.Enterprises}").ToListAsync(cancellation);
        var fresh = await (from r in db.IpRights.AsNoTracking()
                           join p in db.EnterprisePlacements.AsNoTracking() on r.EnterpriseId equals p.EnterpriseId
                           where p.ParkId == park
                           select $"{r.EnterpriseId} {r.Kind}/{r.Status}/{r.Jurisdiction}").ToListAsync(cancellation);
        return $"Stored holders: [{string.Join(", ", stored)}]; stored groups: [{string.Join(", ", groups)}]; its rights counted afresh: [{string.Join(", ", fresh)}].";
    }

    private static List<string> Groups(JsonElement section) =>
        [.. section.At("rightsByKindJurisdictionStatus").EnumerateArray()
            .Select(g => $"{g.Str("kind")}/{g.Str("status")}/{g.Str("jurisdiction")} {g.At("rights").GetInt32()}×{g.At("enterprises").GetInt32()}")];

    private static List<string> GapMarkets(JsonElement section) =>
        [.. section.At("coverageGapsByMarket.groups").EnumerateArray().Select(g => $"{g.Str("key")}:{g.At("enterprises").GetInt32()}")];

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

[Collection(MariaDbCollection.Name)]
public sealed class PortfolioStatisticsOnMariaDbTests(MariaDbHost host) : PortfolioStatisticsTests(host);

[Collection(SqliteCollection.Name)]
public sealed class PortfolioStatisticsOnSqliteTests(SqliteHost host) : PortfolioStatisticsTests(host);
