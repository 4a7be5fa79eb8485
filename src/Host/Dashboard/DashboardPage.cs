using IpShield.SharedKernel.Web;
using Microsoft.Extensions.FileProviders;

namespace IpShield.Host.Dashboard;

/// <summary>
/// The park dashboard at GET /dashboard (ADR 0025): a static page whose scripts sign a person in through the platform's
/// own OpenID Connect server and draw the figures of <c>parkStatistics</c> with Apache ECharts. The page's own files live in
/// <c>dashboard/</c>, ECharts in <c>dashboard/node_modules</c> (installed by the build from npm, pinned by its lock file):
/// nothing comes from a CDN.
/// </summary>
internal static class DashboardPage
{
    public const string Path = "/dashboard";
    public const string AssetPath = "/dashboard/assets";

    /// <summary>Every file the page may load, by the name it asks for; anything else is 404.</summary>
    private static readonly Dictionary<string, (string File, string ContentType)> Assets = new(StringComparer.Ordinal)
    {
        ["echarts.js"] = ("node_modules/echarts/dist/echarts.min.js", "text/javascript; charset=utf-8"),
        ["dashboard.js"] = ("dashboard.js", "text/javascript; charset=utf-8"),
        ["sections.js"] = ("sections.js", "text/javascript; charset=utf-8"),
        ["i18n.js"] = ("i18n.js", "text/javascript; charset=utf-8"),
        ["dashboard.css"] = ("dashboard.css", "text/css; charset=utf-8"),
    };

    private const string Html = $$"""
        <!doctype html>
        <html lang="zh-CN">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>IP Shield</title>
          <link rel="stylesheet" href="{{AssetPath}}/dashboard.css" />
        </head>
        <body data-state="starting">
          <header>
            <h1><span data-text="title"></span> <span id="park-name"></span></h1>
            <span id="who"></span>
            <button id="language" type="button"></button>
            <span id="signed-out" hidden><button id="sign-in" type="button" data-text="signIn"></button></span>
            <span id="signed-in" hidden><button id="sign-out" type="button" data-text="signOut"></button></span>
          </header>
          <form id="controls">
            <label><span data-text="park"></span><select id="park" name="park"></select></label>
            <label><span data-text="from"></span><input id="from" name="from" type="date" /></label>
            <label><span data-text="to"></span><input id="to" name="to" type="date" /></label>
            <button type="submit" data-text="show"></button>
          </form>
          <main>
            <p id="message" role="status"></p>
            <div id="sections"></div>
          </main>
          <script src="{{AssetPath}}/echarts.js"></script>
          <script type="module" src="{{AssetPath}}/dashboard.js"></script>
        </body>
        </html>
        """;

    /// <summary>
    /// Scripts and styles from this host only, none inline (ECharts draws on a canvas and its tooltips render as rich text,
    /// so no inline style is needed); requests to this host only (/graphql, /connect/token); no forms posted anywhere.
    /// </summary>
    public static readonly HtmlPage Page = new(Html,
        $"default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'none'; {HtmlPage.Baseline}");

    public static void MapDashboard(this IEndpointRouteBuilder endpoints, string contentRoot)
    {
        endpoints.MapGet(Path, (HttpContext http) => Page.WriteAsync(http));
        var files = new PhysicalFileProvider(System.IO.Path.Combine(contentRoot, "dashboard"));
        endpoints.MapGet($"{AssetPath}/{{name}}", (string name) =>
        {
            if (!Assets.TryGetValue(name, out var asset) || files.GetFileInfo(asset.File) is not { Exists: true, PhysicalPath: { } path })
            {
                return Results.NotFound();
            }

            return Results.File(path, asset.ContentType);
        });
    }
}
