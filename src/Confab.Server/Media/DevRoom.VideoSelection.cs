using Confab.Sfu.Routing;

namespace Confab.Server.Media;

/// <summary>
/// Video selection (docs/sfu-dev-signaling.md, <c>select-video</c>): a peer that joined with <c>video: "selected"</c>
/// receives only the videos it names — someone's camera, someone's screen — each at the simulcast layer it asks for
/// (a gallery page, a speaker view), and every audio track regardless.
/// </summary>
internal sealed partial class DevRoom
{
    /// <summary>
    /// Applies a peer's whole selection: consumers for newly selected videos (cameras and screens), none for dropped
    /// ones, new layers for the rest.
    /// </summary>
    public async Task SelectVideoAsync(DevPeer peer, IReadOnlyList<VideoChoice> selection)
    {
        await _gate.WaitAsync();
        try
        {
            if (peer.Left)
            {
                return;
            }
            if (!peer.SelectsVideo)
            {
                SendError(peer, "bad-message", "select-video needs a join with video: \"selected\"; this peer receives every video");
                return;
            }
            var wanted = new Dictionary<(string PeerId, TrackSource Source), VideoLayer>();
            var unknown = new List<string>();
            foreach (var choice in selection)
            {
                if (choice.PeerId != peer.Id && _peers.ContainsKey(choice.PeerId))
                {
                    wanted[(choice.PeerId, choice.Source)] = choice.Layer;
                }
                else
                {
                    unknown.Add(choice.PeerId);
                }
            }

            var freed = new List<(DevPeer Other, Consumer Consumer)>();
            foreach (var dropped in peer.VideoSelection.Keys.Where(key => !wanted.ContainsKey(key)).ToList())
            {
                foreach (var media in VideoOf(dropped))
                {
                    if (peer.Consumers.Remove(media, out var consumer))
                    {
                        freed.Add((peer, consumer));
                    }
                }
            }
            var added = wanted.Keys.Where(key => !peer.VideoSelection.ContainsKey(key))
                .SelectMany(key => VideoOf(key).Select(media => (Owner: _peers[key.PeerId], Media: media))).ToList();
            var relayered = wanted.Where(w => peer.VideoSelection.TryGetValue(w.Key, out var before) && before != w.Value)
                .SelectMany(w => VideoOf(w.Key).Select(media => (Media: media, Layer: w.Value)))
                .Where(r => peer.Consumers.ContainsKey(r.Media))
                .Select(r => (Consumer: peer.Consumers[r.Media], r.Layer)).ToList();
            peer.VideoSelection.Clear();
            foreach (var (key, layer) in wanted)
            {
                peer.VideoSelection[key] = layer;
            }

            await _worker.InvokeAsync(() =>
            {
                RemoveConsumersOnWorker(freed);
                foreach (var (owner, media) in added)
                {
                    AddConsumer(peer, owner, media);
                }
                foreach (var (consumer, layer) in relayered)
                {
                    consumer.SetTargetLayer(LayerIndex(layer, consumer.Layers.Count), _worker.NowMs);
                }
            });
            ForgetOffers(freed);
            Send(peer, new
            {
                type = "video-selected",
                peers = wanted.Keys.Where(k => k.Source == TrackSource.Camera).Select(k => k.PeerId),
                screens = wanted.Keys.Where(k => k.Source == TrackSource.Screen).Select(k => k.PeerId),
                unknown,
            });
            if (freed.Count > 0 || added.Count > 0)
            {
                Renegotiate(peer);
            }
            ReleaseFirstOffer(peer);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The first selection of a peer that joined with <c>video: "gallery"</c>, made by the server so that its first
    /// subscribe offer already carries videos: the first gallery page as the web client lays it out — every
    /// screen shared at the high layer, and the cameras of the first <see cref="GalleryPageSize"/> people (the peer
    /// itself among them), at the layer the tile size calls for (low beside a shared screen). The peer's own
    /// <c>select-video</c> replaces it whenever it comes.
    /// </summary>
    private static void SelectGallery(DevPeer peer, IReadOnlyList<DevPeer> others)
    {
        var sharers = others.Where(o => o.Published.Any(m => m.Source == TrackSource.Screen)).ToList();
        var page = others.Take(GalleryPageSize - 1).ToList();
        int tiles = page.Count + 1;
        VideoLayer layer = sharers.Count > 0 ? VideoLayer.Low : tiles <= 4 ? VideoLayer.High : tiles <= 9 ? VideoLayer.Medium : VideoLayer.Low;
        foreach (var sharer in sharers)
        {
            peer.VideoSelection[(sharer.Id, TrackSource.Screen)] = VideoLayer.High;
        }
        foreach (var other in page)
        {
            peer.VideoSelection[(other.Id, TrackSource.Camera)] = layer;
        }
    }

    /// <summary>People on one gallery page of the web client (PAGE_SIZE in web/src/meeting/views/stage.ts).</summary>
    internal const int GalleryPageSize = 25;

    /// <summary>Whether the subscriber receives this published track of the owner.</summary>
    private static bool Wants(DevPeer subscriber, DevPeer owner, PublishedMedia media) =>
        media.Track.Kind != MediaKind.Video || !subscriber.SelectsVideo || subscriber.VideoSelection.ContainsKey((owner.Id, media.Source));

    private IEnumerable<PublishedMedia> VideoOf((string PeerId, TrackSource Source) key) =>
        _peers.TryGetValue(key.PeerId, out var owner)
            ? owner.Published.Where(m => m.Track.Kind == MediaKind.Video && m.Source == key.Source)
            : [];

    /// <summary>The index in a track's layers (lowest first) of the layer asked for; a track of one layer has only index 0.</summary>
    internal static int LayerIndex(VideoLayer layer, int layerCount) => layer switch
    {
        VideoLayer.Low => 0,
        VideoLayer.Medium => Math.Min(1, layerCount - 1),
        _ => layerCount - 1,
    };
}
