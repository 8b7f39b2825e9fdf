using System.Threading.Channels;
using Confab.Server.Signaling;

namespace Confab.Server.Cluster;

/// <summary>
/// On the node a client connected to (the edge): its link to the meeting's home — the home's messages for the client,
/// queued for the client's socket in order, and why the home closed it.
/// </summary>
internal sealed class EdgeLink(string connectionId, string homeNode)
{
    /// <summary>Messages for a client that does not read them; more and its socket is closed as too slow.</summary>
    public const int OutboundCapacity = MeetingSignalingSession.OutboxCapacity;

    private readonly Channel<string> _outbound = Channel.CreateBounded<string>(new BoundedChannelOptions(OutboundCapacity)
    {
        SingleReader = true,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public string ConnectionId { get; } = connectionId;

    public string HomeNode { get; } = homeNode;

    public ChannelReader<string> Outbound => _outbound.Reader;

    /// <summary>Set when the home (or the loss of it) closed the link: the client's socket closes with it.</summary>
    public string? CloseReason { get; private set; }

    public void Deliver(string message)
    {
        if (!_outbound.Writer.TryWrite(message))
        {
            Close("too-slow");
        }
    }

    public void Close(string reason)
    {
        CloseReason ??= reason;
        _outbound.Writer.TryComplete();
    }
}
