using System.Text.Json;
using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpShield.Host;

/// <summary>Ready when every module's database answers.</summary>
internal sealed class DatabaseReadyCheck(IServiceProvider services, DatabaseOptions database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["provider"] = database.Provider.ToString() };
        var healthy = true;
        foreach (var module in services.GetServices<ModuleDatabase>())
        {
            using var scope = services.CreateScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            var up = await db.Database.CanConnectAsync(cancellationToken);
            data[module.ContextType.Name] = up ? "up" : "down";
            healthy &= up;
        }

        return healthy ? HealthCheckResult.Healthy("Databases answer.", data) : HealthCheckResult.Unhealthy("A database does not answer.", data: data);
    }
}

internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description, e.Value.Data }),
        });
    }
}
