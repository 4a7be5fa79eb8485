using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace IpShield.SharedKernel.Web;

/// <summary>
/// A page the platform serves to browsers, with the Content-Security-Policy that admits exactly what it loads. The host
/// sends a deny-all policy on every response (see the host's browser security); a page replaces it with its own.
/// </summary>
public sealed record HtmlPage(string Html, string ContentSecurityPolicy)
{
    /// <summary>What every page's policy keeps: never framed (clickjacking), no &lt;base&gt; rewriting, no plugins.</summary>
    public const string Baseline = "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /// <summary>A source admitting exactly this inline script or style element, by the SHA-256 of its text.</summary>
    public static string InlineSource(string content) =>
        $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content)))}'";

    public Task WriteAsync(HttpContext http)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return http.Response.WriteAsync(Html, http.RequestAborted);
    }
}
