namespace Confab.Server.Media;

/// <summary>
/// Which remote videos a peer receives (the <c>video</c> of a join, docs/sfu-dev-signaling.md): every one, only those it
/// selects, or those it selects starting from a gallery the server picks (so the first subscribe offer needs no
/// <c>select-video</c> round trip).
/// </summary>
internal enum VideoReception
{
    All,
    Selected,
    Gallery,
}

internal static class VideoReceptions
{
    public const string Expected = "join's 'video' is \"all\" (the default), \"selected\" or \"gallery\"";

    /// <summary>The join's <c>video</c> value (null: the default, all); false for anything else.</summary>
    public static bool TryParse(string? value, out VideoReception reception)
    {
        VideoReception? parsed = value switch
        {
            null or "all" => VideoReception.All,
            "selected" => VideoReception.Selected,
            "gallery" => VideoReception.Gallery,
            _ => null,
        };
        reception = parsed ?? VideoReception.All;
        return parsed is not null;
    }
}
