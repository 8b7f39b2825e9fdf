using Confab.Sfu.Negotiation;
using Confab.Sfu.Routing;
using Confab.Sfu.Transport;

namespace Confab.Server.Media;

/// <summary>
/// What each published track is (microphone, camera, screen), tracks that a renegotiation stops, and the
/// <c>tracks</c> list of a subscribe offer (docs/sfu-dev-signaling.md).
/// </summary>
internal sealed partial class DevRoom
{
    /// <summary>
    /// The source of each accepted track: named in the offer's <c>sources</c>, else the one it was published with,
    /// else its kind's default. False when a source does not fit its section (a camera on an audio section).
    /// </summary>
    private static bool TryResolveSources(
        DevPeer peer, IReadOnlyList<PublishedTrack> tracks, IReadOnlyDictionary<string, TrackSource>? sources,
        out List<(PublishedTrack Track, TrackSource Source)> sourced, out string error)
    {
        sourced = [];
        error = "";
        foreach (var track in tracks)
        {
            TrackSource source;
            if (sources is not null && sources.TryGetValue(track.Mid, out var named))
            {
                source = named;
            }
            else if (peer.Published.FirstOrDefault(m => m.Track.Mid == track.Mid) is { } published)
            {
                source = published.Source;
            }
            else
            {
                source = TrackSources.DefaultFor(track.Kind);
            }
            if (!TrackSources.Fits(source, track.Kind))
            {
                error = $"section '{track.Mid}' is {(track.Kind == MediaKind.Audio ? "audio" : "video")}: it cannot be a {TrackSources.Name(source)}";
                return false;
            }
            sourced.Add((track, source));
        }
        return true;
    }

    // Under the gate: every subscriber's consumer of these tracks, taken out of its consumers (their sections go
    // inactive in the next subscribe offer, as when the publisher leaves).
    private List<(DevPeer Other, Consumer Consumer)> TakeConsumersOf(List<PublishedMedia> stopped)
    {
        var freed = new List<(DevPeer Other, Consumer Consumer)>();
        if (stopped.Count == 0)
        {
            return freed;
        }
        foreach (var other in _peers.Values)
        {
            foreach (var media in stopped)
            {
                if (other.Consumers.Remove(media, out var consumer))
                {
                    freed.Add((other, consumer));
                }
            }
        }
        return freed;
    }

    // Worker thread: the stopped tracks' producers leave the publish transport and the router.
    private static void RemoveProducersOnWorker(WebRtcTransport transport, List<PublishedMedia> stopped)
    {
        foreach (var layer in stopped.SelectMany(m => m.Layers))
        {
            transport.RemoveProducer(layer);
            layer.Router.RemoveProducer(layer);
        }
    }

    // Under the gate, with the offer just built: its sending sections, by mid, with whose and what each is.
    private static List<object> ReceivedTracks(DevPeer peer)
    {
        var sourceBySsrc = new Dictionary<uint, TrackSource>(peer.Consumers.Count);
        foreach (var (media, consumer) in peer.Consumers)
        {
            sourceBySsrc[consumer.Ssrc] = media.Source;
        }
        var tracks = new List<object>();
        foreach (var (mid, track) in peer.Offers.ActiveTracks)
        {
            var source = sourceBySsrc.TryGetValue(track.Ssrc, out var known) ? known : TrackSources.DefaultFor(track.Kind);
            tracks.Add(new
            {
                mid,
                peerId = track.StreamId,
                kind = track.Kind == MediaKind.Audio ? "audio" : "video",
                source = TrackSources.Name(source),
            });
        }
        return tracks;
    }
}
