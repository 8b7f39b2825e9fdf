using System.Diagnostics;
using Confab.ChatBench.Measurement;
using Confab.ChatBench.Protocol;

namespace Confab.ChatBench.Load;

/// <summary>
/// A participant that only reads: every benchmark message it gets goes to its <see cref="Ledger"/>, and for the messages of the
/// measured window the delay from the time the message was due to its arrival goes to its <see cref="Delays"/> (µs).
/// </summary>
internal sealed class Receiver(ChatSocket socket, OpenLoopSchedule schedule)
{
    private static readonly double MicrosecondsPerTick = 1_000_000.0 / Stopwatch.Frequency;

    public DeliveryLedger Ledger { get; } = new(schedule.Messages);

    public LatencyHistogram Delays { get; } = new();

    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        var frames = new List<IncomingFrame>();
        while (true)
        {
            var message = await socket.ReceiveAsync(cancellationToken);
            if (message.IsEmpty)
            {
                return;
            }
            long arrivedAt = Stopwatch.GetTimestamp();
            frames.Clear();
            IncomingFrame.ParseInto(message.Span, frames);
            foreach (var frame in frames)
            {
                if (frame.Kind != FrameKind.Chat)
                {
                    continue;
                }
                Ledger.Record(frame.Sequence, frame.MessageId);
                if (schedule.InWindow(frame.Sequence))
                {
                    Delays.Record((long)((arrivedAt - frame.ScheduledAt) * MicrosecondsPerTick));
                }
            }
        }
    }
}
