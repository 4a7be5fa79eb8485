using System.Globalization;
using System.Net;
using System.Text;
using IpShield.Identity.Contracts;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using IpShield.SharedKernel.Mail;

namespace IpShield.Portfolios.Digests;

/// <summary>A person's digest as mail, in their language: the same lines as plain text and as an HTML table, and the off link.</summary>
internal static class DigestMail
{
    /// <summary>Names the day in the headers, so a reader (or a test) can tell one morning's digest from the next.</summary>
    public const string DayHeader = "X-IpShield-Digest-Day";

    public static OutgoingMail Compose(DigestRecipient person, DateOnly day, IReadOnlyList<DigestItem> items, string offLink)
    {
        var words = person.Language == PersonLanguages.English ? Words.English : Words.Chinese;
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var missed = items.Count(i => i.Missed);
        var subject = words.Subject(date, items.Count - missed, missed);

        var text = new StringBuilder()
            .AppendLine(words.Greeting(person.DisplayName))
            .AppendLine()
            .AppendLine(words.Intro(date));
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"{person.Language}\"><head><meta charset=\"utf-8\"><title>{Encode(subject)}</title></head><body>")
            .Append(CultureInfo.InvariantCulture, $"<p>{Encode(words.Greeting(person.DisplayName))}</p><p>{Encode(words.Intro(date))}</p>")
            .Append("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\"><thead><tr>");
        foreach (var heading in words.Columns)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{Encode(heading)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var item in items)
        {
            var d = item.Deadline;
            string[] cells =
            [
                words.RightName(d), words.Kind(d.Kind), d.Jurisdiction, words.Task(d.Task),
                d.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), words.Standing(item),
            ];
            text.AppendLine(CultureInfo.InvariantCulture, $"- {string.Join(" | ", cells)}");
            html.Append("<tr>");
            foreach (var cell in cells)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{Encode(cell)}</td>");
            }

            html.Append("</tr>");
        }

        text.AppendLine().AppendLine(words.Off).AppendLine(offLink);
        html.Append(CultureInfo.InvariantCulture, $"</tbody></table><p>{Encode(words.Off)} <a href=\"{Encode(offLink)}\">{Encode(offLink)}</a></p></body></html>");

        return new OutgoingMail(person.Email, person.DisplayName, subject, text.ToString(), html.ToString())
        {
            Headers = new Dictionary<string, string>
            {
                [DayHeader] = date,
                // One-click unsubscribe (RFC 8058): the mail client POSTs to the link, which turns the digest off.
                ["List-Unsubscribe"] = $"<{offLink}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        };
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private sealed record Words(
        Func<string, int, int, string> Subject, Func<string, string> Greeting, Func<string, string> Intro, string[] Columns,
        Func<DigestDeadline, string> RightName, Func<RightKind, string> Kind, Func<DeadlineTask, string> Task, Func<DigestItem, string> Standing, string Off)
    {
        public static readonly Words Chinese = new(
            (date, due, missed) => $"IP Shield 期限摘要 {date}：{due} 项将到期，{missed} 项已错过",
            name => $"{name}，您好：",
            date => $"截至 {date}，以下期限在 30 天内到期或已经错过：",
            ["权利", "类型", "法域", "期限事项", "到期日", "状态"],
            d => d.RightNameZh,
            kind => kind switch
            {
                RightKind.Trademark => "商标",
                RightKind.InventionPatent => "发明专利",
                RightKind.UtilityModel => "实用新型",
                RightKind.Design => "外观设计",
                _ => "著作权",
            },
            task => task switch
            {
                DeadlineTask.Renewal => "续展",
                DeadlineTask.DeclarationOfUse => "使用声明",
                DeadlineTask.OppositionPeriodEnds => "异议期届满",
                DeadlineTask.Annuity => "年费",
                _ => "保护期届满",
            },
            item => item.Missed ? $"已错过（逾期 {-item.DaysLeft} 天）"
                : item.DaysLeft > 0 ? $"还剩 {item.DaysLeft} 天"
                : item.DaysLeft == 0 ? "今天到期" : $"已逾期 {-item.DaysLeft} 天（宽展期内）",
            "不想再收到这封每日摘要？点击以下链接退订：");

        public static readonly Words English = new(
            (date, due, missed) => $"IP Shield deadline digest {date}: {due} due, {missed} missed",
            name => $"Dear {name},",
            date => $"As of {date}, these deadlines fall due within 30 days or were missed:",
            ["Right", "Kind", "Jurisdiction", "Deadline", "Due on", "Standing"],
            d => d.RightNameEn ?? d.RightNameZh,
            kind => kind switch
            {
                RightKind.Trademark => "Trademark",
                RightKind.InventionPatent => "Invention patent",
                RightKind.UtilityModel => "Utility model",
                RightKind.Design => "Design",
                _ => "Copyright",
            },
            task => task switch
            {
                DeadlineTask.Renewal => "Renewal",
                DeadlineTask.DeclarationOfUse => "Declaration of use",
                DeadlineTask.OppositionPeriodEnds => "Opposition period ends",
                DeadlineTask.Annuity => "Annuity",
                _ => "Term ends",
            },
            item => item.Missed ? $"Missed ({-item.DaysLeft} days overdue)"
                : item.DaysLeft > 1 ? $"{item.DaysLeft} days left"
                : item.DaysLeft == 1 ? "1 day left"
                : item.DaysLeft == 0 ? "Due today" : $"{-item.DaysLeft} days overdue (in grace period)",
            "Don't want this daily digest? Turn it off here:");
    }
}
