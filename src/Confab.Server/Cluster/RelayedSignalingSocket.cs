using System.Threading.Channels;
using Confab.Server.Signaling;

namespace Confab.Server.Cluster;

/// <summary>
/// On a meeting's home: the socket of a client connected to another node (the edge), as the meeting session sees it.
/// The client's messages arrive through this node's relay channel; the meeting's messages are published to the edge's,
/// in order (one Redis connection keeps the order of its commands). The client is gone when the edge says so, or when
/// the edge node dies (<see cref="SignalingRelay"/> sweeps): the session then keeps the participant for a resume.
/// </summary>
internal sealed class RelayedSignalingSocket(string connectionId, string edgeNode, SignalingRelay relay) : ISignalingSocket
{
    /// <summary>Client messages not yet read by the session; more than this and the client is treated as lost.</summary>
    public const int InboundCapacity = 1024;

    private readonly Channel<string> _inbound = Channel.CreateBounded<string>(new BoundedChannelOptions(InboundCapacity)
    {
        SingleReader = true,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private volatile bool _open = true;

    public string ConnectionId { get; } = connectionId;

    public string EdgeNode { get; } = edgeNode;

    public bool IsOpen => _open;

    /// <summary>Nothing to do: the edge node holds the client's socket and its time limit for joining.</summary>
    public void MarkJoined()
    {
    }

    public async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _inbound.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    public Task SendAsync(string json, CancellationToken cancellationToken = default)
    {
        if (_open)
        {
            relay.Publish(EdgeNode, RelayKind.Out, ConnectionId, json);
        }
        return Task.CompletedTask;
    }

    public Task SendManyAsync(IReadOnlyList<string> messages, CancellationToken cancellationToken = default)
    {
        foreach (var json in messages)
        {
            SendAsync(json, cancellationToken);
        }
        return Task.CompletedTask;
    }

    public Task SendErrorAsync(string code, string message) =>
        SendAsync(System.Text.Json.JsonSerializer.Serialize(new { type = "error", code, message }));

    public Task CloseAsync(string reason)
    {
        if (_open)
        {
            relay.Publish(EdgeNode, RelayKind.Close, ConnectionId, reason);
        }
        End();
        return Task.CompletedTask;
    }

    /// <summary>A message of the client, from the relay channel.</summary>
    public void Deliver(string message)
    {
        if (!_inbound.Writer.TryWrite(message))
        {
            End(); // the session stopped reading: as good as lost
        }
    }

    /// <summary>The client is gone.</summary>
    public void End()
    {
        _open = false;
        _inbound.Writer.TryComplete();
    }
}
