using Microsoft.Extensions.Options;

namespace Confab.Server.Media;

/// <summary>Wiring of the SFU into the host: the media worker, and the development room when enabled.</summary>
public static class MediaEndpoints
{
    public static IServiceCollection AddConfabMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MediaOptions>(configuration.GetSection(MediaOptions.SectionName));
        // A wrong Confab:Signaling:JoinWithinSeconds stops the start, naming the key.
        services.AddOptions<Signaling.SignalingOptions>().Bind(configuration.GetSection(Signaling.SignalingOptions.SectionName))
            .Validate(o => o.JoinWithinSeconds is > 0 and <= Signaling.SignalingOptions.LargestJoinWithinSeconds,
                $"Confab:Signaling:JoinWithinSeconds must be 1 to {Signaling.SignalingOptions.LargestJoinWithinSeconds}.")
            .ValidateOnStart();
        services.AddSingleton<MediaWorkerHost>();
        services.AddHostedService(sp => sp.GetRequiredService<MediaWorkerHost>());
        services.AddSingleton<DevRoomRegistry>();
        services.AddSingleton<Signaling.MeetingPersistence>();
        services.AddSingleton(sp => new Confab.Meetings.Chat.MonotonicUuidV7(sp.GetRequiredService<TimeProvider>()));
        services.Configure<Chat.ChatOptions>(configuration.GetSection(Chat.ChatOptions.SectionName));
        services.AddSingleton<Chat.ChatRetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<Chat.ChatRetentionService>());
        services.AddSingleton<Signaling.LiveMeetingRegistry>();
        services.AddSingleton<Signaling.VerifiedPasscodes>();
        services.AddSingleton<Signaling.MeetingJoinAuthenticator>();
        services.AddSingleton(sp => new Confab.Meetings.Rooms.JoinThrottle(
            new Confab.Meetings.Rooms.JoinThrottleOptions(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// Maps <c>/sfu/ws</c> (meeting signaling, and the development room when <c>Confab:Media:DevRoom</c> is on); when it
    /// is off, answers 404 for <c>/dev/</c>.
    /// Call it before the static files middleware.
    /// </summary>
    public static WebApplication MapConfabDevRoom(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MediaOptions>>().Value;
        if (!options.DevRoom)
        {
            // Before the static files: the page and its script are not served at all; /sfu/ws refuses dev joins.
            app.Use(next => context => context.Request.Path.StartsWithSegments("/dev")
                ? Results.NotFound().ExecuteAsync(context)
                : next(context));
        }
        Signaling.SignalingEndpoint.Map(app);
        return app;
    }
}
