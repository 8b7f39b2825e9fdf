namespace Confab.LoadGen.Janus;

/// <summary>Where a subscriber handle stands in the videoroom flow.</summary>
public enum SubscriberPhase
{
    New,

    /// <summary>"join" (ptype subscriber) sent; waiting for "attached" and Janus's offer.</summary>
    Joining,

    /// <summary>Janus offered (first time or after "subscribe"); our answer is due.</summary>
    Offered,

    /// <summary>"start" sent with our answer; waiting for "started".</summary>
    Starting,

    /// <summary>Janus accepted the answer.</summary>
    Started,

    /// <summary>Janus reported "webrtcup".</summary>
    Up,

    Failed,
}

/// <summary>What one message changed for a subscriber handle.</summary>
[Flags]
public enum SubscriberChange
{
    None = 0,
    Offered = 1,
    Started = 2,
    Up = 4,
    Failed = 8,
}

/// <summary>
/// The videoroom flow of one multistream subscriber handle (no I/O): join with feeds → "attached" with
/// Janus's offer → start with our answer → "started" → webrtcup; "subscribe" to more feeds later gives
/// "updated" with a new offer, answered again with start. Janus is the offerer here, so it is the ICE
/// controlling agent and picks the DTLS role (it offers actpass; we answer active).
/// </summary>
public sealed class VideoRoomSubscriberState
{
    public SubscriberPhase Phase { get; private set; } = SubscriberPhase.New;

    /// <summary>The offer waiting for our answer.</summary>
    public JanusJsep? PendingOffer { get; private set; }

    /// <summary>The streams of the latest offer, in m-line order.</summary>
    public IReadOnlyList<VideoRoomStream> Streams { get; private set; } = [];

    /// <summary>Whether the transport has come up once (later offers are renegotiations).</summary>
    public bool WasUp { get; private set; }

    public string? Failure { get; private set; }

    public void OnJoinSent()
    {
        if (Phase != SubscriberPhase.New)
        {
            throw new InvalidOperationException($"A subscriber joins only once; it is {Phase}.");
        }

        Phase = SubscriberPhase.Joining;
    }

    public void OnStartSent()
    {
        if (Phase != SubscriberPhase.Offered)
        {
            throw new InvalidOperationException($"A subscriber answers only an offer; it is {Phase}.");
        }

        PendingOffer = null;
        Phase = SubscriberPhase.Starting;
    }

    public SubscriberChange Apply(JanusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message.Kind)
        {
            case JanusMessageKind.Error:
                return Fail($"Janus error {message.ErrorCode}: {message.ErrorReason}");
            case JanusMessageKind.Hangup:
                return Fail($"hangup: {message.Reason}");
            case JanusMessageKind.WebRtcUp when Phase is SubscriberPhase.Started or SubscriberPhase.Starting:
                Phase = SubscriberPhase.Up;
                WasUp = true;
                return SubscriberChange.Up;
            case JanusMessageKind.Event or JanusMessageKind.Success:
                return VideoRoomEvent.TryRead(message.PluginData, out VideoRoomEvent? roomEvent)
                    ? ApplyRoomEvent(roomEvent!, message.Jsep)
                    : SubscriberChange.None;
            default:
                return SubscriberChange.None;
        }
    }

    private SubscriberChange ApplyRoomEvent(VideoRoomEvent roomEvent, JanusJsep? jsep)
    {
        if (roomEvent.IsError)
        {
            return Fail($"videoroom error {roomEvent.ErrorCode}: {roomEvent.Error}");
        }

        if (roomEvent.Kind is "attached" or "updated" && jsep is { IsOffer: true } && Phase != SubscriberPhase.Failed)
        {
            PendingOffer = jsep;
            Streams = roomEvent.Streams;
            Phase = SubscriberPhase.Offered;
            return SubscriberChange.Offered;
        }

        if (roomEvent.Started && Phase == SubscriberPhase.Starting)
        {
            Phase = WasUp ? SubscriberPhase.Up : SubscriberPhase.Started;
            return SubscriberChange.Started;
        }

        return SubscriberChange.None;
    }

    private SubscriberChange Fail(string reason)
    {
        Phase = SubscriberPhase.Failed;
        Failure = reason;
        return SubscriberChange.Failed;
    }
}
