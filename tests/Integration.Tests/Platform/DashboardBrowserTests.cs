using System.Globalization;
using System.Text.Json;
using IpShield.Integration.Tests.Enterprises;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;
using Microsoft.Playwright;

namespace IpShield.Integration.Tests.Platform;

/// <summary>
/// The /dashboard page in a real browser (Debian's Chromium through Playwright) against the host process on a real port
/// and MariaDB: a person signs in through the real sign-in form, the page draws its charts, and every figure it shows
/// equals what the API answers to the same operation.
/// </summary>
public sealed class DashboardBrowserTests(DashboardHost dashboardHost) : IClassFixture<DashboardHost>
{
    private const string Password = "dashboard test password";

    /// <summary>The operation the page sends, written out again here so the test does not trust the page's own text.</summary>
    private const string StatisticsQuery = $$"""
        query($park: ID!, $from: DateOnly, $to: DateOnly) { parkStatistics(parkId: $park) { park { name } {{Sections}} } }
        """;

    /// <summary>The centre's whole-city view: the same sections of <c>cityStatistics</c>.</summary>
    private const string CityQuery = $$"""
        query($from: DateOnly, $to: DateOnly) { cityStatistics { {{Sections}} } }
        """;

    private const string Sections = """
        workstationCount openWorkstationCount serviceRecordCount
          enterprises(from: $from, to: $to) { settled settledPerMonth { month enterprises } byTargetMarket { groups { key enterprises } }
            bySalesPlatform { groups { key enterprises } } byLegalForm { groups { key enterprises } } certifications { platform status enterprises }
            certificationsExpiringIn30Days certificationsExpiringIn90Days }
          servicesPerMonth(from: $from, to: $to) { month consultations guidanceVisits }
          portfolios(from: $from, to: $to) { rights enterprisesHoldingRights rightsByKindJurisdictionStatus { kind status jurisdiction rights }
            enterprisesWithCoverageGaps coverageGapsByMarket { groups { key enterprises } } deadlinesDue deadlinesMissed deadlinesDone }
          training(from: $from, to: $to) { sessionsHeld sessionsHeldByKind { kind count } }
          disputes(from: $from, to: $to) { openByStage { label count } openByPlatform { label count } closedByOutcome { label count } medianDaysToClose warningsReceived reach acknowledged }
        """;

    /// <summary>The day the arranged closed case closed: well inside the page's default range (the last twelve months).</summary>
    private static readonly string ClosedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private HostProcess Host => dashboardHost.Process;

