using System.Threading.Channels;
using Confab.Server.Media;

namespace Confab.Server.Signaling;

/// <summary>
/// One participant's signaling connection to a live meeting: its id, its outbox (written in order to the socket
/// by the session), and how it joined. The meeting completes the outbox to close the connection (removed, denied,
/// meeting ended); the session's writer then sends what is left and closes the socket with <see cref="CloseReason"/>.
/// </summary>
internal sealed class MeetingConnection(string participantId, string? userId, string device, bool selectsVideo, int outboxCapacity)
{
    public string ParticipantId { get; } = participantId;

    public string? UserId { get; } = userId;

    public string Device { get; } = device;

    /// <summary>Joined with <c>video: "selected"</c> (see docs/signaling.md, media).</summary>
    public bool SelectsVideo { get; } = selectsVideo;

    public Channel<string> Outbox { get; } = DevPeer.NewOutbox(outboxCapacity);

    public string? CloseReason { get; private set; }

    /// <summary>Ends the connection after the messages already queued.</summary>
    public void Close(string reason)
    {
        CloseReason ??= reason;
        Outbox.Writer.TryComplete();
    }
}
