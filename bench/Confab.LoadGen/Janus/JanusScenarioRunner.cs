using System.Diagnostics;
using System.Net;
using Confab.LoadGen.Measurement;
using Confab.LoadGen.Media;
using Confab.LoadGen.Scenarios;
using Confab.Rtc.Dtls;
using Confab.Rtc.Net;
using Confab.Rtc.Metrics;

namespace Confab.LoadGen.Janus;

/// <summary>
/// Runs a <see cref="MeetingScenario"/> against a Janus videoroom: every participant publishes and subscribes
/// (one multistream subscriber handle each), media flows for a warm-up and a measured window, and Janus's CPU
/// time and memory come from /proc around that window.
/// </summary>
public sealed class JanusScenarioRunner(Uri janus, IPAddress localAddress, int janusPid)
{
    private const int MeetingsSetUpAtOnce = 4;
    private const string AudioMid = "0";
    private const string VideoMid = "1";

    public async Task<ScenarioResult> RunAsync(MeetingScenario scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ProcReader.TryRead(janusPid, out ProcessSample before);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        DtlsCertificate certificate = DtlsCertificate.Generate();
        // Every participant's sockets on one I/O thread, as on the Confab side.
        using MediaIoLoop? loop = GeneratorLoop.Open();
        var sessions = new List<JanusSession>();
        var participants = new List<JanusParticipant>();
        string? failure = null;
        using var setupGate = new SemaphoreSlim(MeetingsSetUpAtOnce);
        try
        {
            var meetings = new List<Task<List<JanusParticipant>>>();
            for (int m = 0; m < scenario.Meetings; m++)
            {
                JanusSession session = await JanusSession.CreateAsync(http, janus, cancellationToken).ConfigureAwait(false);
                sessions.Add(session);
                long room = Random.Shared.NextInt64(10_000_000, 90_000_000);
                meetings.Add(SetUpMeetingAsync(session, room, m, scenario, certificate, loop, setupGate, cancellationToken));
            }

            foreach (Task<List<JanusParticipant>> meeting in meetings)
            {
                try
                {
                    participants.AddRange(await meeting.ConfigureAwait(false));
                }
                catch (Exception e) when (e is JanusException or OperationCanceledException or HttpRequestException or DtlsHandshakeException)
                {
                    failure ??= e.Message;
                }
            }

            return await MeasureAsync(scenario, participants, loop, before, failure, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (JanusParticipant participant in participants)
            {
                await participant.DisposeAsync().ConfigureAwait(false);
            }

            foreach (JanusSession session in sessions)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<List<JanusParticipant>> SetUpMeetingAsync(JanusSession session, long room, int index, MeetingScenario scenario,
        DtlsCertificate certificate, MediaIoLoop? loop, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var members = new List<JanusParticipant>();
        try
        {
            int bitrate = scenario.VideoBitsPerSecond + 200_000;
            await JanusParticipant.EnsureRoomAsync(session, room, scenario.MeetingSize, bitrate, cancellationToken).ConfigureAwait(false);
            for (int p = 0; p < scenario.MeetingSize; p++)
            {
                var participant = new JanusParticipant(session, room, $"m{index}p{p}", localAddress, certificate, loop) { IndexInMeeting = p };
                members.Add(participant);
                await participant.PublishAsync(bitrate, cancellationToken, includeVideo: !scenario.AudioOnly).ConfigureAwait(false);
            }

            while ((await members[0].ListPublishersAsync(cancellationToken).ConfigureAwait(false)).Count < scenario.MeetingSize)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            }

            for (int p = 0; p < members.Count; p++)
            {
                await members[p].SubscribeAsync(StreamsFor(members, p, scenario), cancellationToken).ConfigureAwait(false);
            }

            return members;
        }
        catch
        {
            foreach (JanusParticipant member in members)
            {
                await member.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Every other member's audio; their video for the first <see cref="MeetingScenario.MaxVideosPerSubscriber"/> after us.</summary>
    internal static List<(long Feed, string? Mid)> StreamsFor(IReadOnlyList<JanusParticipant> members, int self, MeetingScenario scenario)
    {
        var streams = new List<(long, string?)>();
        int videos = 0;
        for (int step = 1; step < members.Count; step++)
        {
            JanusParticipant other = members[(self + step) % members.Count];
            long feed = other.PublisherId!.Value;
            if (scenario.AudioOnly && scenario.ActiveSpeakers is int speakers)
            {
                // Muted publishers send nothing: subscribe to the speakers only. (Janus 1.1.2 also writes a broken
                // BUNDLE line once one subscriber handle holds a few hundred streams.)
                if (other.IndexInMeeting < speakers)
                {
                    streams.Add((feed, AudioMid));
                }
            }
            else if (scenario.AudioOnly)
            {
                streams.Add((feed, AudioMid));
            }
            else if (scenario.MaxVideosPerSubscriber is null)
            {
                streams.Add((feed, null));
            }
            else
            {
                streams.Add((feed, AudioMid));
                if (videos++ < scenario.MaxVideosPerSubscriber)
                {
                    streams.Add((feed, VideoMid));
                }
            }
        }

        return streams;
    }

    private async Task<ScenarioResult> MeasureAsync(MeetingScenario scenario, List<JanusParticipant> participants, MediaIoLoop? loop,
        ProcessSample before, string? failure, CancellationToken cancellationToken)
    {
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var options = new SyntheticMediaOptions(VideoBitsPerSecond: scenario.VideoBitsPerSecond);
        // The I/O loop pumps everyone's media (as on the Confab side); without one, a timer loop per participant.
        var pumps = new List<IDisposable>();
        Task[] senders = [];
        if (loop is not null)
        {
            foreach (JanusParticipant p in participants)
            {
                if (p.CreateMediaPump(options, includeVideo: !scenario.AudioOnly, includeAudio: IsSpeaker(p, scenario)) is { } pump)
                {
                    pumps.Add(loop.AddPump(pump.Pump));
                }
            }
        }
        else
        {
            senders = [.. participants.Select(p => Task.Run(
                () => p.SendMediaAsync(options, sending.Token, includeVideo: !scenario.AudioOnly, includeAudio: IsSpeaker(p, scenario)),
                CancellationToken.None))];
        }
        await Task.Delay(TimeSpan.FromSeconds(scenario.WarmupSeconds), cancellationToken).ConfigureAwait(false);
        await WindowProgress.AnnounceAsync(scenario).ConfigureAwait(false);
        long peakRss = before.ResidentKilobytes;
        Dictionary<(JanusParticipant, uint), StreamWindow> startStreams = StreamCounts(participants);
        foreach (JanusParticipant participant in participants)
        {
            // Delay quantiles cover the measured window only (a racing receive thread may lose one sample).
            participant.Delays.Clear();
        }

        loop?.ResetDelayStatistics();
        WindowMark.TryTake(janusPid, Forwarded(participants), out WindowMark start);
        long windowStart = Stopwatch.GetTimestamp();
        long windowEnd = windowStart + (long)(scenario.MeasureSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < windowEnd)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            if (ProcReader.TryRead(janusPid, out ProcessSample sample))
            {
                peakRss = Math.Max(peakRss, sample.ResidentKilobytes);
            }
        }

        WindowMark.TryTake(janusPid, Forwarded(participants), out WindowMark end);
        List<StreamWindow> streams = Difference(startStreams, StreamCounts(participants));
        await sending.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(senders).ConfigureAwait(false);
        foreach (IDisposable pump in pumps)
        {
            pump.Dispose();
        }

        var delays = new LatencyHistogram();
        foreach (JanusParticipant participant in participants)
        {
            delays.Add(participant.Delays);
        }

        int up = participants.Count(p => p.SubscribePeer?.IsConnected == true);
        return ScenarioSummary.Build("janus", scenario, up, before, start, end, peakRss, streams, failure, delays.Quantile(0.5), delays.Quantile(0.99))
            .WithGeneratorTiming(loop);
    }

    private static bool IsSpeaker(JanusParticipant participant, MeetingScenario scenario)
        => scenario.ActiveSpeakers is not int speakers || participant.IndexInMeeting < speakers;

    private static long Forwarded(List<JanusParticipant> participants) => participants.Sum(p => p.SubscribePeer?.RtpPacketsReceived ?? 0);

    private static Dictionary<(JanusParticipant, uint), StreamWindow> StreamCounts(List<JanusParticipant> participants)
    {
        var counts = new Dictionary<(JanusParticipant, uint), StreamWindow>();
        foreach (JanusParticipant participant in participants)
        {
            foreach ((uint ssrc, StreamReceiveStats stats) in participant.Streams)
            {
                counts[(participant, ssrc)] = new StreamWindow(stats.Expected, stats.Lost, stats.Reordered, 0, 0);
            }
        }

        return counts;
    }

    private static List<StreamWindow> Difference(Dictionary<(JanusParticipant, uint), StreamWindow> first, Dictionary<(JanusParticipant, uint), StreamWindow> last)
        => [.. last.Select(pair => first.TryGetValue(pair.Key, out StreamWindow before)
            ? new StreamWindow(pair.Value.Expected - before.Expected, pair.Value.Lost - before.Lost, pair.Value.Reordered - before.Reordered, 0, 0)
            : pair.Value)];
}
