using System.Text.Json;
using Confab.Server.Signaling;

namespace Confab.Server.Media;

/// <summary>One entry of a selection: whose video, which one (camera or screen), at which layer.</summary>
internal sealed record VideoChoice(string PeerId, TrackSource Source, VideoLayer Layer);

/// <summary>Reads a <c>select-video</c> message (docs/sfu-dev-signaling.md), for the development room and for meetings.</summary>
internal static class VideoSelectionMessage
{
    // select-video: {"peers": [{"peerId": "...", "layer": "low" | "medium" | "high", "source": "camera" | "screen"}]};
    // layer defaults to high, source to camera.
    public static bool TryRead(JsonElement root, out List<VideoChoice> selection, out string error)
    {
        selection = [];
        error = "";
        if (!root.TryGetProperty("peers", out var peers) || peers.ValueKind != JsonValueKind.Array)
        {
            error = "select-video needs 'peers': an array of {peerId, layer}";
            return false;
        }
        if (peers.GetArrayLength() > MediaOptions.MaxPeersPerRoomLimit)
        {
            error = $"select-video names at most {MediaOptions.MaxPeersPerRoomLimit} peers";
            return false;
        }
        foreach (var entry in peers.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !SignalingSocket.TryGetString(entry, "peerId", out var peerId) || peerId.Length is 0 or > 64)
            {
                error = "each entry of 'peers' is an object with a string 'peerId' (1-64 characters)";
                return false;
            }
            var layer = VideoLayer.High;
            if (entry.TryGetProperty("layer", out var layerElement))
            {
                switch (layerElement.ValueKind == JsonValueKind.String ? layerElement.GetString() : null)
                {
                    case "low":
                        layer = VideoLayer.Low;
                        break;
                    case "medium":
                        layer = VideoLayer.Medium;
                        break;
                    case "high":
                        break;
                    default:
                        error = "'layer' is \"low\", \"medium\" or \"high\"";
                        return false;
                }
            }
            var source = TrackSource.Camera;
            if (entry.TryGetProperty("source", out var sourceElement))
            {
                if (sourceElement.ValueKind != JsonValueKind.String || !TrackSources.TryParse(sourceElement.GetString(), out source)
                    || source == TrackSource.Microphone)
                {
                    error = "'source' of a selected video is \"camera\" (the default) or \"screen\"";
                    return false;
                }
            }
            selection.Add(new VideoChoice(peerId, source, layer));
        }
        return true;
    }
}
