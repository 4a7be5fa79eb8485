using System.Globalization;
using System.Net;
using System.Text.Json;
using IpShield.Integration.Tests.Enterprises;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;
using IpShield.Portfolios.Digests;
using IpShield.SharedKernel.Time;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace IpShield.Integration.Tests.Mail;

/// <summary>
/// The daily deadline digest, end to end: two hosts on one MariaDB database mail a local SMTP receiver, their clocks
/// moved from one park morning (08:00, Asia/Shanghai) to the next.
/// </summary>
public sealed class DeadlineDigestTests(DigestHosts hosts) : IClassFixture<DigestHosts>
{
    [Fact]
    public async Task Two_hosts_send_each_person_one_digest_a_day()
    {
        var place = await hosts.PlaceAsync();
        var staff = await hosts.PersonAsync("workstation_staff", "ZH", workstation: place.Workstation);
        await hosts.RightDueAsync(place.Enterprise, "每日商标", "Daily mark", dueIn: 20);

        var days = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var day = hosts.NextMorning();
            days.Add(day);
            // Both hosts look at once, beside their own looks every second: the claim lets one of them send.
            await Task.WhenAll(hosts.Both.Select(h => h.Services.GetRequiredService<DeadlineDigests>().RunAsync(TestContext.Current.CancellationToken)));
            await Eventually.MatchAsync(() => Task.FromResult(hosts.Smtp.To(staff.Email).Count(m => Day(m) == day)), n => n >= 1, $"the digest of {day}", seconds: 90);
        }

