using Confab.Sfu.Routing;

namespace Confab.Server.Media;

/// <summary>
/// What a published track is (docs/sfu-dev-signaling.md, <c>publish-offer</c> <c>sources</c>): the sender names it
/// per section; a section it does not name is the microphone (audio) or the camera (video).
/// </summary>
internal enum TrackSource
{
    Microphone,
    Camera,
    Screen,
}

internal static class TrackSources
{
    public static string Name(TrackSource source) => source switch
    {
        TrackSource.Microphone => "microphone",
        TrackSource.Camera => "camera",
        _ => "screen",
    };

    public static bool TryParse(string? name, out TrackSource source)
    {
        switch (name)
        {
            case "microphone":
                source = TrackSource.Microphone;
                return true;
            case "camera":
                source = TrackSource.Camera;
                return true;
            case "screen":
                source = TrackSource.Screen;
                return true;
            default:
                source = default;
                return false;
        }
    }

    /// <summary>A section's source when the sender names none.</summary>
    public static TrackSource DefaultFor(MediaKind kind) => kind == MediaKind.Audio ? TrackSource.Microphone : TrackSource.Camera;

    /// <summary>
    /// Whether a section of this kind may carry this source: audio is a microphone or a screen's sound, video a camera
    /// or a screen.
    /// </summary>
    public static bool Fits(TrackSource source, MediaKind kind) =>
        source == TrackSource.Screen || source == DefaultFor(kind);
}
