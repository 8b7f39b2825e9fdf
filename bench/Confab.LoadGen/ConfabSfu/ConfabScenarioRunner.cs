using System.Diagnostics;
using Confab.Client.Receive;
using Confab.Client.Signaling;
using Confab.Client.Transport;
using Confab.Rtc.Net;
using Confab.LoadGen.Measurement;
using Confab.LoadGen.Media;
using Confab.LoadGen.Scenarios;
using Confab.Rtc.Metrics;

namespace Confab.LoadGen.ConfabSfu;

/// <summary>
/// Runs a <see cref="MeetingScenario"/> against Confab's SFU through its development signaling
/// (docs/sfu-dev-signaling.md) with Confab.Client: each participant joins its meeting's room and publishes; the SFU
/// sends everyone every other participant's audio, and every video — or, with
/// <see cref="MeetingScenario.MaxVideosPerSubscriber"/>, the videos each participant selects at the low layer: the
/// next ones after it in the meeting, as the Janus runner subscribes.
/// </summary>
public sealed class ConfabScenarioRunner(Uri signaling, int serverPid)
{
    private const int MeetingsSetUpAtOnce = 4;
    private static readonly TimeSpan StreamsTimeout = TimeSpan.FromSeconds(30);

    public async Task<ScenarioResult> RunAsync(MeetingScenario scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);

