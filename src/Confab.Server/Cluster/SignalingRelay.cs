using System.Collections.Concurrent;
using System.Net.WebSockets;
using Confab.Server.Signaling;
using StackExchange.Redis;

namespace Confab.Server.Cluster;

/// <summary>
/// Relays the signaling of clients whose meeting lives on another node (docs/adr/0012), over Redis pub/sub: each node
/// reads <c>relay:{its name}</c>. On the edge (the node the client reached) <see cref="RelayAsync"/> forwards the client's
/// messages to the home and writes the home's back; on the home each relayed client is a <see cref="RelayedSignalingSocket"/>
/// running an ordinary meeting session. Chat, roster and media messages fan out to the other nodes this way.
/// </summary>
internal sealed class SignalingRelay(IConnectionMultiplexer redis, ClusterNode node, RedisNodeRegistry nodes, MeetingSessions sessions,
    ILogger<SignalingRelay> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, EdgeLink> _edges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RelayedSignalingSocket> _homed = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private ChannelMessageQueue? _queue;

    /// <summary>Clients of this node relayed to a home elsewhere.</summary>
    public int EdgeCount => _edges.Count;

    /// <summary>Clients of other nodes whose meeting lives here.</summary>
    public int HomedCount => _homed.Count;

    public async Task StartAsync()
    {
        _queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(ClusterKeys.RelayChannel(node.Name)));
        _queue.OnMessage(OnMessage); // one message at a time, in the order published
    }

    /// <summary>
    /// The edge's part: relays the client on <paramref name="socket"/> (whose first message, a join or resume, is
    /// <paramref name="first"/>) to <paramref name="homeNode"/> until either side ends.
    /// </summary>
    public async Task RelayAsync(SignalingSocket socket, string first, string homeNode, string clientAddress, CancellationToken cancellationToken)
    {
        socket.MarkJoined(); // the join is decided on the home node, which this one does not hear of: no time limit from here
        var link = new EdgeLink(Guid.NewGuid().ToString("N"), homeNode);
        _edges[link.ConnectionId] = link;
        var writer = WriteToClientAsync(socket, link, cancellationToken);
        try
        {
            Publish(homeNode, RelayKind.Open, link.ConnectionId, clientAddress);
            Publish(homeNode, RelayKind.In, link.ConnectionId, first);
            while (link.CloseReason is null && socket.IsOpen && await socket.ReceiveAsync(cancellationToken) is { } message)
            {
                Publish(homeNode, RelayKind.In, link.ConnectionId, message);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            logger.LogDebug("Relayed signaling socket ended: {Message}", e.Message);
        }
        finally
        {
            _edges.TryRemove(link.ConnectionId, out _);
            if (link.CloseReason is null or "too-slow")
            {
                Publish(homeNode, RelayKind.End, link.ConnectionId, "");
            }
            link.Close("gone");
            await writer;
        }
    }

    private async Task WriteToClientAsync(SignalingSocket socket, EdgeLink link, CancellationToken cancellationToken)
    {
        try
        {
            await OutboxPump.PumpAsync(link.Outbound, socket, cancellationToken);
            if (socket.IsOpen && link.CloseReason is { } reason and not "gone" and not "left")
            {
                await socket.CloseAsync(reason);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            logger.LogDebug("Relayed signaling writer ended: {Message}", e.Message);
        }
    }

    /// <summary>Sends one relay message to <paramref name="toNode"/>; fire and forget, in order.</summary>
    public void Publish(string toNode, RelayKind kind, string connectionId, string payload)
    {
        try
        {
            redis.GetSubscriber().Publish(RedisChannel.Literal(ClusterKeys.RelayChannel(toNode)),
                new RelayEnvelope(kind, connectionId, node.Name, payload).Format(), CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
        {
            // ObjectDisposedException: the connection was closed under us (the host shutting down); the message is lost
            // as it would be with Redis gone, and the caller's cleanup still runs.
            logger.LogWarning(e, "Relaying to {Node} failed", toNode);
        }
    }

    private void OnMessage(ChannelMessage message)
    {
        if (!RelayEnvelope.TryParse(message.Message, out var envelope))
        {
            logger.LogWarning("A malformed relay message was dropped");
            return;
        }
        switch (envelope.Kind)
        {
            case RelayKind.Open:
                var socket = new RelayedSignalingSocket(envelope.Connection, envelope.From, this);
                if (_homed.TryAdd(envelope.Connection, socket))
                {
                    _ = RunHomedAsync(socket, envelope.Payload);
                }
                break;
            case RelayKind.In when _homed.TryGetValue(envelope.Connection, out var homed):
                homed.Deliver(envelope.Payload);
                break;
            case RelayKind.End when _homed.TryGetValue(envelope.Connection, out var ended):
                ended.End();
                break;
            case RelayKind.Out when _edges.TryGetValue(envelope.Connection, out var link):
                link.Deliver(envelope.Payload);
                break;
            case RelayKind.Close when _edges.TryGetValue(envelope.Connection, out var closed):
                closed.Close(envelope.Payload.Length is > 0 and <= 64 ? envelope.Payload : "closed");
                break;
        }
    }

    // The home's part: an ordinary meeting session on the relayed socket.
    private async Task RunHomedAsync(RelayedSignalingSocket socket, string clientAddress)
    {
        try
        {
            if (await socket.ReceiveAsync(_stopping.Token) is { } first)
            {
                await sessions.Create(socket, clientAddress).RunAsync(first, _stopping.Token);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "A relayed meeting session failed");
        }
        finally
        {
            _homed.TryRemove(socket.ConnectionId, out _);
            await socket.CloseAsync("bye");
        }
    }

    /// <summary>
    /// Ends the links whose other node died: the clients of a dead home are closed (they resume or join again, and the
    /// meeting starts on a live node); the relayed clients of a dead edge are lost (their participants wait for a resume).
    /// </summary>
    public async Task SweepAsync()
    {
        foreach (var home in _edges.Values.Select(l => l.HomeNode).Distinct().ToList())
        {
            if (!await nodes.IsAliveAsync(home))
            {
                foreach (var link in _edges.Values.Where(l => l.HomeNode == home))
                {
                    link.Close("server-gone");
                }
            }
        }
        foreach (var edge in _homed.Values.Select(s => s.EdgeNode).Distinct().ToList())
        {
            if (!await nodes.IsAliveAsync(edge))
            {
                foreach (var socket in _homed.Values.Where(s => s.EdgeNode == edge))
                {
                    socket.End();
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_queue is not null)
        {
            try
            {
                await _queue.UnsubscribeAsync();
            }
            catch (Exception e) when (e is RedisException or ObjectDisposedException)
            {
                logger.LogDebug("Leaving the relay channel failed: {Message}", e.Message); // the channel goes with the connection
            }
        }
        foreach (var link in _edges.Values)
        {
            link.Close("server-gone");
        }
        _stopping.Dispose();
    }
}
