using System.Net;
using System.Text.Json;
using Confab.LoadGen.Media;
using Confab.Rtc.Dtls;
using Confab.Rtc.Net;
using Confab.Rtc.Rtp;
using Confab.Rtc.Sdp;
using Confab.Rtc.Metrics;

namespace Confab.LoadGen.Janus;

/// <summary>
/// A synthetic participant in a Janus videoroom: one publisher handle (we offer, so we control ICE; Janus
/// answers a=setup:active, so we are the DTLS server) and one multistream subscriber handle (Janus offers
/// and controls ICE; we answer active and are the DTLS client), each with its own <see cref="MediaPeer"/>.
/// </summary>
public sealed class JanusParticipant : IAsyncDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    private readonly JanusSession _session;
    private readonly long _room;
    private readonly IPAddress _localAddress;
    private readonly DtlsCertificate _certificate;
    private readonly VideoRoomPublisherState _publisher = new();
    private readonly VideoRoomSubscriberState _subscriber = new();
    private readonly Dictionary<uint, StreamReceiveStats> _streams = [];
    private readonly Lock _statsLock = new();
    private JanusHandle? _publisherHandle;
    private JanusHandle? _subscriberHandle;
    private MediaPeer? _publishPeer;
    private MediaPeer? _subscribePeer;
    private readonly MediaIoLoop? _loop;

    public JanusParticipant(JanusSession session, long room, string display, IPAddress localAddress, DtlsCertificate certificate,
        MediaIoLoop? loop = null)
    {
        _loop = loop;
        _session = session;
        _room = room;
        Display = display;
        _localAddress = localAddress;
        _certificate = certificate;
        AudioSsrc = (uint)Random.Shared.NextInt64(1, uint.MaxValue);
        VideoSsrc = (uint)Random.Shared.NextInt64(1, uint.MaxValue);
    }

    public string Display { get; }

    /// <summary>This participant's place in its meeting (0 first).</summary>
    public int IndexInMeeting { get; init; }

    public uint AudioSsrc { get; }

    public uint VideoSsrc { get; }

    public long? PublisherId => _publisher.PublisherId;

    public MediaPeer? PublishPeer => _publishPeer;

    public MediaPeer? SubscribePeer => _subscribePeer;

    /// <summary>All received streams' delays (one histogram per participant).</summary>
    public LatencyHistogram Delays { get; } = new();

    /// <summary>Per received SSRC (Janus's rewritten ones), a snapshot.</summary>
    public IReadOnlyDictionary<uint, StreamReceiveStats> Streams
    {
        get
        {
            lock (_statsLock)
            {
                return new Dictionary<uint, StreamReceiveStats>(_streams);
            }
        }
    }

    /// <summary>Creates the room if it does not exist yet (error 427 means it does).</summary>
    public static async Task EnsureRoomAsync(JanusSession session, long room, int maxPublishers, int bitrate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        JanusHandle handle = await session.AttachAsync(JanusRequests.VideoRoomPlugin, cancellationToken).ConfigureAwait(false);
        JanusMessage reply = await handle.SendAsync(VideoRoomRequests.CreateRoom(room, maxPublishers, bitrate), null, cancellationToken).ConfigureAwait(false);
        await handle.DetachAsync(cancellationToken).ConfigureAwait(false);
        if (!VideoRoomEvent.TryRead(reply.PluginData, out VideoRoomEvent? result) || (result!.IsError && result.ErrorCode != 427))
        {
            throw new JanusException($"create room {room} failed: {reply.ErrorReason ?? result?.Error}");
        }
    }

    /// <summary>Lists the ids of the room's active publishers (synchronous "listparticipants").</summary>
    public async Task<IReadOnlyList<long>> ListPublishersAsync(CancellationToken cancellationToken)
    {
        JanusHandle handle = _publisherHandle ?? throw new InvalidOperationException("Publish first.");
        JanusMessage reply = await handle.SendAsync(VideoRoomRequests.ListParticipants(_room), null, cancellationToken).ConfigureAwait(false);
        var ids = new List<long>();
        if (reply.PluginData is JsonElement data && data.TryGetProperty("participants", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement p in list.EnumerateArray())
            {
                if (JanusMessage.ReadInt64(p, "id") is long id && p.TryGetProperty("publisher", out JsonElement publishing)
                    && publishing.ValueKind == JsonValueKind.True)
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }

    /// <summary>Joins as a publisher, publishes Opus + VP8 and connects the transport.</summary>
    public async Task PublishAsync(int bitrate, CancellationToken cancellationToken, bool includeVideo = true)
    {
        _publisherHandle = await _session.AttachAsync(JanusRequests.VideoRoomPlugin, cancellationToken).ConfigureAwait(false);
        _publisher.OnJoinSent();
        await ExpectAckAsync(_publisherHandle.SendAsync(VideoRoomRequests.JoinAsPublisher(_room, Display), null, cancellationToken)).ConfigureAwait(false);
        await PumpAsync(_publisherHandle, m => _publisher.Apply(m), () => _publisher.Phase is PublisherPhase.Joined or PublisherPhase.Failed, cancellationToken)
            .ConfigureAwait(false);
        ThrowIfFailed(_publisher.Failure);

        _publishPeer = new MediaPeer(_localAddress, _certificate, _loop);
        string offer = JanusSdp.BuildPublishOffer(_publishPeer, AudioSsrc, VideoSsrc, (ulong)Random.Shared.NextInt64(1, long.MaxValue), includeVideo);
        _publisher.OnPublishSent();
        await ExpectAckAsync(_publisherHandle.SendAsync(VideoRoomRequests.Publish(bitrate), new JanusJsep("offer", offer), cancellationToken))
            .ConfigureAwait(false);
        await PumpAsync(_publisherHandle, m => _publisher.Apply(m), () => _publisher.Phase is PublisherPhase.Published or PublisherPhase.Failed, cancellationToken)
            .ConfigureAwait(false);
        ThrowIfFailed(_publisher.Failure);

        RemoteTransport remote = ReadRemote(_publisher.Answer!.Sdp);
        await _publishPeer.ConnectAsync(remote.Credentials, remote.Candidates, controlling: true, remote.OurRoleWhenTheyAnswered, remote.Fingerprint, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Subscribes to the feeds in one multistream handle, answers Janus's offer and connects.</summary>
    public Task SubscribeAsync(IEnumerable<long> feeds, CancellationToken cancellationToken)
        => SubscribeAsync(feeds.Select(feed => (feed, (string?)null)), cancellationToken);

    /// <summary>Subscribes to chosen streams ((feed, mid) pairs; a null mid is the whole feed) in one multistream handle.</summary>
    public async Task SubscribeAsync(IEnumerable<(long Feed, string? Mid)> feeds, CancellationToken cancellationToken)
    {
        _subscriberHandle = await _session.AttachAsync(JanusRequests.VideoRoomPlugin, cancellationToken).ConfigureAwait(false);
        _subscriber.OnJoinSent();
        await ExpectAckAsync(_subscriberHandle.SendAsync(VideoRoomRequests.JoinAsSubscriber(_room, feeds, _publisher.PrivateId), null, cancellationToken))
            .ConfigureAwait(false);
        await PumpAsync(_subscriberHandle, m => _subscriber.Apply(m), () => _subscriber.Phase is SubscriberPhase.Offered or SubscriberPhase.Failed, cancellationToken)
            .ConfigureAwait(false);
        ThrowIfFailed(_subscriber.Failure);

        if (!SdpParser.TryParse(_subscriber.PendingOffer!.Sdp, out SessionDescription? offer, out string? error))
        {
            throw new JanusException("unreadable subscriber offer: " + error);
        }

        RemoteTransport remote = ReadRemote(offer);
        _subscribePeer = new MediaPeer(_localAddress, _certificate, _loop);
        _subscribePeer.RtpReceived += OnRtp;
        string answer = JanusSdp.BuildSubscribeAnswer(offer, _subscribePeer, (ulong)Random.Shared.NextInt64(1, long.MaxValue));
        _subscriber.OnStartSent();
        await ExpectAckAsync(_subscriberHandle.SendAsync(VideoRoomRequests.Start(), new JanusJsep("answer", answer), cancellationToken)).ConfigureAwait(false);
        Task connect = _subscribePeer.ConnectAsync(remote.Credentials, remote.Candidates, controlling: false, DtlsRole.Client, remote.Fingerprint, cancellationToken);
        await PumpAsync(_subscriberHandle, m => _subscriber.Apply(m), () => _subscriber.Phase is SubscriberPhase.Started or SubscriberPhase.Up or SubscriberPhase.Failed,
            cancellationToken).ConfigureAwait(false);
        ThrowIfFailed(_subscriber.Failure);
        await connect.ConfigureAwait(false);
    }

    /// <summary>
    /// What sends audio every 20 ms (unless muted: <paramref name="includeAudio"/> false) and video frames at the set
    /// rate (unless <paramref name="includeVideo"/> is false), for a loop to pump; null when it sends nothing.
    /// </summary>
    public JanusMediaPump? CreateMediaPump(SyntheticMediaOptions options, bool includeVideo = true, bool includeAudio = true)
    {
        if (!includeAudio && !includeVideo)
        {
            return null;
        }
        MediaPeer peer = _publishPeer ?? throw new InvalidOperationException("Publish first.");
        var writer = new SyntheticRtpWriter(AudioSsrc, VideoSsrc, JanusSdp.OpusPayloadType, JanusSdp.Vp8PayloadType, options);
        return new JanusMediaPump(peer, writer, includeAudio, includeVideo);
    }

    /// <summary>Pumps <see cref="CreateMediaPump"/>'s media on timers of its own until cancelled (where no I/O loop serves it).</summary>
    public async Task SendMediaAsync(SyntheticMediaOptions options, CancellationToken cancellationToken, bool includeVideo = true, bool includeAudio = true)
    {
        if (CreateMediaPump(options, includeVideo, includeAudio) is not { } pump)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return;
        }
        while (!cancellationToken.IsCancellationRequested)
        {
            pump.Pump();
            long wait = pump.NextDue - ProbeTrailer.NowMicroseconds();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(wait), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void OnRtp(in RtpHeader header, ReadOnlySpan<byte> packet, long arrivalMicroseconds)
    {
        ReadOnlySpan<byte> payload = packet.Slice(header.PayloadOffset, header.PayloadLength);
        if (!ProbeTrailer.TryRead(payload, out ulong counter, out long sent))
        {
            return;
        }

        lock (_statsLock)
        {
            if (!_streams.TryGetValue(header.Ssrc, out StreamReceiveStats? stats))
            {
                stats = new StreamReceiveStats(Delays);
                _streams[header.Ssrc] = stats;
            }

            stats.Record(counter, sent, arrivalMicroseconds, packet.Length);
        }
    }

    private static RemoteTransport ReadRemote(string sdpText)
    {
        if (!SdpParser.TryParse(sdpText, out SessionDescription? sdp, out string? error))
        {
            throw new JanusException("unreadable SDP from Janus: " + error);
        }

        return ReadRemote(sdp);
    }

    private static RemoteTransport ReadRemote(SessionDescription sdp)
        => JanusSdp.TryReadRemoteTransport(sdp, out RemoteTransport? remote, out string? error)
            ? remote!
            : throw new JanusException("unusable SDP from Janus: " + error);

    private static async Task ExpectAckAsync(Task<JanusMessage> request)
    {
        JanusMessage reply = await request.ConfigureAwait(false);
        if (reply.Kind != JanusMessageKind.Ack && reply.Kind != JanusMessageKind.Success)
        {
            throw new JanusException($"request refused: {reply.ErrorCode} {reply.ErrorReason}");
        }
    }

    private static async Task PumpAsync(JanusHandle handle, Action<JanusMessage> apply, Func<bool> done, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        while (!done())
        {
            JanusMessage message = await handle.Events.ReadAsync(timeout.Token).ConfigureAwait(false);
            apply(message);
        }
    }

    private static void ThrowIfFailed(string? failure)
    {
        if (failure is not null)
        {
            throw new JanusException(failure);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _publishPeer?.Dispose();
        _subscribePeer?.Dispose();
        foreach (JanusHandle? handle in (JanusHandle?[])[_subscriberHandle, _publisherHandle])
        {
            if (handle is not null)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await handle.DetachAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JanusException)
                {
                    // Gone with the server.
                }
            }
        }
    }
}