        // Once each host has looked again after the last morning, a second digest would be there.
        await Task.WhenAll(hosts.Both.Select(h => h.Services.GetRequiredService<DeadlineDigests>().RunAsync(TestContext.Current.CancellationToken)));
        var received = hosts.Smtp.To(staff.Email).Select(Day).ToList();
        Assert.All(days, day => Assert.Single(received, d => d == day));
        Assert.Equal(received.Count, received.Distinct().Count());
    }

    [Fact]
    public async Task A_staff_member_sees_their_workstations_deadlines_and_an_enterprise_member_their_enterprises_in_their_language()
    {
        var here = await hosts.PlaceAsync();
        var there = await hosts.PlaceAsync();
        var staff = await hosts.PersonAsync("workstation_staff", "ZH", workstation: here.Workstation);
        var member = await hosts.PersonAsync("enterprise_member", "EN", enterprise: there.Enterprise);
        var ours = await hosts.RightDueAsync(here.Enterprise, $"长江{here.Tag}", $"Yangtze {here.Tag}", dueIn: 20);
        var theirs = await hosts.RightDueAsync(there.Enterprise, $"汉江{there.Tag}", $"Han River {there.Tag}", dueIn: 25);

        var day = hosts.NextMorning();
        var toStaff = await hosts.DigestAsync(staff.Email, day);
        var toMember = await hosts.DigestAsync(member.Email, day);

        Assert.Contains("期限摘要", toStaff.Subject, StringComparison.Ordinal);
        Assert.Contains($"- 长江{here.Tag} | 商标 | CN | 续展 | {ours} | 还剩 {DaysBetween(day, ours)} 天", toStaff.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(there.Tag, toStaff.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{here.Tag}</td>", toStaff.HtmlBody, StringComparison.Ordinal);

        Assert.Contains("deadline digest", toMember.Subject, StringComparison.Ordinal);
        Assert.Contains($"- Han River {there.Tag} | Trademark | CN | Renewal | {theirs} | {DaysBetween(day, theirs)} days left", toMember.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(here.Tag, toMember.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<td>Han River {there.Tag}</td>", toMember.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_off_link_turns_the_digest_off_and_the_next_morning_sends_that_person_nothing()
    {
        var place = await hosts.PlaceAsync();
        var leaving = await hosts.PersonAsync("workstation_staff", "EN", workstation: place.Workstation);
        var staying = await hosts.PersonAsync("workstation_staff", "ZH", workstation: place.Workstation);
        await hosts.RightDueAsync(place.Enterprise, $"退订{place.Tag}", null, dueIn: 10);
        var day = hosts.NextMorning();
        var digest = await hosts.DigestAsync(leaving.Email, day);
        var link = new Uri(digest.Headers["List-Unsubscribe"]!.Trim().Trim('<', '>'));
        Assert.Contains(link.ToString(), digest.TextBody, StringComparison.Ordinal);
        var browser = hosts.First.Factory.CreateClient();

        using var page = await browser.GetAsync(link.PathAndQuery, TestContext.Current.CancellationToken);
        var confirm = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\"", confirm, StringComparison.Ordinal);
        Assert.True((await hosts.MailSettingsAsync(leaving)).GetProperty("deadlineDigest").GetBoolean(), "a GET alone turned the digest off");
        using var forged = await browser.PostAsync(link.PathAndQuery[..^4] + "AAAA", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        using var off = await browser.PostAsync(link.PathAndQuery, null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.False((await hosts.MailSettingsAsync(leaving)).GetProperty("deadlineDigest").GetBoolean());

        var next = hosts.NextMorning();
        await hosts.DigestAsync(staying.Email, next);
        await Task.WhenAll(hosts.Both.Select(h => h.Services.GetRequiredService<DeadlineDigests>().RunAsync(TestContext.Current.CancellationToken)));
        Assert.DoesNotContain(hosts.Smtp.To(leaving.Email), m => Day(m) == next);
    }

    [Fact]
    public async Task A_signed_in_person_changes_their_address_language_and_digest_through_GraphQL()
    {
        var place = await hosts.PlaceAsync();
        var person = await hosts.PersonAsync("workstation_staff", "ZH", workstation: place.Workstation);
        var client = hosts.First.CreateClient(await hosts.TokenAsync(person));
        const string Change = "mutation($input: ChangeMyMailSettingsInput!) { changeMyMailSettings(input: $input) { mailSettings { email language deadlineDigest } errors { code field } } }";

        var refused = await client.DataAsync(Change, new { input = new { email = "not an address" } });
        var changed = await client.DataAsync(Change, new { input = new { email = $"new-{person.Email}", language = "EN", deadlineDigest = false } });
        var on = await client.DataAsync(Change, new { input = new { deadlineDigest = true } });

        Assert.Equal("INVALID", refused.Str("changeMyMailSettings.errors.0.code"));
        Assert.Equal("input.email", string.Join('.', refused.At("changeMyMailSettings.errors.0.field").EnumerateArray().Select(f => f.GetString())));
        Assert.Equal(JsonValueKind.Null, refused.At("changeMyMailSettings.mailSettings").ValueKind);
        Assert.Equal($"new-{person.Email}|EN|False", Settings(changed.At("changeMyMailSettings.mailSettings")));
        Assert.Equal($"new-{person.Email}|EN|True", Settings(on.At("changeMyMailSettings.mailSettings")));
        Assert.Equal($"new-{person.Email}|EN|True", Settings(await hosts.MailSettingsAsync(person)));
    }

    private static string Settings(JsonElement settings) =>
        $"{settings.GetProperty("email").GetString()}|{settings.GetProperty("language").GetString()}|{settings.GetProperty("deadlineDigest").GetBoolean()}";

    private static int DaysBetween(string from, string to) =>
        DateOnly.Parse(to, CultureInfo.InvariantCulture).DayNumber - DateOnly.Parse(from, CultureInfo.InvariantCulture).DayNumber;

    private static string? Day(MimeMessage message) => message.Headers[DigestMail.DayHeader];
}

/// <summary>A person created through createPerson, with the password they sign in with.</summary>
public sealed record DigestPerson(string UserName, string Email);

/// <summary>A park, a workstation in it and an enterprise settled there.</summary>
public sealed record DigestPlace(string Tag, string Workstation, string Enterprise);

/// <summary>Two hosts on one MariaDB database, both mailing one local SMTP receiver and looking for digests every second.</summary>
public sealed class DigestHosts : IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById(ParkCalendar.DefaultTimeZone);
    private string? _database;

    public SmtpReceiver Smtp { get; private set; } = null!;
    public MailingHost First { get; private set; } = null!;
    public MailingHost Second { get; private set; } = null!;
    public IEnumerable<MailingHost> Both => [First, Second];

    public async ValueTask InitializeAsync()
    {
        Smtp = await SmtpReceiver.StartAsync();
        _database = await TestDatabases.CreateMariaDbAsync("digests");
        First = new MailingHost(_database, Smtp.Port);
        await First.InitializeAsync();
        Second = new MailingHost(_database, Smtp.Port);
        await Second.InitializeAsync();
    }

    /// <summary>Moves both hosts' clocks to 08:30 of the next day in Shanghai (the parks' default calendar) and returns that day.</summary>
    public string NextMorning()
    {
        var local = TimeZoneInfo.ConvertTime(First.Clock.GetUtcNow(), Shanghai);
        var target = new DateTimeOffset(DateOnly.FromDateTime(local.DateTime).AddDays(1).ToDateTime(new TimeOnly(8, 30)), Shanghai.BaseUtcOffset);
        foreach (var host in Both)
        {
            host.Clock.Advance(target - host.Clock.GetUtcNow());
        }

        return DateOnly.FromDateTime(target.DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public async Task<DigestPlace> PlaceAsync()
    {
        var admin = First.CreateClient();
        var tag = WorkstationScenario.Tag();
        var workstations = new WorkstationScenario(admin);
        var park = await workstations.RegisterParkAsync($"Digest park {tag}");
        var workstation = (await workstations.OpenAsync(park, $"Digest WS {tag}")).Str("id");
        var enterprises = new EnterpriseScenario(admin);
        var enterprise = (await enterprises.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"摘要企业 {tag}")).Str("id");
        await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterprise, parkId = park, workstationId = workstation, settledOn = "2025-01-06" });
        return new DigestPlace(tag, workstation, enterprise);
    }

    /// <summary>Creates a person through the API, with an e-mail address and a language.</summary>
    public async Task<DigestPerson> PersonAsync(string role, string language, string? workstation = null, string? enterprise = null)
    {
        var userName = $"digest-{Guid.NewGuid():N}"[..24];
        var email = $"{userName}@ipshield.example";
        var created = await First.CreateClient().DataAsync(
            "mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { email language deadlineDigest } errors { code message } } }",
            new { input = new { userName, displayName = $"测试 {userName}", password = Password, role, workstationIds = workstation is null ? null : new[] { workstation }, enterpriseId = enterprise, email, language } });
        Assert.Equal($"{email}|{language}|True", $"{created.Str("createPerson.person.email")}|{created.Str("createPerson.person.language")}|{created.At("createPerson.person.deadlineDigest").GetBoolean()}");
        return new DigestPerson(userName, email);
    }

    /// <summary>A CN mark of the enterprise whose renewal is due <paramref name="dueIn"/> days from today; returns the due date.</summary>
    public async Task<string> RightDueAsync(string enterprise, string nameZh, string? nameEn, int dueIn)
    {
        var dueOn = ParkCalendar.Today(First.Clock).AddDays(dueIn);
        var registeredOn = dueOn.AddDays(1).AddYears(-10);
        var recorded = await First.CreateClient().DataAsync(
            "mutation($input: RecordIpRightInput!) { recordIpRight(input: $input) { ipRight { id } errors { code message } } }",
            new { input = new { enterpriseId = enterprise, kind = "TRADEMARK", jurisdiction = "CN", nameZh, nameEn, filedOn = Iso(registeredOn.AddYears(-1)), registeredOn = Iso(registeredOn) } });
        Assert.Equal(JsonValueKind.String, recorded.At("recordIpRight.ipRight.id").ValueKind);
        return Iso(dueOn);
    }

    /// <summary>The person's digest of that day, once it has come.</summary>
    public async Task<MimeMessage> DigestAsync(string email, string day)
    {
        var found = await Eventually.MatchAsync(
            () => Task.FromResult(Smtp.To(email).Where(m => m.Headers[DigestMail.DayHeader] == day).ToList()), m => m.Count > 0, $"the digest of {day} to {email}", seconds: 90);
        return found[0];
    }

    public async Task<string> TokenAsync(DigestPerson person)
    {
        var token = await OpenIdConnect.SignInAsync(First.Factory, person.UserName, Password);
        Assert.True(token.Error is null, token.Body.ToString());
        return token.AccessToken;
    }

    /// <summary>The person's own view of their mail settings (signed in now, on the moved clock).</summary>
    public async Task<JsonElement> MailSettingsAsync(DigestPerson person) =>
        (await First.CreateClient(await TokenAsync(person)).DataAsync("{ viewer { mailSettings { email language deadlineDigest } } }")).At("viewer.mailSettings");

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        await Smtp.DisposeAsync();
        if (_database is not null)
        {
            await TestDatabases.DropMariaDbAsync(_database);
        }
    }
}

/// <summary>A host on a shared database with mail pointed at the test's SMTP receiver.</summary>
public sealed class MailingHost(string connectionString, int smtpPort) : PlatformHost
{
    public override string Provider => "MariaDB";

    protected override Task<IReadOnlyDictionary<string, string?>> PrepareDatabaseAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:MySql"] = connectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Mail:Host"] = "127.0.0.1",
            ["Mail:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mail:Security"] = "None",
            ["Mail:From"] = "digest@ipshield.example",
            ["Mail:PublicUrl"] = "http://localhost",
            ["Portfolios:Digests:CheckSeconds"] = "1",
        });
}
