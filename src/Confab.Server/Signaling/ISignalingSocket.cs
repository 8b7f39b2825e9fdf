namespace Confab.Server.Signaling;

/// <summary>
/// What a meeting session reads its client's messages from and writes the meeting's messages to: the client's own
/// WebSocket (<see cref="SignalingSocket"/>), or — when the client reached another node — that node's relay of it
/// (<see cref="Cluster.RelayedSignalingSocket"/>, docs/adr/0012).
/// </summary>
internal interface ISignalingSocket
{
    bool IsOpen { get; }

    /// <summary>The next text message of the client; null once the client is gone.</summary>
    Task<string?> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Sends one message; messages arrive in the order of the calls.</summary>
    Task SendAsync(string json, CancellationToken cancellationToken = default);

    /// <summary>Sends the messages in their order, as one write to the network where the socket can.</summary>
    Task SendManyAsync(IReadOnlyList<string> messages, CancellationToken cancellationToken = default);

    Task SendErrorAsync(string code, string message);

    /// <summary>The client has joined (or resumed): a time limit for joining, where the socket has one, no longer applies.</summary>
    void MarkJoined();

    /// <summary>Closes the client's socket normally, after what was sent, telling it <paramref name="reason"/>.</summary>
    Task CloseAsync(string reason);
}
