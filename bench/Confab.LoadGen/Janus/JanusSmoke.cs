using System.Globalization;
using System.Net;
using System.Text;
using Confab.LoadGen.Media;
using Confab.Rtc.Dtls;

namespace Confab.LoadGen.Janus;

/// <summary>
/// A manual check against a running Janus: two participants join one room, publish Opus + VP8, subscribe to each
/// other, send for a while; prints what each sent and received as JSON.
/// </summary>
public static class JanusSmoke
{
    public static async Task<int> RunAsync(Uri janus, IPAddress localAddress, TimeSpan duration)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var cancel = new CancellationTokenSource(duration + TimeSpan.FromSeconds(60));
        DtlsCertificate certificate = DtlsCertificate.Generate();
        await using JanusSession session = await JanusSession.CreateAsync(http, janus, cancel.Token).ConfigureAwait(false);
        long room = Random.Shared.NextInt64(1_000_000, 9_000_000);
        await JanusParticipant.EnsureRoomAsync(session, room, maxPublishers: 10, bitrate: 2_000_000, cancel.Token).ConfigureAwait(false);

        await using var a = new JanusParticipant(session, room, "a", localAddress, certificate);
        await using var b = new JanusParticipant(session, room, "b", localAddress, certificate);
        await a.PublishAsync(2_000_000, cancel.Token).ConfigureAwait(false);
        await b.PublishAsync(2_000_000, cancel.Token).ConfigureAwait(false);
        await WaitForPublishersAsync(a, 2, cancel.Token).ConfigureAwait(false);

        await a.SubscribeAsync([b.PublisherId!.Value], cancel.Token).ConfigureAwait(false);
        await b.SubscribeAsync([a.PublisherId!.Value], cancel.Token).ConfigureAwait(false);

        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
        var options = new SyntheticMediaOptions();
        Task[] senders = [a.SendMediaAsync(options, sending.Token), b.SendMediaAsync(options, sending.Token)];
        await Task.Delay(duration, cancel.Token).ConfigureAwait(false);
        await sending.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(senders).ConfigureAwait(false);

        // Let the last packets in flight arrive before counting.
        await Task.Delay(TimeSpan.FromMilliseconds(200), cancel.Token).ConfigureAwait(false);
        Console.WriteLine(Report(room, [a, b]));
        return a.Streams.Count == 2 && b.Streams.Count == 2 ? 0 : 1;
    }

    private static async Task WaitForPublishersAsync(JanusParticipant participant, int count, CancellationToken cancellationToken)
    {
        while ((await participant.ListPublishersAsync(cancellationToken).ConfigureAwait(false)).Count < count)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Report(long room, IReadOnlyList<JanusParticipant> participants)
    {
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $"{{\"room\": {room}, \"participants\": [");
        for (int i = 0; i < participants.Count; i++)
        {
            JanusParticipant p = participants[i];
            json.Append(i == 0 ? "\n  " : ",\n  ");
            json.Append(CultureInfo.InvariantCulture,
                $"{{\"name\": \"{p.Display}\", \"rtp_sent\": {p.PublishPeer?.RtpPacketsSent ?? 0}, \"rtp_received\": {p.SubscribePeer?.RtpPacketsReceived ?? 0}, ");
            json.Append(CultureInfo.InvariantCulture,
                $"\"rtcp_received\": {(p.PublishPeer?.RtcpPacketsReceived ?? 0) + (p.SubscribePeer?.RtcpPacketsReceived ?? 0)}, \"unprotect_failures\": {p.SubscribePeer?.UnprotectFailures ?? 0}, ");
            json.Append(CultureInfo.InvariantCulture,
                $"\"delay_us_p50\": {p.Delays.Quantile(0.5)}, \"delay_us_p99\": {p.Delays.Quantile(0.99)}, \"streams\": [");
            int s = 0;
            foreach ((uint ssrc, StreamReceiveStats stats) in p.Streams)
            {
                json.Append(s++ == 0 ? "" : ", ");
                json.Append(CultureInfo.InvariantCulture,
                    $"{{\"ssrc\": {ssrc}, \"received\": {stats.Received}, \"lost\": {stats.Lost}, \"reordered\": {stats.Reordered}, \"duplicates\": {stats.Duplicates}, \"jitter_us\": {stats.JitterMicroseconds:F0}, \"bytes\": {stats.Bytes}}}");
            }

            json.Append("]}");
        }

        json.Append("\n]}");
        return json.ToString();
    }
}
