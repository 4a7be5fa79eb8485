using System.Net;
using IpShield.Identity.Domain;
using IpShield.Identity.Server;
using IpShield.SharedKernel.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Identity.Accounts;

/// <summary>
/// The minimal sign-in page the authorization endpoint sends people to: user name and password, lockout after repeated
/// failures, then back to where they came from (a local URL only).
/// </summary>
internal static class LoginPage
{
    public const string Path = "/account/login";

    private const string Style = "body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto}label,input,button{display:block;width:100%;margin:.4rem 0}";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var policy = ContentSecurityPolicy(endpoints.ServiceProvider.GetRequiredService<PlatformIdentityOptions>());
        endpoints.MapGet(Path, (HttpContext http, IAntiforgery antiforgery, [FromQuery] string? returnUrl) =>
            Page(http, antiforgery, returnUrl, message: null, policy));

        endpoints.MapPost(Path, async (HttpContext http, IAntiforgery antiforgery, SignInManager<PlatformUser> signIn, [FromForm] LoginForm form) =>
        {
            var returnUrl = IsLocal(form.ReturnUrl) ? form.ReturnUrl! : "/";
            var user = string.IsNullOrEmpty(form.UserName) ? null : await signIn.UserManager.FindByNameAsync(form.UserName);
            if (user is null || user.Disabled || string.IsNullOrEmpty(form.Password))
            {
                return Page(http, antiforgery, returnUrl, "Unknown user name or wrong password.", policy, StatusCodes.Status400BadRequest);
            }

            var result = await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return Results.LocalRedirect(returnUrl);
            }

            return result.IsLockedOut
                ? Page(http, antiforgery, returnUrl, "Too many failed attempts: this account is locked for a while.", policy, StatusCodes.Status423Locked)
                : Page(http, antiforgery, returnUrl, "Unknown user name or wrong password.", policy, StatusCodes.Status400BadRequest);
        });
    }

    /// <summary>
    /// Only the page's own style. The form posts here; a signed-in person is then redirected through the authorization
    /// endpoint to the front end's redirect URI, and browsers hold that whole redirect chain to form-action too.
    /// </summary>
    private static string ContentSecurityPolicy(PlatformIdentityOptions options)
    {
        var frontEnds = options.WebRedirectUris
            .Select(uri => Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? parsed.GetLeftPart(UriPartial.Authority) : null)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase);
        return $"default-src 'none'; style-src {HtmlPage.InlineSource(Style)}; form-action 'self' {string.Join(' ', frontEnds)}; {HtmlPage.Baseline}";
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? message, string policy, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        http.Response.Headers.ContentSecurityPolicy = policy;
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>IP Shield sign-in</title>
            <style>{{Style}}</style></head>
            <body><h1>IP Shield</h1>
            {{(message is null ? string.Empty : $"<p role=\"alert\">{WebUtility.HtmlEncode(message)}</p>")}}
            <form method="post" action="{{Path}}">
            <input type="hidden" name="{{tokens.FormFieldName}}" value="{{WebUtility.HtmlEncode(tokens.RequestToken)}}">
            <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(IsLocal(returnUrl) ? returnUrl : "/")}}">
            <label>User name <input name="userName" autocomplete="username" required></label>
            <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
            <button type="submit">Sign in</button>
            </form></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}

internal sealed class LoginForm
{
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
}
