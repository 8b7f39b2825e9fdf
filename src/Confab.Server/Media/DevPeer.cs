using System.Threading.Channels;
using Confab.Sfu.Negotiation;
using Confab.Sfu.Routing;
using Confab.Sfu.Transport;

namespace Confab.Server.Media;

/// <summary>A participant of a development room: its two transports, what it publishes and what it receives.</summary>
internal sealed class DevPeer
{
    public DevPeer(string id, string name, WebRtcTransport subscribe, bool selectsVideo, Channel<string> outbox, bool ownsOutbox)
    {
        Id = id;
        Name = name;
        Subscribe = subscribe;
        SelectsVideo = selectsVideo;
        Outbox = outbox;
        OwnsOutbox = ownsOutbox;
    }

    /// <summary>An outbox for one socket: bounded, one reader (the socket's writer).</summary>
    public static Channel<string> NewOutbox(int capacity) => Channel.CreateBounded<string>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>False when the outbox belongs to someone else (a meeting connection), who completes it.</summary>
    public bool OwnsOutbox { get; }

    public string Id { get; }

    public string Name { get; }

    public string Cname { get; } = Guid.NewGuid().ToString("N")[..16];

    /// <summary>
    /// Messages to this peer's socket, written in order by its session. A meeting participant that resumes on a
    /// new socket keeps its peer, whose outbox then becomes the new socket's (<see cref="DevRoom.ResumeAsync"/>).
    /// </summary>
    public Channel<string> Outbox { get; set; }

    /// <summary>
    /// Its signaling socket is lost for now (a meeting participant in the resume grace period): media goes on,
    /// messages to it are dropped and subscribe offers wait for the resume, which sends a full picture.
    /// </summary>
    public bool Detached { get; set; }

    /// <summary>The ICE ufrag and password of the last publish offer accepted ("ufrag:pwd"); another pair is an ICE restart.</summary>
    public string? PublishRemoteIce { get; set; }

    /// <summary>The DTLS fingerprint the publish connection was set up with; an offer with another is refused.</summary>
    public string? PublishRemoteFingerprint { get; set; }

    /// <summary>The DTLS fingerprint the subscribe connection was set up with; an answer with another is refused.</summary>
    public string? SubscribeRemoteFingerprint { get; set; }

    /// <summary>
    /// True when the peer chose at join to receive only the videos it selects (<c>select-video</c>); false: every
    /// video in the room. Audio is always received from everyone.
    /// </summary>
    public bool SelectsVideo { get; }

    /// <summary>The videos this peer selected: publisher id and source (camera or screen) to the simulcast layer wanted.</summary>
    public Dictionary<(string PeerId, TrackSource Source), VideoLayer> VideoSelection { get; } = [];

    public WebRtcTransport Subscribe { get; }

    public WebRtcTransport? Publish { get; set; }

    public SubscribeOfferBuilder Offers { get; } = new();

    /// <summary>What this peer publishes: each track with the SDP terms it was accepted on and its producers.</summary>
    public List<PublishedMedia> Published { get; } = [];

    /// <summary>What this peer receives, by the published track consumed.</summary>
    public Dictionary<PublishedMedia, Consumer> Consumers { get; } = [];

    /// <summary>Consumers waiting for the subscribe answer of the version that announced them.</summary>
    public List<(int Version, Consumer Consumer)> AwaitingAnswer { get; } = [];

    /// <summary>Consumers the peer has answered for (touched on the media worker only).</summary>
    public HashSet<Consumer> Answered { get; } = [];

    public int OutstandingOfferVersion { get; set; }

    public bool RenegotiationPending { get; set; }

    /// <summary>
    /// A peer that selects its videos gets its first subscribe offer with its first selection (or after
    /// <see cref="DevRoom.FirstSelectionWait"/>): one offer and answer instead of two before the first picture.
    /// </summary>
    public bool AwaitingFirstSelection { get; set; }

    public bool SubscribeConnectStarted { get; set; }

    public bool Left { get; set; }

    /// <summary>The server holds this peer's audio back (a host muted it); applies to tracks published later too.</summary>
    public bool AudioBlocked { get; set; }

    /// <summary>The server holds this peer's video back (a host stopped it, or the peer turned it off).</summary>
    public bool VideoBlocked { get; set; }

    /// <summary>The server holds this peer's screen back (in a meeting: while it holds no share).</summary>
    public bool ScreenBlocked { get; set; }

    /// <summary>The publish transport's DTLS handshake was started (by the first offer that published a track).</summary>
    public bool PublishConnectStarted { get; set; }

    /// <summary>Whether tracks of this source are held back now.</summary>
    public bool IsBlocked(TrackSource source) => source switch
    {
        TrackSource.Microphone => AudioBlocked,
        TrackSource.Camera => VideoBlocked,
        _ => ScreenBlocked,
    };
}

/// <summary>A published track: what it is, and one producer, or one per simulcast layer (lowest first).</summary>
internal sealed record PublishedMedia(PublishedTrack Track, Producer[] Layers, TrackSource Source);

/// <summary>Which simulcast layer of a selected video a subscriber wants; a track without layers sends its one.</summary>
internal enum VideoLayer
{
    Low,
    Medium,
    High,
}