        ProcReader.TryRead(serverPid, out ProcessSample before);
        // Every participant's sockets on one I/O thread, as on the Janus side.
        using MediaIoLoop? loop = GeneratorLoop.Open();
        var clients = new List<SfuDevClient>();
        string? failure = null;
        using var gate = new SemaphoreSlim(MeetingsSetUpAtOnce);
        try
        {
            Task<List<SfuDevClient>>[] meetings = [.. Enumerable.Range(0, scenario.Meetings)
                .Select(m => SetUpMeetingAsync($"load-{Environment.ProcessId}-{m}", m, scenario, loop, gate, cancellationToken))];
            foreach (Task<List<SfuDevClient>> meeting in meetings)
            {
                try
                {
                    clients.AddRange(await meeting.ConfigureAwait(false));
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException or OperationCanceledException or SignalingException
                    or System.Net.WebSockets.WebSocketException)
                {
                    failure ??= e.Message;
                }
            }

            return await MeasureAsync(scenario, clients, loop, before, failure, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (SfuDevClient client in clients)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<List<SfuDevClient>> SetUpMeetingAsync(string room, int index, MeetingScenario scenario, MediaIoLoop? loop, SemaphoreSlim gate,
        CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var members = new List<SfuDevClient>();
        try
        {
            bool selects = scenario.MaxVideosPerSubscriber is not null && !scenario.AudioOnly;
            var options = new SfuDevClientOptions { SelectVideo = selects, Connection = new ClientPeerConnectionOptions { Loop = loop } };
            var ids = new List<string>();
            for (int p = 0; p < scenario.MeetingSize; p++)
            {
                var client = new SfuDevClient(signaling, options);
                members.Add(client);
                ids.Add((await client.JoinAsync(room, $"m{index}p{p}", cancellationToken).ConfigureAwait(false)).PeerId);
                bool speaker = scenario.ActiveSpeakers is not int speakers || p < speakers;
                if (speaker || !scenario.AudioOnly)
                {
                    // A muted participant of an audio-only room publishes nothing at all.
                    await client.PublishAsync(audio: speaker, video: !scenario.AudioOnly, scenario.VideoBitsPerSecond, cancellationToken).ConfigureAwait(false);
                }
            }

            if (selects)
            {
                for (int p = 0; p < members.Count; p++)
                {
                    await members[p].SelectVideoAsync(VideosFor(ids, p, scenario.MaxVideosPerSubscriber!.Value), cancellationToken).ConfigureAwait(false);
                }
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StreamsTimeout);
            while (Enumerable.Range(0, members.Count)
                .Any(p => members[p].ReceivedStreamCount < ExpectedStreamsPerSubscriber(scenario, p)))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token).ConfigureAwait(false);
            }

            return members;
        }
        catch
        {
            foreach (SfuDevClient client in members)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Streams the member at <paramref name="index"/> must see: the other speakers' audio, and every other participant's
    /// video or the selected number of them.
    /// </summary>
    internal static int ExpectedStreamsPerSubscriber(MeetingScenario scenario, int index)
    {
        int others = scenario.MeetingSize - 1;
        int speakers = Math.Min(scenario.ActiveSpeakers ?? scenario.MeetingSize, scenario.MeetingSize);
        int otherSpeakers = index < speakers ? speakers - 1 : speakers;
        int videos = scenario.AudioOnly ? 0 : Math.Min(scenario.MaxVideosPerSubscriber ?? others, others);
        return otherSpeakers + videos;
    }

    /// <summary>The low layer of the next <paramref name="count"/> members after <paramref name="self"/>, wrapping around.</summary>
    internal static List<VideoChoice> VideosFor(IReadOnlyList<string> ids, int self, int count) =>
        [.. Enumerable.Range(1, Math.Min(count, ids.Count - 1)).Select(step => new VideoChoice(ids[(self + step) % ids.Count], VideoQuality.Low))];

    private async Task<ScenarioResult> MeasureAsync(MeetingScenario scenario, List<SfuDevClient> clients, MediaIoLoop? loop,
        ProcessSample before, string? failure, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(scenario.WarmupSeconds), cancellationToken).ConfigureAwait(false);
        await WindowProgress.AnnounceAsync(scenario).ConfigureAwait(false);
        long peakRss = before.ResidentKilobytes;
        // Every packet's delay in the window, one histogram per receiver (as the Janus participants keep theirs).
        LatencyHistogram[] delays = [.. clients.Select(_ => new LatencyHistogram())];
        for (int i = 0; i < clients.Count; i++)
        {
            if (clients[i].SubscribeConnection is { } connection)
            {
                connection.Incoming.DelayObserved = delays[i].Record;
            }
        }
        Dictionary<uint, ReceiveStreamSnapshot>[] startStreams = [.. clients.Select(Snapshot)];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var metrics = new Uri($"http://{signaling.Host}:{signaling.Port}/metrics");
        HoldTimeBuckets? holdStart = await HoldTimeBuckets.ScrapeAsync(http, metrics, cancellationToken).ConfigureAwait(false);
        loop?.ResetDelayStatistics();
        WindowMark.TryTake(serverPid, Forwarded(clients), out WindowMark start);
        long windowEnd = Stopwatch.GetTimestamp() + (long)(scenario.MeasureSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < windowEnd)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            if (ProcReader.TryRead(serverPid, out ProcessSample sample))
            {
                peakRss = Math.Max(peakRss, sample.ResidentKilobytes);
            }
        }

        WindowMark.TryTake(serverPid, Forwarded(clients), out WindowMark end);
        HoldTimeBuckets? holdEnd = await HoldTimeBuckets.ScrapeAsync(http, metrics, cancellationToken).ConfigureAwait(false);
        Dictionary<uint, ReceiveStreamSnapshot>[] endStreams = [.. clients.Select(Snapshot)];
        var allDelays = new LatencyHistogram();
        foreach (SfuDevClient client in clients)
        {
            if (client.SubscribeConnection is { } connection)
            {
                connection.Incoming.DelayObserved = null;
            }
        }
        foreach (LatencyHistogram histogram in delays)
        {
            allDelays.Add(histogram);
        }
        var window = new List<StreamWindow>();
        for (int i = 0; i < clients.Count; i++)
        {
            foreach ((uint ssrc, ReceiveStreamSnapshot last) in endStreams[i])
            {
                startStreams[i].TryGetValue(ssrc, out ReceiveStreamSnapshot? first);
                window.Add(new StreamWindow(
                    last.Expected - (first?.Expected ?? 0),
                    last.Lost - (first?.Lost ?? 0),
                    last.Reordered - (first?.Reordered ?? 0),
                    last.DelayP50Micros,
                    last.DelayP99Micros));
            }
        }

        int up = clients.Count(c => c.SubscribeConnection is not null);
        return ScenarioSummary.Build("confab", scenario, up, before, start, end, peakRss, window, failure,
            allDelays.Quantile(0.5), allDelays.Quantile(0.99)).WithGeneratorTiming(loop) with
        {
            ServerHoldMicrosecondsP50 = holdStart is not null && holdEnd is not null ? Math.Round(holdEnd.QuantileSince(holdStart, 0.5), 1) : -1,
            ServerHoldMicrosecondsP99 = holdStart is not null && holdEnd is not null ? Math.Round(holdEnd.QuantileSince(holdStart, 0.99), 1) : -1,
        };
    }

    private static Dictionary<uint, ReceiveStreamSnapshot> Snapshot(SfuDevClient client)
        => client.GetReceiveStats().Values.SelectMany(s => s).GroupBy(s => s.Ssrc).ToDictionary(g => g.Key, g => g.First());

    private static long Forwarded(List<SfuDevClient> clients) => clients.Sum(c => c.SubscribeConnection?.Counters.RtpReceived ?? 0);
}
