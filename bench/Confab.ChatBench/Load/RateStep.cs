using System.Diagnostics;
using System.Net.WebSockets;
using Confab.ChatBench.Measurement;
using Confab.ChatBench.Protocol;

namespace Confab.ChatBench.Load;

/// <summary>
/// One offered rate, in a meeting of its own: the host and the other receivers join, then the senders; after a short pause the
/// senders send on the schedule (warm-up, then the measured window), the run drains, the rows are counted, and everyone leaves.
/// Then it waits for the server to stop storing the meeting's messages: requests it had read before the sockets closed (a rate
/// that did not hold leaves some hundreds; the rest of its backlog is dropped with the sockets) are still worked off, and the
/// next rate must not share the server with them.
/// </summary>
internal sealed class RateStep(BenchSettings settings, HttpClient http, string hostToken)
{
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SettlePoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestSettle = TimeSpan.FromMinutes(5);

    public async Task<StepResult> RunAsync(int messagesPerSecond, int warmupSeconds, int windowSeconds, CancellationToken cancellationToken)
    {
        var meeting = await BenchMeeting.CreateAsync(http, hostToken, cancellationToken);
        var sockets = new List<ChatSocket>();
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readers = new List<Task<string?>>();
        StepResult result;
        try
        {
            // The host starts the meeting; it is the first of the receivers.
            var receiverSockets = new List<ChatSocket> { await JoinAsync(meeting.HostJoin(hostToken), sockets, cancellationToken) };
            for (int i = 1; i < settings.Receivers; i++)
            {
                receiverSockets.Add(await JoinAsync(meeting.GuestJoin($"Receiver {i + 1}"), sockets, cancellationToken));
            }
            var senderSockets = new List<ChatSocket>();
            for (int i = 0; i < settings.Senders; i++)
            {
                senderSockets.Add(await JoinAsync(meeting.GuestJoin($"Sender {i + 1}"), sockets, cancellationToken));
            }

            var schedule = new OpenLoopSchedule(Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 2), messagesPerSecond,
                warmupSeconds, windowSeconds);
            var sent = new SendLedger(schedule.Messages);
            var receivers = receiverSockets.Select(s => new Receiver(s, schedule)).ToList();
            var senders = senderSockets.Select((s, i) => new Sender(s, i, settings.Senders, schedule, sent)).ToList();
            readers.AddRange(receivers.Select(r => Observe(r.ReadAsync(stopReading.Token))));
            readers.AddRange(senders.Select(s => Observe(s.ReadAsync(stopReading.Token))));

            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            long wallBefore = Stopwatch.GetTimestamp();
            using (var ticker = new Ticker())
            {
                await Task.WhenAll(senders.Select(s => s.SendAsync(ticker, cancellationToken)));
            }
            await DrainAsync(schedule, sent, receivers, cancellationToken);
            // Before the count: a message is stored before it is acknowledged, so every one acknowledged by now is in the table.
            long acked = sent.SentCount - sent.Unacknowledged();
            long persisted = await PersistedMessages.CountAsync(settings.Database, meeting.Id, cancellationToken);
            int closedByServer = sockets.Count(s => s.CloseReason is not null);
            var failures = senders.Select(s => s.Failure).OfType<string>().GroupBy(f => f)
                .Select(g => $"{g.Count()} senders stopped early: {g.Key}")
                .Concat(readers.Where(r => r.IsCompleted).Select(r => r.Result).OfType<string>().Distinct()).ToList();
            double generatorCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds
                / Stopwatch.GetElapsedTime(wallBefore).TotalSeconds;
            result = Summarise(messagesPerSecond, schedule, sent, receivers, acked, persisted, closedByServer, failures, generatorCpu);
        }
        finally
        {
            await LeaveAllAsync(sockets, readers, stopReading);
        }
        long started = Stopwatch.GetTimestamp();
        long rows = await WaitUntilStoringStopsAsync(meeting.Id, cancellationToken);
        if (rows > result.Persisted)
        {
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"  ({messagesPerSecond}/s) the server went on storing {rows - result.Persisted} messages of the meeting for {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s after it was counted"));
        }
        return result;
    }

    // Until the meeting's row count stands still for a poll interval; returns the count.
    private async Task<long> WaitUntilStoringStopsAsync(string meetingId, CancellationToken cancellationToken)
    {
        long last = -1;
        var deadline = Stopwatch.GetTimestamp() + (long)(LongestSettle.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            long rows = await PersistedMessages.CountAsync(settings.Database, meetingId, cancellationToken);
            if (rows == last)
            {
                return rows;
            }
            last = rows;
            await Task.Delay(SettlePoll, cancellationToken);
        }
        return last;
    }

    private async Task<ChatSocket> JoinAsync(object join, List<ChatSocket> sockets, CancellationToken cancellationToken)
    {
        var socket = await ChatSocket.ConnectAsync(settings.Signaling, cancellationToken);
        sockets.Add(socket);
        await socket.JoinAsync(join, cancellationToken);
        return socket;
    }

    // Until every message sent is acknowledged and at every receiver, or the drain time is over.
    private async Task DrainAsync(OpenLoopSchedule schedule, SendLedger sent, List<Receiver> receivers, CancellationToken cancellationToken)
    {
        long deadline = Math.Max(Stopwatch.GetTimestamp(), schedule.End) + (Stopwatch.Frequency * settings.DrainSeconds);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            long count = sent.SentCount;
            if (sent.AckedCount >= count && receivers.All(r => r.Ledger.Distinct >= count))
            {
                return;
            }
            await Task.Delay(10, cancellationToken);
        }
    }

    private static StepResult Summarise(int offered, OpenLoopSchedule schedule, SendLedger sent, List<Receiver> receivers, long acked,
        long persisted, int closedByServer, List<string> failures, double generatorCpu)
    {
        var delays = new LatencyHistogram();
        foreach (var receiver in receivers)
        {
            delays.Add(receiver.Delays);
        }
        return new StepResult(
            OfferedPerSecond: offered,
            AchievedPerSecond: sent.SentInWindow / schedule.WindowSeconds,
            Sent: sent.SentCount,
            Acked: acked,
            Refused: sent.Refused,
            RefusalCodes: string.Join(", ", sent.RefusalCodes.Select(c => $"{c.Key} ×{c.Value}")),
            Persisted: persisted,
            Missing: receivers.Sum(r => r.Ledger.MissingOf(sent)),
            Duplicates: receivers.Sum(r => r.Ledger.Duplicates),
            Unexpected: receivers.Sum(r => r.Ledger.Unexpected + r.Ledger.NeverSentOf(sent)),
            // Only telling when nothing is missing: a receiver short of messages differs anyway.
            ReceiversWithOtherIds: receivers.Count(r => r.Ledger.MissingOf(sent) == 0 && r.Ledger.Fingerprint != sent.Fingerprint),
            SocketsClosedByServer: closedByServer,
            Failures: string.Join("; ", failures),
            GeneratorCores: generatorCpu,
            DelaySamples: delays.Count,
            DelayP50Ms: Milliseconds(delays, delays.Quantile(0.50)),
            DelayP99Ms: Milliseconds(delays, delays.Quantile(0.99)),
            DelayMaxMs: Milliseconds(delays, delays.Max));
    }

    private static double? Milliseconds(LatencyHistogram delays, long microseconds) => delays.Count == 0 ? null : microseconds / 1000.0;

    // A reader ends when its socket closes; a socket that fails is a failure of the run (unless the run is over).
    private static async Task<string?> Observe(Task reading)
    {
        try
        {
            await reading;
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (Exception e) when (e is WebSocketException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return $"a socket's reader failed: {e.Message}";
        }
    }

    private static async Task LeaveAllAsync(List<ChatSocket> sockets, List<Task<string?>> readers, CancellationTokenSource stopReading)
    {
        using var timeout = new CancellationTokenSource(LeaveTimeout);
        await Task.WhenAll(sockets.Select(s => s.LeaveAsync(timeout.Token)));
        await Task.WhenAny(Task.WhenAll(readers), Task.Delay(LeaveTimeout, CancellationToken.None));
        await stopReading.CancelAsync();
        foreach (var socket in sockets)
        {
            socket.Abort();
        }
        await Task.WhenAll(readers);
        foreach (var socket in sockets)
        {
            await socket.DisposeAsync();
        }
    }
}
