using Microsoft.Net.Http.Headers;

namespace IpShield.Host;

/// <summary>
/// What browsers get from the host. Front ends on their own origins (<c>Cors:AllowedOrigins</c>) may call the API and the
/// OpenID Connect endpoints with bearer tokens; credentials (cookies) are never allowed cross-origin, so the sign-in cookie
/// is of no use to another origin. Every response says nosniff, sends no referrer (URLs here may carry a code) and a
/// deny-all Content-Security-Policy that HTML pages replace with their own; HTTPS responses outside Development add HSTS.
/// </summary>
internal static class BrowserSecurity
{
    private const string DenyAll = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    public static IServiceCollection AddBrowserSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        if (origins.Any(origin => origin.Contains('*', StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("Cors:AllowedOrigins names each front end's origin (e.g. https://app.example.org); wildcards are refused.");
        }

        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders("Authorization", "Content-Type", "Accept", "GraphQL-Preflight")
            .WithExposedHeaders("WWW-Authenticate", "trace-id")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>Before authentication: a preflight carries no token and is answered here.</summary>
    public static WebApplication UseBrowserSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use((http, next) =>
        {
            // When the response starts, so error responses (whose headers the exception handler clears) get them too.
            http.Response.OnStarting(AddHeaders, http.Response);
            return next(http);
        });
        app.UseCors();
        return app;
    }

    private static Task AddHeaders(object state)
    {
        var headers = ((HttpResponse)state).Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = DenyAll; // a page without a policy of its own loads nothing
        }

        return Task.CompletedTask;
    }
}
