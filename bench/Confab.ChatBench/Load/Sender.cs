using System.Buffers;
using System.Diagnostics;
using Confab.ChatBench.Measurement;
using Confab.ChatBench.Protocol;

namespace Confab.ChatBench.Load;

/// <summary>
/// A participant that sends public messages: of the run's messages it owns those whose number leaves <paramref name="index"/>
/// modulo <paramref name="senders"/>, and sends them as they fall due, at each tick; its reader notes the acknowledgements and
/// refusals and drains the deliveries it gets too (a public message reaches everyone).
/// </summary>
internal sealed class Sender(ChatSocket socket, int index, int senders, OpenLoopSchedule schedule, SendLedger ledger)
{
    // A sender that fell behind stops this long after the schedule's end; what it had not sent by then stays unsent.
    private static readonly long Overrun = Stopwatch.Frequency / 20;

    /// <summary>Why the send loop stopped early (its socket failed or was closed), or null.</summary>
    public string? Failure { get; private set; }

    public async Task SendAsync(Ticker ticker, CancellationToken cancellationToken)
    {
        try
        {
            await SendDueMessagesAsync(ticker, cancellationToken);
        }
        catch (System.Net.WebSockets.WebSocketException e)
        {
            Failure = socket.CloseReason is { } reason ? $"closed by the server ({reason})" : e.Message;
        }
    }

    private async Task SendDueMessagesAsync(Ticker ticker, CancellationToken cancellationToken)
    {
        var frame = new ArrayBufferWriter<byte>(256);
        long next = index;
        while (next < schedule.Messages)
        {
            await ticker.NextAsync().WaitAsync(cancellationToken);
            long due = schedule.DueBy(Stopwatch.GetTimestamp());
            while (next < due)
            {
                BenchMessage.WriteSend(frame, next, schedule.DueAt(next));
                await socket.SendAsync(frame.WrittenMemory, cancellationToken);
                long sentAt = Stopwatch.GetTimestamp();
                ledger.MarkSent(next, sentAt >= schedule.WindowStart && sentAt < schedule.End);
                next += senders;
                if (sentAt >= schedule.End + Overrun)
                {
                    return;
                }
            }
        }
    }

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
            frames.Clear();
            IncomingFrame.ParseInto(message.Span, frames);
            foreach (var frame in frames)
            {
                switch (frame.Kind)
                {
                    case FrameKind.Ack:
                        ledger.MarkAcked(frame.Sequence, frame.MessageId);
                        break;
                    case FrameKind.Error:
                        ledger.MarkRefused(frame.ErrorCode);
                        break;
                }
            }
        }
    }
}
