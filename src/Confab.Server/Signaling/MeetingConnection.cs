using System.Threading.Channels;
using Confab.Server.Media;

namespace Confab.Server.Signaling;

/// <summary>
/// One participant's signaling connection to a live meeting: its id, its outbox (written in order to the socket
/// by the session), and how it joined. The meeting completes the outbox to close the connection (removed, denied,
/// meeting ended); the session's writer then sends what is left and closes the socket with <see cref="CloseReason"/>.
/// </summary>
internal sealed class MeetingConnection(string participantId, string? userId, string device, VideoReception video, int outboxCapacity)
{
    public string ParticipantId { get; } = participantId;

    public string? UserId { get; } = userId;

    public string Device { get; } = device;

    /// <summary>The join's <c>video</c> (see docs/signaling.md, media).</summary>
    public VideoReception Video { get; } = video;

    public Channel<string> Outbox { get; } = DevPeer.NewOutbox(outboxCapacity);

    /// <summary>Presented by a new socket to take this participant over (docs/signaling.md, resume); one use.</summary>
    public string ResumeToken { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))
        .Replace('+', '-').Replace('/', '_');

    /// <summary>The socket was lost without a leave: the participant stays for the resume grace period.</summary>
    public bool Detached { get; set; }

    /// <summary>Ends the participant when the grace period passes without a resume.</summary>
    public ITimer? DetachTimer { get; set; }

    /// <summary>The same participant on a new socket, with a new outbox and a new resume token.</summary>
    public MeetingConnection Successor(int outboxCapacity) => new(ParticipantId, UserId, Device, Video, outboxCapacity);

    public string? CloseReason { get; private set; }

    /// <summary>Ends the connection after the messages already queued.</summary>
    public void Close(string reason)
    {
        CloseReason ??= reason;
        Outbox.Writer.TryComplete();
    }
}
