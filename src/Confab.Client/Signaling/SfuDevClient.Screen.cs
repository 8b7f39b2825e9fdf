using Confab.Client.Media;
using Confab.Client.Receive;
using Confab.Client.Sdp;
using Confab.Rtc.Sdp;

namespace Confab.Client.Signaling;

/// <summary>
/// A screen share on the publish connection (docs/sfu-dev-signaling.md, `sources`): a second synthetic video track in
/// its own section, added and later stopped by renegotiating with new publish offers; and the `tracks` of subscribe
/// offers, which tell whose and what each received section is.
/// </summary>
public sealed partial class SfuDevClient
{
    private SyntheticMediaSource? _screen;
    private SessionDescription? _subscribeOffer;
    private IReadOnlyList<SubscribeTrack> _subscribeTracks = [];

    public SyntheticMediaSource? ScreenSource => _screen;

    /// <summary>The `tracks` of the last subscribe offer: every section that carries something, by mid.</summary>
    public IReadOnlyList<SubscribeTrack> SubscribeTracks
    {
        get
        {
            lock (_gate)
            {
                return _subscribeTracks;
            }
        }
    }

    /// <summary>The last subscribe offer received.</summary>
    public SessionDescription? LastSubscribeOffer
    {
        get
        {
            lock (_gate)
            {
                return _subscribeOffer;
            }
        }
    }

    /// <summary>
    /// Adds a screen track (mid <see cref="ClientSdp.ScreenMid"/>, source `screen`) to what <see cref="PublishAsync"/>
    /// publishes, by a new publish offer on the same connection, and starts sending it.
    /// </summary>
    public async Task PublishScreenAsync(int bitrate = 500_000, CancellationToken cancellationToken = default)
    {
        if (_publish is not { } connection || _publishOffer is not { } previous || _screen is not null)
        {
            throw new InvalidOperationException("Publish first (PublishAsync), and one screen at a time.");
        }
        uint ssrc = RandomSsrc();
        var options = previous with
        {
            Screen = true,
            ScreenStopped = false,
            ScreenInactive = false,
            ScreenSsrc = ssrc,
            ScreenRtxSsrc = RandomSsrc(),
            SessionVersion = previous.SessionVersion + 1,
        };
        SessionDescription answer = await RenegotiatePublishAsync(options, new Dictionary<string, string> { [ClientSdp.ScreenMid] = "screen" }, cancellationToken)
            .ConfigureAwait(false);
        if (answer.FindMedia(ClientSdp.ScreenMid) is not { IsRejected: false })
        {
            throw new InvalidOperationException("The server rejected the screen section.");
        }
        var screen = new SyntheticMediaSource(new SyntheticMediaOptions
        {
            Audio = false,
            Video = true,
            VideoSsrc = ssrc,
            VideoPayloadType = ClientSdp.Vp8PayloadType,
            VideoBitrate = bitrate,
            KeyFrameInterval = _options.KeyFrameInterval,
            MidExtensionId = ClientSdp.FindMidExtensionId(answer),
            VideoMid = ClientSdp.ScreenMid,
        }, connection, _options.Time);
        _screen = screen;
        connection.KeyFrameRequested += requested =>
        {
            if (requested == ssrc)
            {
                screen.RequestKeyFrame();
            }
        };
        screen.Start();
    }

    /// <summary>
    /// Stops the screen track as a browser does after <c>transceiver.stop()</c>: the source stops and a new publish
    /// offer carries the screen section rejected (port 0) — or, with <paramref name="reject"/> false, inactive (as
    /// after <c>transceiver.direction = "inactive"</c>). Returns the server's answer.
    /// </summary>
    public async Task<SessionDescription> StopScreenAsync(bool reject = true, CancellationToken cancellationToken = default)
    {
        if (_screen is not { } screen || _publishOffer is not { } previous)
        {
            throw new InvalidOperationException("No screen is published.");
        }
        screen.Dispose();
        _screen = null;
        var options = previous with { Screen = !reject, ScreenInactive = !reject, ScreenStopped = reject, SessionVersion = previous.SessionVersion + 1 };
        return await RenegotiatePublishAsync(options, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What we receive per section of the last subscribe offer that carries something: the section's track and the
    /// statistics of its stream (null before its first packet).
    /// </summary>
    public IReadOnlyList<(SubscribeTrack Track, ReceiveStreamSnapshot? Stats)> GetTrackStats()
    {
        SessionDescription? offer;
        IReadOnlyList<SubscribeTrack> tracks;
        lock (_gate)
        {
            offer = _subscribeOffer;
            tracks = _subscribeTracks;
        }
        if (offer is null || _subscribe is not { } subscribe)
        {
            return [];
        }
        var bySsrc = subscribe.Incoming.Snapshot().ToDictionary(s => s.Ssrc);
        var result = new List<(SubscribeTrack, ReceiveStreamSnapshot?)>();
        foreach (SubscribeTrack track in tracks)
        {
            ReceiveStreamSnapshot? stats = offer.FindMedia(track.Mid) is { } section && MediaSsrc(section) is uint ssrc
                && bySsrc.TryGetValue(ssrc, out var found) ? found : null;
            result.Add((track, stats));
        }
        return result;
    }

    private async Task<SessionDescription> RenegotiatePublishAsync(PublishOfferOptions options, IReadOnlyDictionary<string, string>? sources, CancellationToken cancellationToken)
    {
        var answerPromise = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _publishAnswer = answerPromise;
        _publishOffer = options;
        await SendAsync(SignalingMessages.PublishOffer(SdpWriter.Write(ClientSdp.BuildPublishOffer(options)), sources), cancellationToken).ConfigureAwait(false);
        string answerText = await answerPromise.Task.WaitAsync(_options.ReplyTimeout, cancellationToken).ConfigureAwait(false);
        return SdpParser.TryParse(answerText, out SessionDescription? answer, out string? error)
            ? answer
            : throw new InvalidOperationException($"The publish answer does not parse: {error}");
    }

    // RFC 5576: the media SSRC is the first of an FID group, else the first listed.
    private static uint? MediaSsrc(MediaDescription section) =>
        section.SsrcGroups.FirstOrDefault(g => g.Semantics == SsrcGroup.FlowIdentification) is { Ssrcs.Count: > 0 } fid ? fid.Ssrcs[0]
        : section.SsrcAttributes.Count > 0 ? section.SsrcAttributes[0].Ssrc : null;

}
