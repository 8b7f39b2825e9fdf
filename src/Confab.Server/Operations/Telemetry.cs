using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Confab.Server.Operations;

/// <summary>Metrics through OpenTelemetry, scraped by Prometheus at <c>/metrics</c>.</summary>
public static class Telemetry
{
    public const string ServiceName = "confab-server";

    public static IServiceCollection AddConfabTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                // System.Runtime: GC collections and pause time, thread-pool queue, JIT time — what to look at first when
                // the media thread stalls.
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime", Media.MediaWorkerHost.MeterName)
                .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapConfabMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
