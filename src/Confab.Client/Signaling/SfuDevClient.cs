using System.Diagnostics;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Confab.Client.Media;
using Confab.Client.Receive;
using Confab.Client.Sdp;
using Confab.Client.Transport;
using Confab.Rtc.Sdp;

namespace Confab.Client.Signaling;

/// <summary>
/// A participant of the SFU development room (docs/sfu-dev-signaling.md) in C#: joins over the WebSocket,
/// publishes synthetic audio and video on its publish connection, answers every subscribe offer on its
/// subscribe connection, and keeps statistics of what it receives per remote peer.
/// </summary>
public sealed partial class SfuDevClient : IAsyncDisposable
{
    /// <summary>Largest message of the protocol, in bytes.</summary>
    public const int MaxMessageBytes = 256 * 1024;

    private readonly Uri _endpoint;
    private readonly SfuDevClientOptions _options;
    private ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, string> _peers = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private TaskCompletionSource<WelcomeInfo>? _welcome;
    private TaskCompletionSource<string>? _publishAnswer;
    private TaskCompletionSource<VideoSelection>? _videoSelected;
    private Task? _receiveLoop;
    private ClientPeerConnection? _publish;
    private ClientPeerConnection? _subscribe;
    private SyntheticMediaSource? _source;
    private IDisposable? _sourcePump;
    private PublishOfferOptions? _publishOffer;
    private Task? _subscribeConnect;

    /// <param name="endpoint">The signaling WebSocket, e.g. ws://127.0.0.1:5000/sfu/ws.</param>
    public SfuDevClient(Uri endpoint, SfuDevClientOptions? options = null)
    {
        _endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        _options = options ?? new SfuDevClientOptions();
    }

    /// <summary>Our peer id, once welcomed.</summary>
    public string? PeerId { get; private set; }

    public ClientPeerConnection? PublishConnection => _publish;

    public ClientPeerConnection? SubscribeConnection => _subscribe;

    public SyntheticMediaSource? Source => _source;

    /// <summary>Subscribe offers answered so far.</summary>
    public int SubscribeOffersAnswered { get; private set; }

    /// <summary>Server messages that were not a JSON object (skipped).</summary>
    public int MalformedMessages { get; private set; }

    /// <summary>The last subscribe connection failure, when connecting it failed.</summary>
    public string? SubscribeFailure { get; private set; }

    /// <summary>Raised on the receive loop when someone joins: peer id and name.</summary>
    public event Action<string, string>? PeerJoined;

    /// <summary>Raised on the receive loop when someone leaves.</summary>
    public event Action<string>? PeerLeft;

    /// <summary>Raised on the receive loop for every `error` message.</summary>
    public event Action<SignalingException>? ErrorReceived;

    /// <summary>The other peers present, by id.</summary>
    public IReadOnlyDictionary<string, string> Peers
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, string>(_peers, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Connects the WebSocket, sends `join` and waits for `welcome`.</summary>
    public async Task<WelcomeInfo> JoinAsync(string room, string name, CancellationToken cancellationToken = default)
    {
        if (_receiveLoop is not null)
        {
            throw new InvalidOperationException("JoinAsync is called once per client.");
        }
        await _socket.ConnectAsync(_endpoint, cancellationToken).ConfigureAwait(false);
        var welcome = new TaskCompletionSource<WelcomeInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        _welcome = welcome;
        var socket = _socket;
        _receiveLoop = Task.Run(() => ReceiveLoopAsync(socket), CancellationToken.None);
        await SendAsync(SignalingMessages.Join(room, name, SignalingMessages.VideoReception(_options)), cancellationToken).ConfigureAwait(false);
        WelcomeInfo info = await welcome.Task.WaitAsync(_options.ReplyTimeout, cancellationToken).ConfigureAwait(false);
        return info;
    }

    /// <summary>
    /// Chooses the remote videos to receive (the whole selection: others stop), for a client that joined with
    /// <see cref="SfuDevClientOptions.SelectVideo"/>; completes with the server's `video-selected` reply.
    /// </summary>
    public async Task<VideoSelection> SelectVideoAsync(IReadOnlyList<VideoChoice> choices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (PeerId is null)
        {
            throw new InvalidOperationException("Join first.");
        }
        var reply = new TaskCompletionSource<VideoSelection>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _videoSelected, reply, null) is not null)
        {
            throw new InvalidOperationException("One selection at a time: await the previous SelectVideoAsync.");
        }
        try
        {
            await SendAsync(SignalingMessages.SelectVideo(choices), cancellationToken).ConfigureAwait(false);
            return await reply.Task.WaitAsync(_options.ReplyTimeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.CompareExchange(ref _videoSelected, null, reply);
        }
    }

