using Microsoft.Extensions.Options;

namespace Confab.Server.Media;

/// <summary>Wiring of the SFU into the host: the media worker, and the development room when enabled.</summary>
public static class MediaEndpoints
{
    public static IServiceCollection AddConfabMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MediaOptions>(configuration.GetSection(MediaOptions.SectionName));
        services.AddSingleton<MediaWorkerHost>();
        services.AddHostedService(sp => sp.GetRequiredService<MediaWorkerHost>());
        services.AddSingleton<DevRoomRegistry>();
        return services;
    }

    /// <summary>
    /// Maps <c>/sfu/ws</c> when <c>Confab:Media:DevRoom</c> is on; when off, answers 404 for <c>/dev/</c> and <c>/sfu/</c>.
    /// Call it before the static files middleware.
    /// </summary>
    public static WebApplication MapConfabDevRoom(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MediaOptions>>().Value;
        if (!options.DevRoom)
        {
            // Before the static files: the page and its script are not served at all.
            app.Use(next => context => context.Request.Path.StartsWithSegments("/dev") || context.Request.Path.StartsWithSegments("/sfu")
                ? Results.NotFound().ExecuteAsync(context)
                : next(context));
            return app;
        }
        app.Map("/sfu/ws", async (HttpContext context, DevRoomRegistry rooms, ILogger<DevSignalingSession> logger) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "WebSocket required",
                    detail: "Connect to /sfu/ws with a WebSocket.");
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await new DevSignalingSession(socket, rooms, logger).RunAsync(context.RequestAborted);
            return Results.Empty;
        });
        return app;
    }
}
