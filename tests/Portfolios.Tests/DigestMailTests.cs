using IpShield.Identity.Contracts;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Digests;
using IpShield.Portfolios.Domain;

namespace IpShield.Portfolios.Tests;

/// <summary>What a digest says, in the person's language.</summary>
public sealed class DigestMailTests
{
    private static readonly DateOnly Day = new(2026, 12, 7);
    private const string OffLink = "https://shield.example.cn/mail/deadline-digest/off?token=abc";

    private static readonly DigestItem Due = new(
        new DigestDeadline(Guid.CreateVersion7(), Guid.CreateVersion7(), null, "长江", "Yangtze", RightKind.Trademark, "SA", DeadlineTask.Renewal, Day.AddDays(12), null, DeadlineState.Open),
        false, 12);

    private static readonly DigestItem Missed = new(
        new DigestDeadline(Guid.CreateVersion7(), Guid.CreateVersion7(), null, "汉江", null, RightKind.InventionPatent, "CN", DeadlineTask.Annuity, Day.AddDays(-3), null, DeadlineState.Missed),
        true, -3);

    [Fact]
    public void A_chinese_digest_lists_right_kind_jurisdiction_task_due_date_and_days_left_or_overdue()
    {
        var mail = DigestMail.Compose(Person(PersonLanguages.Chinese), Day, [Missed, Due], OffLink);

        Assert.Equal("IP Shield 期限摘要 2026-12-07：1 项将到期，1 项已错过", mail.Subject);
        Assert.Contains("- 汉江 | 发明专利 | CN | 年费 | 2026-12-04 | 已错过（逾期 3 天）", mail.Text, StringComparison.Ordinal);
        Assert.Contains("- 长江 | 商标 | SA | 续展 | 2026-12-19 | 还剩 12 天", mail.Text, StringComparison.Ordinal);
        Assert.Contains(OffLink, mail.Text, StringComparison.Ordinal);
        Assert.Contains("<td>续展</td>", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_english_digest_uses_the_english_name_where_there_is_one()
    {
        var mail = DigestMail.Compose(Person(PersonLanguages.English), Day, [Missed, Due], OffLink);

        Assert.Equal("IP Shield deadline digest 2026-12-07: 1 due, 1 missed", mail.Subject);
        Assert.Contains("- 汉江 | Invention patent | CN | Annuity | 2026-12-04 | Missed (3 days overdue)", mail.Text, StringComparison.Ordinal);
        Assert.Contains("- Yangtze | Trademark | SA | Renewal | 2026-12-19 | 12 days left", mail.Text, StringComparison.Ordinal);
        Assert.Contains("<td>Yangtze</td>", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_digest_names_its_day_and_offers_one_click_unsubscribe()
    {
        var mail = DigestMail.Compose(Person(PersonLanguages.English), Day, [Due], OffLink);

        Assert.Equal("2026-12-07", mail.Headers[DigestMail.DayHeader]);
        Assert.Equal($"<{OffLink}>", mail.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.Contains($"href=\"{OffLink}\"", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_are_escaped_in_the_html_part()
    {
        var hostile = Due with { Deadline = Due.Deadline with { RightNameEn = "<script>x</script>" } };

        var mail = DigestMail.Compose(Person(PersonLanguages.English) with { DisplayName = "A & B" }, Day, [hostile], OffLink);

        Assert.DoesNotContain("<script>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", mail.Html, StringComparison.Ordinal);
        Assert.Contains("A &amp; B", mail.Html, StringComparison.Ordinal);
    }

    private static DigestRecipient Person(string language) =>
        new(Guid.CreateVersion7(), "王芳", "wang@ipshield.example", language, [], Guid.CreateVersion7());
}
