using System.Threading.Channels;

namespace Confab.Server.Signaling;

/// <summary>
/// Writes an outbox to a socket until the outbox completes: whatever has piled up while the previous write was on its way
/// (at most <see cref="MaxMessagesPerWrite"/>) goes out in one <see cref="ISignalingSocket.SendManyAsync"/>, so a busy
/// connection costs one network write per burst rather than one per message, and a quiet one still sends each message at once.
/// </summary>
internal static class OutboxPump
{
    public const int MaxMessagesPerWrite = 256;

    public static async Task PumpAsync(ChannelReader<string> outbox, ISignalingSocket socket, CancellationToken cancellationToken)
    {
        var burst = new List<string>(16);
        while (await outbox.WaitToReadAsync(cancellationToken))
        {
            while (burst.Count < MaxMessagesPerWrite && outbox.TryRead(out var message))
            {
                burst.Add(message);
            }
            if (burst.Count == 0)
            {
                continue;
            }
            await socket.SendManyAsync(burst, cancellationToken);
            burst.Clear();
        }
    }
}