    /// <summary>
    /// Sends a publish offer for the chosen media, applies the answer, connects the publish connection
    /// (ICE, DTLS, SRTP) and starts the synthetic source. Completes once media flows.
    /// </summary>
    public async Task PublishAsync(bool audio, bool video, int videoBitrate = 1_500_000, CancellationToken cancellationToken = default)
    {
        if (PeerId is null)
        {
            throw new InvalidOperationException("Join first.");
        }
        if (_publish is not null)
        {
            throw new InvalidOperationException("This client already publishes.");
        }
        var connection = new ClientPeerConnection(_options.Connection);
        _publish = connection;
        uint audioSsrc = RandomSsrc(), videoSsrc = RandomSsrc(), rtxSsrc = RandomSsrc();
        var offerOptions = new PublishOfferOptions
        {
            IceUfrag = connection.LocalIce.Ufrag,
            IcePwd = connection.LocalIce.Password,
            Fingerprint = connection.LocalFingerprint,
            Audio = audio,
            Video = video,
            AudioSsrc = audioSsrc,
            VideoSsrc = videoSsrc,
            VideoRtxSsrc = rtxSsrc,
            Cname = RandomToken(16),
            StreamId = PeerId,
            SessionId = (ulong)RandomNumberGenerator.GetInt32(int.MaxValue),
        };
        _publishOffer = offerOptions;
        SessionDescription offer = ClientSdp.BuildPublishOffer(offerOptions);
        var answerPromise = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _publishAnswer = answerPromise;
        await SendAsync(SignalingMessages.PublishOffer(SdpWriter.Write(offer)), cancellationToken).ConfigureAwait(false);
        string answerText = await answerPromise.Task.WaitAsync(_options.ReplyTimeout, cancellationToken).ConfigureAwait(false);
        if (!SdpParser.TryParse(answerText, out SessionDescription? answer, out string? error))
        {
            throw new InvalidOperationException($"The publish answer does not parse: {error}");
        }
        if (!RemoteTransport.TryRead(answer, remoteIsOffer: false, _options.CandidatePreference, out RemoteTransport? remote, out error))
        {
            throw new InvalidOperationException($"The publish answer is unusable: {error}");
        }
        var source = new SyntheticMediaSource(new SyntheticMediaOptions
        {
            Audio = audio && IsAccepted(answer, ClientSdp.AudioMid),
            Video = video && IsAccepted(answer, ClientSdp.VideoMid),
            AudioSsrc = audioSsrc,
            VideoSsrc = videoSsrc,
            AudioPayloadType = ClientSdp.OpusPayloadType,
            VideoPayloadType = ClientSdp.Vp8PayloadType,
            VideoBitrate = videoBitrate,
            KeyFrameInterval = _options.KeyFrameInterval,
            MidExtensionId = ClientSdp.FindMidExtensionId(answer),
            AudioMid = ClientSdp.AudioMid,
            VideoMid = ClientSdp.VideoMid,
            RecordedVideo = _options.RecordedVideo,
        }, connection, _options.Time);
        _source = source;
        connection.KeyFrameRequested += ssrc =>
        {
            if (ssrc == videoSsrc)
            {
                source.RequestKeyFrame();
            }
        };
        await connection.ConnectAsync(remote!, cancellationToken).ConfigureAwait(false);
        if (_options.Connection.Loop is { } loop)
        {
            // The connection's I/O thread sends the media too (no timer thread per participant).
            // Each source sends at its own due times (the system clock's timestamps are the loop's Stopwatch ones).
            source.StartManual();
            _sourcePump = _options.Time == TimeProvider.System
                ? loop.AddPump(source.Pump)
                : loop.AddPump(() =>
                {
                    source.Pump();
                    return Stopwatch.GetTimestamp() + (long)(SyntheticMediaSource.PumpInterval.TotalSeconds * Stopwatch.Frequency);
                });
        }
        else
        {
            source.Start();
        }
    }

    /// <summary>How many incoming streams have had a packet (what a readiness check needs, without statistics).</summary>
    public int ReceivedStreamCount => _subscribe?.Incoming.Count ?? 0;

    /// <summary>What we receive, per remote peer id (the msid stream id of each stream); "" for streams with no id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ReceiveStreamSnapshot>> GetReceiveStats()
    {
        if (_subscribe is not { } subscribe)
        {
            return new Dictionary<string, IReadOnlyList<ReceiveStreamSnapshot>>();
        }
        return subscribe.Incoming.Snapshot()
            .GroupBy(s => s.StreamId ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ReceiveStreamSnapshot>)[.. g], StringComparer.Ordinal);
    }

    /// <summary>Sends `leave`, stops media and closes the WebSocket.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken = default)
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await SendAsync(SignalingMessages.Leave(), cancellationToken).ConfigureAwait(false);
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "leave", cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketException)
            {
                // The server may already have closed.
            }
        }
        StopMedia();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await LeaveAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Leaving is best effort.
        }
        _stopping.Cancel();
        _socket.Abort();
        if (_receiveLoop is not null)
        {
            await _receiveLoop.ConfigureAwait(false);
        }
        _socket.Dispose();
        _sendLock.Dispose();
    }

    private void StopMedia()
    {
        _sourcePump?.Dispose();
        _source?.Dispose();
        _screen?.Dispose();
        _publish?.Dispose();
        _subscribe?.Dispose();
    }

    // The peer connections are of no use any more (the server's media peer was replaced): the next offers start anew.
    private void ResetMedia()
    {
        StopMedia();
        _sourcePump = null;
        _source = null;
        _publish = null;
        _publishOffer = null;
        _subscribe = null;
        _subscribeConnect = null;
    }

    private async Task SendAsync(string json, CancellationToken cancellationToken)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private static bool IsAccepted(SessionDescription answer, string mid) => answer.FindMedia(mid) is { IsRejected: false };

    private static uint RandomSsrc() => (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue) * 2u + 1u;

    private static string RandomToken(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
}
