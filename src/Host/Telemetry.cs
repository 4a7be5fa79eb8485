using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IpShield.Host;

/// <summary>
/// Traces leave the process over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads the other
/// standard <c>OTEL_*</c> variables itself): each HTTP request's span, the GraphQL operation's span inside it, and
/// Wolverine's message handling. Unset, nothing is exported and no tracing SDK runs.
/// </summary>
internal static class Telemetry
{
    public static IServiceCollection AddPlatformTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? "ipshield"))
            .WithTracing(tracing => tracing.AddSource("Microsoft.AspNetCore", "GraphQL", "Wolverine").AddOtlpExporter());
        return services;
    }
}