    [Fact]
    public async Task A_park_manager_signs_in_sees_charts_whose_figures_equal_the_API_in_Chinese_and_English_and_cannot_pick_another_park()
    {
        var admin = await Host.AdminClientAsync();
        var (parkA, parkB) = await ArrangeParksAsync(admin);
        var manager = await CreatePersonAsync(admin, "park_manager", parkA);

        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync("zh-CN");
        var policyViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                policyViolations.Add(message.Text);
            }
        };

        await SignInAsync(page, manager);
        await ScreenshotAsync(page, "park-manager-zh");

        // The park is the manager's own, and the picker offers no other.
        var picker = page.Locator("select#park");
        Assert.True(await picker.IsDisabledAsync());
        Assert.Equal(new[] { parkA }, await picker.Locator("option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)"));
        Assert.DoesNotContain(parkB, await page.ContentAsync(), StringComparison.Ordinal);

        // Every chart has been drawn on a canvas.
        var charts = await page.Locator("[data-chart]").CountAsync();
        Assert.True(charts >= 5, $"only {charts} charts on the page");
        Assert.Equal(charts, await page.Locator("[data-chart][data-rendered='true'] canvas").CountAsync());

        // The figures shown equal the API's answer to the same operation, for the range the page shows.
        var range = new { from = await page.InputValueAsync("#from"), to = await page.InputValueAsync("#to") };
        var api = (await admin.DataAsync(StatisticsQuery, new { park = parkA, range.from, range.to })).At("parkStatistics");
        foreach (var (figure, expected) in ExpectedFigures(api))
        {
            Assert.Equal(expected, await FigureAsync(page, figure));
        }

        Assert.Equal(4, api.At("enterprises.settled").GetInt32());
        Assert.Equal(4, api.At("portfolios.enterprisesWithCoverageGaps").GetInt32());

        // Chinese by default (the browser's language), English at the switch, with enum labels translated.
        Assert.Equal("企业", await page.Locator("section[data-section='enterprises'] h2").TextContentAsync());
        var certified = page.Locator("table[data-figure='enterprises.certifications'] tr[data-key='NOON/CERTIFIED'] th");
        Assert.Equal("Noon · 已认证", await certified.TextContentAsync());
        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("section[data-section='enterprises'] h2")).ToHaveTextAsync("Enterprises");
        await ScreenshotAsync(page, "park-manager-en");
        Assert.Equal("Noon · Certified", await certified.TextContentAsync());
        Assert.Equal("United Arab Emirates", await page.Locator("table[data-figure='enterprises.byTargetMarket'] tr[data-key='AE'] th").TextContentAsync());
        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("section[data-section='enterprises'] h2")).ToHaveTextAsync("企业");
        Assert.Equal("阿拉伯联合酋长国", await page.Locator("table[data-figure='enterprises.byTargetMarket'] tr[data-key='AE'] th").TextContentAsync());

        Assert.True(policyViolations.Count == 0, "The page broke its Content-Security-Policy:\n" + string.Join('\n', policyViolations));
    }

    [Fact]
    public async Task The_city_centre_picks_any_park_and_the_figures_follow_the_pick()
    {
        var admin = await Host.AdminClientAsync();
        var (parkA, parkB) = await ArrangeParksAsync(admin);
        var centre = await CreatePersonAsync(admin, "admin", null);

        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync("en-GB");
        await SignInAsync(page, centre);

        Assert.False(await page.Locator("select#park").IsDisabledAsync());
        var offered = await page.Locator("select#park option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        Assert.Contains(parkA, offered);
        Assert.Contains(parkB, offered);
        Assert.Equal("Enterprises", await page.Locator("section[data-section='enterprises'] h2").TextContentAsync());

        // Pick the one of the two parks not shown yet, and wait for the page to have drawn it.
        var picked = await page.InputValueAsync("select#park") == parkB ? parkA : parkB;
        await page.EvaluateAsync("() => { document.body.dataset.state = 'picking'; }");
        await page.SelectOptionAsync("select#park", picked);
        await page.WaitForSelectorAsync("body[data-state='ready']", new() { Timeout = 60_000 });
        var api = (await admin.DataAsync(StatisticsQuery, new { park = picked, from = await page.InputValueAsync("#from"), to = await page.InputValueAsync("#to") })).At("parkStatistics");
        Assert.Equal(api.Str("park.name"), await page.Locator("#park-name").TextContentAsync());
        foreach (var (figure, expected) in ExpectedFigures(api))
        {
            Assert.Equal(expected, await FigureAsync(page, figure));
        }
    }

    [Fact]
    public async Task The_centre_sees_the_whole_city_equal_to_cityStatistics_and_the_disputes_figures_follow_the_chosen_range()
    {
        var admin = await Host.AdminClientAsync();
        await ArrangeParksAsync(admin);
        var centre = await CreatePersonAsync(admin, "admin", null);

        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync("en-GB");
        await SignInAsync(page, centre);

        // The whole city is the centre's first view, offered before the parks.
        var offered = await page.Locator("select#park option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        Assert.Equal("city", offered[0]);
        Assert.Equal("city", await page.InputValueAsync("select#park"));
        Assert.Equal("Whole city", await page.Locator("#park-name").TextContentAsync());
        var charts = await page.Locator("[data-chart]").CountAsync();
        Assert.True(charts >= 5, $"only {charts} charts on the page");
        Assert.Equal(charts, await page.Locator("[data-chart][data-rendered='true'] canvas").CountAsync());
        var wide = await AssertShowsTheCityAsync(page, admin);
        Assert.NotEmpty(wide.At("disputes.closedByOutcome").EnumerateArray());
        Assert.NotEmpty(await FigureAsync(page, "disputes.closedByOutcome"));

        // A range after the day every closed case closed: the disputes section follows it (no closed case, no median),
        // while open cases are today's either way.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await page.FillAsync("#from", Iso(today.AddDays(-10)));
        await page.FillAsync("#to", Iso(today.AddDays(1)));
        await page.EvaluateAsync("() => { document.body.dataset.state = 'picking'; }");
        await page.ClickAsync("#controls button[type='submit']");
        await page.WaitForSelectorAsync("body[data-state='ready']", new() { Timeout = 60_000 });
        var narrow = await AssertShowsTheCityAsync(page, admin);
        Assert.Empty(narrow.At("disputes.closedByOutcome").EnumerateArray());
        Assert.Empty(await FigureAsync(page, "disputes.closedByOutcome"));
        Assert.Equal(string.Empty, (await FigureAsync(page, "disputes.numbers"))["medianDaysToClose"]);
        Assert.Equal(Labels(wide.At("disputes.openByStage")), await FigureAsync(page, "disputes.openByStage"));
    }

    /// <summary>The page's figures equal <c>cityStatistics</c> for the range the page shows; hands back the API's answer.</summary>
    private static async Task<JsonElement> AssertShowsTheCityAsync(IPage page, GraphQLClient admin)
    {
        var api = (await admin.DataAsync(CityQuery, new { from = await page.InputValueAsync("#from"), to = await page.InputValueAsync("#to") })).At("cityStatistics");
        foreach (var (figure, expected) in ExpectedFigures(api))
        {
            Assert.Equal(expected, await FigureAsync(page, figure));
        }

        return api;
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Park A: a workstation, four settled enterprises with markets, platforms, a certificate and a dispute case; park B: one enterprise.</summary>
    private static async Task<(string ParkA, string ParkB)> ArrangeParksAsync(GraphQLClient admin)
    {
        var parks = new WorkstationScenario(admin);
        var tag = WorkstationScenario.Tag();
        var parkA = await parks.RegisterParkAsync($"看板园区A {tag}");
        var parkB = await parks.RegisterParkAsync($"看板园区B {tag}");
        var workstationA = (await parks.OpenAsync(parkA, $"Dashboard WS A {tag}")).Str("id");
        var workstationB = (await parks.OpenAsync(parkB, $"Dashboard WS B {tag}")).Str("id");
        var enterprises = new EnterpriseScenario(admin);
        var settledOn = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var inA = new List<string>();
        var profiles = new (string[] Markets, string[] Platforms)[]
        {
            (["AE", "SA"], ["NOON", "AMAZON"]), (["AE"], ["NOON"]), (["AE", "US"], ["AMAZON"]), (["SA"], ["NOON", "TEMU"]),
        };
        foreach (var (markets, platforms) in profiles)
        {
            var id = (await enterprises.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"看板企业 {Guid.NewGuid():N}"[..12], markets: markets, platforms: platforms)).Str("id");
            Applied(await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id, parkId = parkA, workstationId = workstationA, settledOn }));
            inA.Add(id);
        }

        var inB = (await enterprises.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"看板企业B {tag}", markets: ["DE"], platforms: ["EBAY"])).Str("id");
        Applied(await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = inB, parkId = parkB, workstationId = workstationB, settledOn }));
        Applied(await enterprises.MutateAsync("changeCertificationStatus", "ChangeCertificationStatusInput", new { id = inA[0], platform = "NOON", status = "CERTIFIED", on = settledOn }));
        Applied(await enterprises.MutateAsync("changeCertificationStatus", "ChangeCertificationStatusInput", new { id = inA[1], platform = "NOON", status = "IN_PROGRESS", on = settledOn }));

        // Disputes learns where an enterprise is settled from the outbox (ADR 0017): wait until the case counts for park A,
        // so the page and the API below read the same, settled state.
        var caseInput = new { enterpriseId = inA[2], title = "Dashboard complaint", kind = "PLATFORM_COMPLAINT", platform = "NOON", market = "AE", startedOn = settledOn };
        Applied((await admin.DataAsync("mutation($input: OpenDisputeCaseInput!) { openDisputeCase(input: $input) { disputeCase { id } errors { code } } }", new { input = caseInput })).At("openDisputeCase"));
        // A second case, closed 40 days ago: the disputes section counts it only in a range that holds that day.
        var closedCase = (await admin.DataAsync(
            "mutation($input: OpenDisputeCaseInput!) { openDisputeCase(input: $input) { disputeCase { id } errors { code } } }",
            new { input = caseInput with { enterpriseId = inA[3], title = "Dashboard complaint, settled" } })).At("openDisputeCase");
        Applied(closedCase);
        Applied((await admin.DataAsync(
            "mutation($input: CloseDisputeCaseInput!) { closeDisputeCase(input: $input) { disputeCase { id } errors { code } } }",
            new { input = new { caseId = closedCase.Str("disputeCase.id"), outcome = "SETTLED", on = ClosedOn } })).At("closeDisputeCase"));
        // Portfolios learns placements and markets the same way: every enterprise here has markets and no mark, so each
        // shows a coverage gap once Portfolios knows it (ADR 0013).
        await Eventually.MatchAsync(
            () => admin.DataAsync(
                "query($a: ID!, $b: ID!) { a: parkStatistics(parkId: $a) { disputes { openByStage { count } closedByOutcome { count } } portfolios { enterprisesWithCoverageGaps } } b: parkStatistics(parkId: $b) { portfolios { enterprisesWithCoverageGaps } } }",
                new { a = parkA, b = parkB }),
            stats => stats.At("a.disputes.openByStage").EnumerateArray().Sum(s => s.GetProperty("count").GetInt32()) == 1
                && stats.At("a.disputes.closedByOutcome").EnumerateArray().Sum(s => s.GetProperty("count").GetInt32()) == 1
                && stats.At("a.portfolios.enterprisesWithCoverageGaps").GetInt32() == 4
                && stats.At("b.portfolios.enterprisesWithCoverageGaps").GetInt32() == 1,
            "Disputes and Portfolios to have learned the settlements: park A's open and closed cases, coverage gaps of all four enterprises of A and the one of B");
        return (parkA, parkB);
    }

    private static void Applied(JsonElement payload) =>
        Assert.True(payload.GetProperty("errors").GetArrayLength() == 0, payload.GetRawText());

    private static async Task<string> CreatePersonAsync(GraphQLClient admin, string role, string? parkId)
    {
        var userName = $"{role[..4]}-{Guid.NewGuid():N}"[..20];
        var created = await admin.DataAsync(
            "mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } errors { code message } } }",
            new { input = new { userName, displayName = $"Dashboard {role}", password = Password, role, parkId } });
        Applied(created.At("createPerson"));
        return userName;
    }

    /// <summary>Opens the page, signs in through the real sign-in form, and waits until every chart is drawn.</summary>
    private async Task SignInAsync(IPage page, string userName)
    {
        // Generous waits: CI runs the suite on a loaded 2-core machine.
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync($"{Host.Url}/dashboard");
        await page.ClickAsync("#sign-in");
        await page.FillAsync("input[name='userName']", userName);
        await page.FillAsync("input[name='password']", Password);
        await page.ClickAsync("button[type='submit']");
        await page.WaitForSelectorAsync("body[data-state='ready']", new() { Timeout = 60_000 });
    }

    /// <summary>What the person saw, kept beside the test databases for a look when a run fails.</summary>
    private static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "ipshield-tests", $"dashboard-{name}.png"), FullPage = true });

    /// <summary>The rows of one figure's table as the page shows them: key → value ("" where withheld).</summary>
    private static async Task<Dictionary<string, string>> FigureAsync(IPage page, string figure)
    {
        var rows = await page.Locator($"table[data-figure='{figure}'] tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.dataset.key, r.querySelector('td').dataset.value])");
        return rows.ToDictionary(r => r[0], r => r[1]);
    }

    /// <summary>A figure as its table shows it: "" where withheld (or none).</summary>
    private static string Value(JsonElement value) => value.ValueKind == JsonValueKind.Null ? string.Empty : value.GetRawText();

    private static Dictionary<string, string> Labels(JsonElement counts) =>
        counts.EnumerateArray().ToDictionary(c => c.Str("label"), c => Value(c.GetProperty("count")));

    /// <summary>What each figure's table must show, from the API's answer.</summary>
    private static IEnumerable<(string Figure, Dictionary<string, string> Rows)> ExpectedFigures(JsonElement api)
    {
        static Dictionary<string, string> Groups(JsonElement breakdown) =>
            breakdown.GetProperty("groups").EnumerateArray().ToDictionary(g => g.Str("key"), g => Value(g.GetProperty("enterprises")));

        yield return ("overview.numbers", new()
        {
            ["workstations"] = Value(api.At("workstationCount")),
            ["openWorkstations"] = Value(api.At("openWorkstationCount")),
            ["serviceRecords"] = Value(api.At("serviceRecordCount")),
        });
        var enterprises = api.At("enterprises");
        yield return ("enterprises.numbers", new()
        {
            ["settled"] = Value(enterprises.At("settled")),
            ["expiring30"] = Value(enterprises.At("certificationsExpiringIn30Days")),
            ["expiring90"] = Value(enterprises.At("certificationsExpiringIn90Days")),
        });
        yield return ("enterprises.settledPerMonth", enterprises.At("settledPerMonth").EnumerateArray().ToDictionary(m => m.Str("month"), m => Value(m.GetProperty("enterprises"))));
        yield return ("enterprises.byTargetMarket", Groups(enterprises.At("byTargetMarket")));
        yield return ("enterprises.bySalesPlatform", Groups(enterprises.At("bySalesPlatform")));
        yield return ("enterprises.byLegalForm", Groups(enterprises.At("byLegalForm")));
        yield return ("enterprises.certifications", enterprises.At("certifications").EnumerateArray().ToDictionary(c => $"{c.Str("platform")}/{c.Str("status")}", c => Value(c.GetProperty("enterprises"))));
        yield return ("services.consultations", api.At("servicesPerMonth").EnumerateArray().ToDictionary(m => m.Str("month"), m => Value(m.GetProperty("consultations"))));
        yield return ("services.guidanceVisits", api.At("servicesPerMonth").EnumerateArray().ToDictionary(m => m.Str("month"), m => Value(m.GetProperty("guidanceVisits"))));
        var portfolios = api.At("portfolios");
        yield return ("portfolios.numbers", new()
        {
            ["rights"] = Value(portfolios.At("rights")),
            ["enterprisesHoldingRights"] = Value(portfolios.At("enterprisesHoldingRights")),
            ["enterprisesWithCoverageGaps"] = Value(portfolios.At("enterprisesWithCoverageGaps")),
            ["deadlinesDue"] = Value(portfolios.At("deadlinesDue")),
            ["deadlinesMissed"] = Value(portfolios.At("deadlinesMissed")),
            ["deadlinesDone"] = Value(portfolios.At("deadlinesDone")),
        });
        yield return ("portfolios.rights", portfolios.At("rightsByKindJurisdictionStatus").EnumerateArray()
            .ToDictionary(r => $"{r.Str("kind")}/{r.Str("jurisdiction")}/{r.Str("status")}", r => Value(r.GetProperty("rights"))));
        yield return ("portfolios.coverageGapsByMarket", Groups(portfolios.At("coverageGapsByMarket")));
        yield return ("training.sessionsHeldByKind", api.At("training.sessionsHeldByKind").EnumerateArray().ToDictionary(k => k.Str("kind"), k => Value(k.GetProperty("count"))));
        yield return ("disputes.openByStage", Labels(api.At("disputes.openByStage")));
        yield return ("disputes.openByPlatform", Labels(api.At("disputes.openByPlatform")));
        yield return ("disputes.closedByOutcome", Labels(api.At("disputes.closedByOutcome")));
        yield return ("disputes.numbers", new()
        {
            ["warningsReceived"] = Value(api.At("disputes.warningsReceived")),
            ["reach"] = Value(api.At("disputes.reach")),
            ["acknowledged"] = Value(api.At("disputes.acknowledged")),
            ["medianDaysToClose"] = Value(api.At("disputes.medianDaysToClose")),
        });
    }
}

/// <summary>One host process on its own MariaDB database for the browser tests, on a real port a browser can reach.</summary>
public sealed class DashboardHost : IAsyncLifetime
{
    private string _database = string.Empty;
    private HostProcess? _process;

    internal HostProcess Process => _process ?? throw new InvalidOperationException("The host has not started.");

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabases.CreateMariaDbAsync("dashboard");
        _process = await HostProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["ConnectionStrings:MySql"] = _database,
                ["Database:MigrateOnStartup"] = "true",
                // The page sends people back to itself with their code: the host's own URL is known once it has a port.
                ["Identity:WebRedirectUris:0"] = "{url}/dashboard",
            },
            TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        await TestDatabases.DropMariaDbAsync(_database);
    }
}
