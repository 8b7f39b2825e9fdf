using Confab.Data.Database;
using Confab.Meetings.LiveState;

namespace Confab.Server.Operations;

/// <summary>
/// <c>GET /healthz</c>: 200 {status: "healthy", checks} when the database answers and the live-state store
/// (when one is registered) answers its ping; 503 {status: "unhealthy", checks} otherwise.
/// </summary>
public static partial class HealthEndpoint
{
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";
    public const string NotRegistered = "not_registered";

    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", HandleAsync).WithTags("Operations").AllowAnonymous();
        return app;
    }

    private static async Task<IResult> HandleAsync(
        ConfabDbContext db, IServiceProvider services, ILogger<HealthReport> logger, CancellationToken ct)
    {
        var database = await CheckAsync(() => db.Database.CanConnectAsync(ct), "database", logger);
        var liveStore = services.GetService<ILiveStateStore>();
        var live = liveStore is null ? NotRegistered : await CheckAsync(() => liveStore.PingAsync(ct), "live_state", logger);
        var ok = database == Healthy && live != Unhealthy;
        var report = new HealthReport(ok ? Healthy : Unhealthy, new Dictionary<string, string>
        {
            ["database"] = database,
            ["live_state"] = live,
        });
        return TypedResults.Json(report, statusCode: ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<string> CheckAsync(Func<Task<bool>> check, string name, ILogger logger)
    {
        try
        {
            return await check() ? Healthy : Unhealthy;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCheckFailed(logger, ex, name);
            return Unhealthy;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check {Check} failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string check);
}

public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks);
