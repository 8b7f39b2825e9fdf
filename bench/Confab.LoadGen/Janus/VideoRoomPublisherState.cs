namespace Confab.LoadGen.Janus;

/// <summary>Where a publisher handle stands in the videoroom flow.</summary>
public enum PublisherPhase
{
    New,

    /// <summary>"join" (ptype publisher) sent; waiting for "joined".</summary>
    Joining,

    /// <summary>In the room with an id; not publishing yet.</summary>
    Joined,

    /// <summary>"publish" sent with our offer; waiting for "configured" and Janus's answer.</summary>
    Publishing,

    /// <summary>Janus answered; ICE and DTLS run now.</summary>
    Published,

    /// <summary>Janus reported "webrtcup": its PeerConnection with us is established.</summary>
    Up,

    /// <summary>An error or a hangup ended the flow (<see cref="VideoRoomPublisherState.Failure"/>).</summary>
    Failed,
}

/// <summary>What one message changed for a publisher handle.</summary>
[Flags]
public enum PublisherChange
{
    None = 0,
    Joined = 1,
    Answered = 2,
    Up = 4,
    PublishersAdded = 8,
    PublishersRemoved = 16,
    Failed = 32,
}

/// <summary>
/// The videoroom flow of one publisher handle, driven by Janus's messages (no I/O): join → joined (our id,
/// private id, the publishers already there) → publish with an offer → configured with an answer →
/// webrtcup. Along the way it keeps the room's other publishers from "joined" and later events
/// ("publishers" added, "leaving" and "unpublished" removed), which the subscriber side subscribes to.
/// </summary>
public sealed class VideoRoomPublisherState
{
    private readonly Dictionary<long, VideoRoomPublisher> _remotePublishers = [];

    public PublisherPhase Phase { get; private set; } = PublisherPhase.New;

    public long? PublisherId { get; private set; }

    public long? PrivateId { get; private set; }

    /// <summary>Janus's answer to our publish offer.</summary>
    public JanusJsep? Answer { get; private set; }

    public string? Failure { get; private set; }

    /// <summary>Other publishers in the room, by id.</summary>
    public IReadOnlyDictionary<long, VideoRoomPublisher> RemotePublishers => _remotePublishers;

    public void OnJoinSent() => Expect(PublisherPhase.New, PublisherPhase.Joining);

    public void OnPublishSent() => Expect(PublisherPhase.Joined, PublisherPhase.Publishing);

    /// <summary>Applies one message addressed to this handle and says what changed.</summary>
    public PublisherChange Apply(JanusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message.Kind)
        {
            case JanusMessageKind.Error:
                return Fail($"Janus error {message.ErrorCode}: {message.ErrorReason}");
            case JanusMessageKind.Hangup:
                return Fail($"hangup: {message.Reason}");
            case JanusMessageKind.WebRtcUp when Phase == PublisherPhase.Published:
                Phase = PublisherPhase.Up;
                return PublisherChange.Up;
            case JanusMessageKind.Event or JanusMessageKind.Success:
                return VideoRoomEvent.TryRead(message.PluginData, out VideoRoomEvent? roomEvent)
                    ? ApplyRoomEvent(roomEvent!, message.Jsep)
                    : PublisherChange.None;
            default:
                return PublisherChange.None;
        }
    }

    private PublisherChange ApplyRoomEvent(VideoRoomEvent roomEvent, JanusJsep? jsep)
    {
        if (roomEvent.IsError)
        {
            return Fail($"videoroom error {roomEvent.ErrorCode}: {roomEvent.Error}");
        }

        PublisherChange change = PublisherChange.None;
        if (roomEvent.Kind == "joined" && Phase == PublisherPhase.Joining && roomEvent.Id is long id)
        {
            PublisherId = id;
            PrivateId = roomEvent.PrivateId;
            Phase = PublisherPhase.Joined;
            change |= PublisherChange.Joined;
        }

        if (roomEvent.Configured && Phase == PublisherPhase.Publishing && jsep is { IsAnswer: true })
        {
            Answer = jsep;
            Phase = PublisherPhase.Published;
            change |= PublisherChange.Answered;
        }

        foreach (VideoRoomPublisher publisher in roomEvent.Publishers)
        {
            if (publisher.Id != PublisherId)
            {
                _remotePublishers[publisher.Id] = publisher;
                change |= PublisherChange.PublishersAdded;
            }
        }

        foreach (long? gone in (long?[])[roomEvent.Leaving, roomEvent.Unpublished])
        {
            if (gone is long goneId && _remotePublishers.Remove(goneId))
            {
                change |= PublisherChange.PublishersRemoved;
            }
        }

        return change;
    }

    private PublisherChange Fail(string reason)
    {
        Phase = PublisherPhase.Failed;
        Failure = reason;
        return PublisherChange.Failed;
    }

    private void Expect(PublisherPhase from, PublisherPhase to)
    {
        if (Phase != from)
        {
            throw new InvalidOperationException($"A publisher moves to {to} only from {from}; it is {Phase}.");
        }

        Phase = to;
    }
}
