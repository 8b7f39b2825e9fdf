using System.Text.Json;
using Confab.Rtc.Dtls;
using Confab.Rtc.Sdp;
using Confab.Sfu.Negotiation;
using Confab.Sfu.Routing;
using Confab.Sfu.Transport;

namespace Confab.Server.Media;

/// <summary>
/// One development room: who is in it, and the negotiation that turns "X joined", "X publishes", "X left"
/// into producers, consumers and SDP. Room changes run one at a time (a gate); media state is touched only
/// on the media worker's thread.
/// </summary>
internal sealed partial class DevRoom
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, DevPeer> _peers = new(StringComparer.Ordinal);
    private readonly MediaWorker _worker;
    private readonly ILogger _logger;
    private readonly int _maxPeers;

    public DevRoom(string name, MediaWorker worker, int maxPeers, ILogger logger)
    {
        Name = name;
        _worker = worker;
        _maxPeers = maxPeers;
        _logger = logger;
    }

    public string Name { get; }

    public int PeerCount => _peers.Count;

    /// <param name="id">The peer id (a meeting uses its participant id); null draws one.</param>
    /// <param name="outbox">Where this peer's messages go (a meeting connection's own outbox, which the room then does
    /// not complete when the peer leaves); null gives the peer its own.</param>
    public async Task<DevPeer?> JoinAsync(string name, VideoReception video, string? id = null, System.Threading.Channels.Channel<string>? outbox = null)
    {
        await _gate.WaitAsync();
        try
        {
            if (_peers.Count >= _maxPeers)
            {
                return null;
            }
            id ??= Guid.NewGuid().ToString("N")[..12];
            if (_peers.ContainsKey(id))
            {
                return null;
            }
            var subscribe = await _worker.InvokeAsync(() => _worker.CreateTransport($"{id}-sub"));
            // Room for a burst of one message per other peer (everyone joining at once) and the offers.
            bool selectsVideo = video != VideoReception.All;
            var peer = new DevPeer(id, name, subscribe, selectsVideo, outbox ?? DevPeer.NewOutbox(2 * _maxPeers + 64), ownsOutbox: outbox is null);
            subscribe.StateChanged += transport => OnSubscribeStateChanged(peer, transport);
            var others = _peers.Values.ToList();
            if (video == VideoReception.Gallery)
            {
                SelectGallery(peer, others);
            }
            peer.AwaitingFirstSelection = video == VideoReception.Selected;
            _peers.Add(id, peer);
            var existing = others.SelectMany(o => o.Published.Select(media => (Owner: o, Media: media)))
                .Where(e => Wants(peer, e.Owner, e.Media)).ToList();
            // subscribeOfferFollows: the page may answer that offer before it starts sending (docs/sfu-dev-signaling.md).
            Send(peer, new
            {
                type = "welcome",
                peerId = id,
                peers = others.Select(p => new { peerId = p.Id, name = p.Name }),
                subscribeOfferFollows = existing.Count > 0,
            });
            if (peer.AwaitingFirstSelection)
            {
                _ = ReleaseFirstOfferAsync(peer);
            }
            foreach (var other in others)
            {
                Send(other, new { type = "peer-joined", peerId = id, name });
            }
            if (existing.Count > 0)
            {
                await _worker.InvokeAsync(() =>
                {
                    foreach (var (owner, media) in existing)
                    {
                        AddConsumer(peer, owner, media);
                    }
                });
                Renegotiate(peer);
            }
            return peer;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <param name="sources">The offer's <c>sources</c>: mid to what the section carries; sections not named keep the source
    /// they were published with, or are new and take their kind's default.</param>
    public async Task PublishAsync(DevPeer peer, string sdp, IReadOnlyDictionary<string, TrackSource>? sources = null)
    {
        if (!SdpParser.TryParse(sdp, out var offer, out var parseError))
        {
            SendError(peer, "bad-sdp", parseError);
            return;
        }
        await _gate.WaitAsync();
        try
        {
            if (peer.Left)
            {
                return;
            }
            peer.Publish ??= await _worker.InvokeAsync(() => _worker.CreateTransport($"{peer.Id}-pub"));
            var transport = peer.Publish;
            if (await AcceptPublishIceAsync(peer, offer) is { } iceError)
            {
                SendError(peer, "bad-sdp", iceError);
                return;
            }
            if (!PublishNegotiation.TryAnswer(offer, LocalParameters(transport), out var answer, out var tracks, out var error,
                allowNoTracks: peer.PublishConnectStarted))
            {
                SendError(peer, "bad-sdp", error);
                return;
            }
            var fingerprint = offer.Media.Select(offer.FingerprintFor).FirstOrDefault(f => f is not null);
            if (fingerprint is null)
            {
                SendError(peer, "bad-sdp", "the offer has no a=fingerprint");
                return;
            }
            if (!TryResolveSources(peer, tracks, sources, out var sourced, out var sourceError))
            {
                SendError(peer, "bad-message", sourceError);
                return;
            }
            byte midExtension = PublishNegotiation.MidExtensionId(offer);
            byte ridExtension = PublishNegotiation.RidExtensionId(offer);
            // A section no longer sending (rejected, inactive, recvonly) or now carrying another source ends its track.
            var removed = peer.Published.Where(m => !sourced.Any(s => s.Track.Mid == m.Track.Mid && s.Source == m.Source)).ToList();
            var kept = peer.Published.Except(removed).Select(m => m.Track.Mid).ToHashSet(StringComparer.Ordinal);
            var freed = TakeConsumersOf(removed);
            bool connect = !peer.PublishConnectStarted && sourced.Any(s => !kept.Contains(s.Track.Mid));
            peer.PublishConnectStarted |= connect;
            var added = await _worker.InvokeAsync(() =>
            {
                RemoveConsumersOnWorker(freed);
                RemoveProducersOnWorker(transport, removed);
                var router = _worker.GetOrCreateRouter(Name);
                var created = new List<PublishedMedia>();
                foreach (var (track, source) in sourced.Where(s => !kept.Contains(s.Track.Mid)))
                {
                    var media = new PublishedMedia(track, AddProducers(router, transport, peer, track), source);
                    bool blocked = peer.IsBlocked(source);
                    foreach (var layer in media.Layers)
                    {
                        layer.SetBlocked(blocked, _worker.NowMs);
                    }
                    created.Add(media);
                }
                transport.MidExtensionId = midExtension;
                transport.RidExtensionId = ridExtension;
                if (connect)
                {
                    transport.Connect(DtlsRole.Server, fingerprint.ToString());
                }
                return created;
            });
            ForgetOffers(freed);
            peer.Published.RemoveAll(removed.Contains);
            peer.Published.AddRange(added);
            Send(peer, new { type = "publish-answer", sdp = SdpWriter.Write(answer) });
            var others = _peers.Values.Where(p => p != peer && added.Any(media => Wants(p, peer, media))).ToList();
            await _worker.InvokeAsync(() =>
            {
                foreach (var other in others)
                {
                    foreach (var media in added.Where(media => Wants(other, peer, media)))
                    {
                        AddConsumer(other, peer, media);
                    }
                }
            });
            foreach (var other in others.Union(freed.Select(f => f.Other)))
            {
                Renegotiate(other);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task SubscribeAnswerAsync(DevPeer peer, int version, string sdp)
    {
        if (!SdpParser.TryParse(sdp, out var answer, out var parseError))
        {
            SendError(peer, "bad-sdp", parseError);
            return;
        }
        await _gate.WaitAsync();
        try
        {
            if (peer.Left)
            {
                return;
            }
            if (version != peer.OutstandingOfferVersion)
            {
                SendError(peer, "stale-version", $"no subscribe offer {version} is waiting for an answer");
                return;
            }
            var fingerprint = answer.Media.Select(answer.FingerprintFor).FirstOrDefault(f => f is not null);
            var setup = answer.Media.Select(answer.SetupFor).FirstOrDefault(s => s is not null);
            if (fingerprint is null)
            {
                SendError(peer, "bad-sdp", "the answer has no a=fingerprint");
                return;
            }
            if (CheckSubscribeFingerprint(peer, fingerprint.ToString()) is { } fingerprintError)
            {
                SendError(peer, "bad-sdp", fingerprintError);
                return;
            }
            var answered = peer.AwaitingAnswer.Where(a => a.Version <= version).Select(a => a.Consumer).ToList();
            peer.AwaitingAnswer.RemoveAll(a => a.Version <= version);
            bool connect = !peer.SubscribeConnectStarted;
            peer.SubscribeConnectStarted = true;
            // RFC 8842 §5.3: the answerer that says active is the DTLS client; the SFU is then the server.
            var role = setup == SdpSetupRole.Passive ? DtlsRole.Client : DtlsRole.Server;
            await _worker.InvokeAsync(() =>
            {
                foreach (var consumer in answered)
                {
                    peer.Answered.Add(consumer);
                    if (peer.Subscribe.State == TransportState.Connected)
                    {
                        _worker.ResumeConsumer(consumer);
                    }
                    else
                    {
                        // The transport connects next: a key frame asked for now is at hand when it is up.
                        consumer.PrepareKeyFrame(_worker.NowMs);
                    }
                }
                if (connect)
                {
                    peer.Subscribe.Connect(role, fingerprint.ToString());
                }
            });
            peer.OutstandingOfferVersion = 0;
            if (peer.RenegotiationPending)
            {
                peer.RenegotiationPending = false;
                Renegotiate(peer);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task LeaveAsync(DevPeer peer)
    {
        await _gate.WaitAsync();
        try
        {
            if (peer.Left)
            {
                return;
            }
            peer.Left = true;
            _peers.Remove(peer.Id);
            var others = _peers.Values.ToList();
            var gone = peer.Published.ToList();
            var freed = new List<(DevPeer Other, Consumer Consumer)>();
            foreach (var other in others)
            {
                other.VideoSelection.Remove((peer.Id, TrackSource.Camera));
                other.VideoSelection.Remove((peer.Id, TrackSource.Screen));
                foreach (var media in gone)
                {
                    if (other.Consumers.Remove(media, out var consumer))
                    {
                        freed.Add((other, consumer));
                    }
                }
            }
            await _worker.InvokeAsync(() =>
            {
                RemoveConsumersOnWorker(freed);
                peer.Publish?.Close();
                peer.Subscribe.Close();
                _worker.RemoveRouterIfEmpty(Name);
            });
            ForgetOffers(freed);
            foreach (var other in others)
            {
                Send(other, new { type = "peer-left", peerId = peer.Id });
                if (freed.Any(f => f.Other == other))
                {
                    Renegotiate(other);
                }
            }
            if (peer.OwnsOutbox)
            {
                peer.Outbox.Writer.TryComplete();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Holds a peer's microphone, camera or screen back at the SFU, or lets it through again (meeting host controls and
    /// screen shares: the server, not the client, decides what others hear and see). Tracks published later follow the
    /// same setting.
    /// </summary>
    public async Task SetBlockedAsync(DevPeer peer, TrackSource source, bool blocked)
    {
        await _gate.WaitAsync();
        try
        {
            if (peer.Left)
            {
                return;
            }
            switch (source)
            {
                case TrackSource.Microphone:
                    peer.AudioBlocked = blocked;
                    break;
                case TrackSource.Camera:
                    peer.VideoBlocked = blocked;
                    break;
                default:
                    peer.ScreenBlocked = blocked;
                    break;
            }
            var producers = peer.Published.Where(m => m.Source == source).SelectMany(m => m.Layers).ToList();
            if (producers.Count > 0)
            {
                await _worker.InvokeAsync(() =>
                {
                    foreach (var producer in producers)
                    {
                        producer.SetBlocked(blocked, _worker.NowMs);
                    }
                });
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    // Worker thread: one producer for the track, or one per simulcast layer, each bound by mid (and rid) on arrival.
    private static Producer[] AddProducers(Router router, WebRtcTransport transport, DevPeer peer, PublishedTrack track)
    {
        var codec = Rtc.Codecs.KeyFrameDetector.FromEncodingName(track.Codec.Name);
        if (track.Rids.Count <= 1)
        {
            var producer = router.AddProducer(new ProducerOptions(
                $"{peer.Id}-{track.Mid}", track.Kind, track.Codec.ClockRate, (byte)track.Codec.PayloadType, codec, track.Mid), transport);
            transport.AddProducer(producer, track.Ssrc);
            return [producer];
        }
        var layers = new Producer[track.Rids.Count];
        for (int i = 0; i < layers.Length; i++)
        {
            layers[i] = router.AddProducer(new ProducerOptions(
                $"{peer.Id}-{track.Mid}-{track.Rids[i]}", track.Kind, track.Codec.ClockRate, (byte)track.Codec.PayloadType,
                codec, track.Mid, track.Rids[i]), transport);
            transport.AddProducer(layers[i]);
        }
        return layers;
    }

    // Worker thread: the subscriber's consumer of a track starts paused, until its offer is answered and the
    // subscribe transport is connected (so the first packet it sends is a key frame the browser can use). The key frame
    // is asked for now, while the offer and the connection are under way, and the start sends it from the buffer.
    private void AddConsumer(DevPeer subscriber, DevPeer owner, PublishedMedia media)
    {
        if (media.Layers.Any(p => p.IsClosed) || subscriber.Consumers.ContainsKey(media))
        {
            return;
        }
        var track = media.Track;
        uint ssrc = RandomSsrc();
        uint? rtxSsrc = track.Rtx is null ? null : RandomSsrc();
        string trackId = media.Layers[0].Id;
        var consumer = media.Layers[0].Router.Consume(media.Layers, new ConsumerOptions(
            $"{subscriber.Id}:{trackId}", ssrc, (byte)track.Codec.PayloadType, rtxSsrc,
            track.Rtx is null ? null : (byte)track.Rtx.PayloadType, Paused: true), subscriber.Subscribe);
        if (track.Kind == Confab.Sfu.Routing.MediaKind.Video && subscriber.VideoSelection.TryGetValue((owner.Id, media.Source), out var layer))
        {
            consumer.SetTargetLayer(LayerIndex(layer, media.Layers.Length), _worker.NowMs);
        }
        subscriber.Subscribe.AddConsumer(consumer);
        consumer.PrepareKeyFrame(_worker.NowMs);
        subscriber.Consumers.Add(media, consumer);
        subscriber.Offers.Add(new SubscribedTrack(owner.Id, trackId, track.Kind, ssrc, rtxSsrc, track.Codec, track.Rtx, owner.Cname));
        subscriber.AwaitingAnswer.Add((subscriber.Offers.Version + 1, consumer));
    }

    // Worker thread: the consumers stop, and their subscribers' transports forget them.
    private static void RemoveConsumersOnWorker(List<(DevPeer Other, Consumer Consumer)> freed)
    {
        foreach (var (other, consumer) in freed)
        {
            other.Subscribe.RemoveConsumer(consumer);
            other.Answered.Remove(consumer);
        }
    }

    // Under the gate: the consumers' sections go inactive in the next subscribe offer.
    private static void ForgetOffers(List<(DevPeer Other, Consumer Consumer)> freed)
    {
        foreach (var (other, consumer) in freed)
        {
            other.Offers.Remove(consumer.Ssrc);
            other.AwaitingAnswer.RemoveAll(a => a.Consumer == consumer);
        }
    }

    private void OnSubscribeStateChanged(DevPeer peer, WebRtcTransport transport)
    {
        if (transport.State == TransportState.Connected)
        {
            foreach (var consumer in peer.Answered)
            {
                _worker.ResumeConsumer(consumer);
            }
        }
        else if (transport.State == TransportState.Failed)
        {
            _logger.LogWarning("Subscribe transport of {Peer} failed: {Reason}", peer.Id, transport.FailureReason);
        }
    }

    // Under the gate: one subscribe offer at a time per peer.
    /// <summary>How long a selecting peer's first subscribe offer waits for its first <c>select-video</c>.</summary>
    public TimeSpan FirstSelectionWait { get; init; } = TimeSpan.FromMilliseconds(250);

    // A selecting peer that has not chosen in time gets its first offer (audio) anyway.
    private async Task ReleaseFirstOfferAsync(DevPeer peer)
    {
        await Task.Delay(FirstSelectionWait).ConfigureAwait(false);
        await _gate.WaitAsync();
        try
        {
            ReleaseFirstOffer(peer);
        }
        finally
        {
            _gate.Release();
        }
    }

    // Under the gate: the peer's first offer may go now, with whatever it has gathered.
    private void ReleaseFirstOffer(DevPeer peer)
    {
        if (!peer.AwaitingFirstSelection)
        {
            return;
        }
        peer.AwaitingFirstSelection = false;
        if (peer.RenegotiationPending)
        {
            peer.RenegotiationPending = false;
            Renegotiate(peer);
        }
    }

    private void Renegotiate(DevPeer peer)
    {
        if (peer.Left)
        {
            return;
        }
        if (peer.Detached)
        {
            peer.RenegotiationPending = true; // the resume's offer carries it
            return;
        }
        if (peer.AwaitingFirstSelection)
        {
            peer.RenegotiationPending = true; // the first offer comes with the first selection
            return;
        }
        if (peer.OutstandingOfferVersion != 0)
        {
            peer.RenegotiationPending = true;
            return;
        }
        var offer = peer.Offers.BuildOffer(LocalParameters(peer.Subscribe));
        if (offer.Media.Count == 0)
        {
            return;
        }
        peer.OutstandingOfferVersion = peer.Offers.Version;
        Send(peer, new { type = "subscribe-offer", version = peer.Offers.Version, sdp = SdpWriter.Write(offer), tracks = ReceivedTracks(peer) });
    }

    private LocalTransportParameters LocalParameters(WebRtcTransport transport)
    {
        if (!SdpFingerprint.TryParse(transport.LocalFingerprint, out var fingerprint, out var error))
        {
            throw new InvalidOperationException($"The SFU's own fingerprint does not parse: {error}");
        }
        return new LocalTransportParameters(transport.LocalIceCredentials.Ufrag, transport.LocalIceCredentials.Password,
            fingerprint!, _worker.LocalCandidates);
    }

    private static uint RandomSsrc() => (uint)Random.Shared.NextInt64(1, uint.MaxValue);

    private void SendError(DevPeer peer, string code, string message) =>
        Send(peer, new { type = "error", code, message });

    private void Send(DevPeer peer, object message)
    {
        if (peer.Detached)
        {
            return; // its socket is gone for now; a resume sends the whole picture
        }
        if (!peer.Outbox.Writer.TryWrite(JsonSerializer.Serialize(message)))
        {
            _logger.LogWarning("Signaling outbox of {Peer} is full; the peer is too slow and will be dropped", peer.Id);
            peer.Outbox.Writer.TryComplete();
        }
    }
}
