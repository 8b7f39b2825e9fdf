using System.Text.Json;

namespace Confab.Server.Media;

/// <summary>Reads the optional <c>sources</c> of a <c>publish-offer</c> (docs/sfu-dev-signaling.md), for the development room and for meetings.</summary>
internal static class PublishSourcesMessage
{
    /// <summary>More sections than any client sends (a few tracks, renegotiated).</summary>
    public const int MaxEntries = 64;

    private const int MaxMidLength = 32;

    // sources: {"<mid>": "microphone" | "camera" | "screen"}; absent means every section has its kind's default.
    public static bool TryRead(JsonElement root, out Dictionary<string, TrackSource> sources, out string error)
    {
        sources = new Dictionary<string, TrackSource>(StringComparer.Ordinal);
        error = "";
        if (!root.TryGetProperty("sources", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = "publish-offer's 'sources' is an object: {\"<mid>\": \"microphone\" | \"camera\" | \"screen\"}";
            return false;
        }
        foreach (var entry in element.EnumerateObject())
        {
            if (sources.Count == MaxEntries)
            {
                error = $"'sources' names at most {MaxEntries} sections";
                return false;
            }
            if (entry.Name.Length is 0 or > MaxMidLength)
            {
                error = $"a mid in 'sources' is 1-{MaxMidLength} characters";
                return false;
            }
            if (entry.Value.ValueKind != JsonValueKind.String || !TrackSources.TryParse(entry.Value.GetString(), out var source))
            {
                error = "each source in 'sources' is \"microphone\", \"camera\" or \"screen\"";
                return false;
            }
            sources[entry.Name] = source;
        }
        return true;
    }
}
