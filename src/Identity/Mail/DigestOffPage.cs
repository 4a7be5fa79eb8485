using System.Net;
using IpShield.Identity.Contracts;
using IpShield.Identity.Domain;
using IpShield.SharedKernel.Mail;
using IpShield.SharedKernel.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace IpShield.Identity.Mail;

/// <summary>
/// The link in every deadline digest that turns it off without signing in. A GET only shows a confirm button (mail
/// scanners and link previews fetch links; they must not unsubscribe anyone); a POST to the same address turns it off,
/// which is also what a mail client's one-click unsubscribe sends (RFC 8058). The token is signed (<see cref="MailLinks"/>).
/// </summary>
internal static class DigestOffPage
{
    private const string Style = "body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto}button{font-size:1rem;padding:.5rem 1rem}";
    private static readonly string Policy = $"default-src 'none'; style-src {HtmlPage.InlineSource(Style)}; form-action 'self'; {HtmlPage.Baseline}";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DigestOffLink.Path, async (HttpContext http, MailLinks links, UserManager<PlatformUser> users) =>
        {
            var token = http.Request.Query["token"].ToString();
            if (await PersonAsync(links, users, token) is not { } user)
            {
                return Invalid();
            }

            var english = user.MailLanguage == PersonLanguages.English;
            var form = $"<form method=\"post\" action=\"{DigestOffLink.Path}?token={WebUtility.UrlEncode(token)}\"><button type=\"submit\">{(english ? "Turn the digest off" : "退订")}</button></form>";
            return english
                ? Page("en", "Daily deadline digest", $"<p>Stop the daily deadline digest to {Encode(user.Email)}?</p>{form}<p>You can turn it on again after signing in.</p>")
                : Page("zh", "每日期限摘要", $"<p>不再向 {Encode(user.Email)} 发送每日期限摘要？</p>{form}<p>登录后可以重新开启。</p>");
        });

        endpoints.MapPost(DigestOffLink.Path, async (HttpContext http, MailLinks links, UserManager<PlatformUser> users) =>
        {
            var token = http.Request.Query["token"].ToString();
            if (await PersonAsync(links, users, token) is not { } user)
            {
                return Invalid();
            }

            if (!user.DeadlineDigestOff)
            {
                user.DeadlineDigestOff = true;
                await users.UpdateAsync(user);
            }

            return user.MailLanguage == PersonLanguages.English
                ? Page("en", "Daily deadline digest", "<p>The daily deadline digest is off. You can turn it on again after signing in.</p>")
                : Page("zh", "每日期限摘要", "<p>每日期限摘要已退订。登录后可以重新开启。</p>");
        });
    }

    private static async Task<PlatformUser?> PersonAsync(MailLinks links, UserManager<PlatformUser> users, string token) =>
        links.TryVerify(DigestOffLink.Purpose, token, out var person) ? await users.FindByIdAsync(person.ToString()) : null;

    private static IResult Invalid() =>
        Page("en", "IP Shield", "<p>This link is not valid. 此链接无效。</p>", StatusCodes.Status404NotFound);

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static IResult Page(string language, string title, string body, int status = StatusCodes.Status200OK) =>
        new PageResult($$"""
            <!doctype html>
            <html lang="{{language}}"><head><meta charset="utf-8"><title>{{title}}</title>
            <style>{{Style}}</style></head>
            <body><h1>{{title}}</h1>{{body}}</body></html>
            """, status);

    private sealed class PageResult(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            return new HtmlPage(html, Policy).WriteAsync(httpContext);
        }
    }
}
