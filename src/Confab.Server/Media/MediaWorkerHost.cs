using System.Diagnostics.Metrics;
using Confab.Sfu.Transport;
using Microsoft.Extensions.Options;

namespace Confab.Server.Media;

/// <summary>Owns the SFU's media worker: starts it with the host, stops it with the host, exports its counters.</summary>
public sealed class MediaWorkerHost : IHostedService, IDisposable
{
    public const string MeterName = "Confab.Media";

    private readonly ILogger<MediaWorkerHost> _logger;
    private readonly Meter _meter;

    public MediaWorkerHost(IOptions<MediaOptions> options, IMeterFactory meters, ILogger<MediaWorkerHost> logger)
    {
        _logger = logger;
        var media = options.Value;
        Worker = new MediaWorker(new MediaWorkerOptions
        {
            Port = media.Port,
            BindAddress = media.ParseBindAddress(),
            AnnouncedAddresses = media.ParseAnnouncedAddresses(),
            AnnouncedPort = media.CheckedAnnouncedPort(),
            RealtimePriority = media.CheckedRealtimePriority(),
            Capture = string.IsNullOrEmpty(media.CaptureDirectory) ? null : new PacketCapture(media.CaptureDirectory, media.CaptureLimit),
        });
        _meter = meters.Create(MeterName);
        var counters = Worker.Counters;
        _meter.CreateObservableCounter("confab_media_datagrams_received", () => counters.DatagramsReceived);
        _meter.CreateObservableCounter("confab_media_rtp_forwarded", () => counters.RtpForwarded);
        _meter.CreateObservableCounter("confab_media_datagrams_dropped", () => new[]
        {
            new Measurement<long>(counters.DroppedMalformed, new KeyValuePair<string, object?>("reason", "malformed")),
            new Measurement<long>(counters.DroppedUnknownSource, new KeyValuePair<string, object?>("reason", "unknown_source")),
            new Measurement<long>(counters.DroppedSrtp, new KeyValuePair<string, object?>("reason", "srtp")),
            new Measurement<long>(counters.DroppedUnknownSsrc, new KeyValuePair<string, object?>("reason", "unknown_ssrc")),
            new Measurement<long>(counters.DroppedNotConnected, new KeyValuePair<string, object?>("reason", "not_connected")),
            new Measurement<long>(counters.StunDropped, new KeyValuePair<string, object?>("reason", "stun")),
        });
        // Datagrams the kernel refused twice in a batched send (full send buffer, unreachable destination).
        _meter.CreateObservableCounter("confab_media_sends_dropped", () => counters.SendsDropped);
        // Datagrams that left in runs to one subscriber, cut by the kernel (UDP segmentation); 0 where it is refused.
        _meter.CreateObservableCounter("confab_media_datagrams_segmented", () => counters.SegmentedDatagrams);
        // Datagrams that arrived several of one sender per message (UDP receive coalescing) and were split again.
        _meter.CreateObservableCounter("confab_media_datagrams_coalesced", () => counters.CoalescedDatagrams);
        _meter.CreateObservableGauge("confab_media_transports", () => Worker.TransportCount);
        if (Worker.HoldTimes is { } holdTimes)
        {
            // A cumulative histogram, Prometheus style: how many forwarded datagrams were held at most `le` µs.
            _meter.CreateObservableCounter("confab_media_hold_time_us_bucket", () => HoldTimeBuckets(holdTimes));
        }
    }

    /// <summary>Upper bounds (µs) of the exported hold-time buckets.</summary>
    internal static readonly long[] HoldTimeBounds =
        [10, 25, 50, 75, 100, 150, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1250, 1500, 2000, 3000, 5000, 10_000, 20_000, 50_000, 100_000, long.MaxValue];

    private static IEnumerable<Measurement<long>> HoldTimeBuckets(Confab.Rtc.Metrics.LatencyHistogram holdTimes) =>
        HoldTimeBounds.Select(bound => new Measurement<long>(holdTimes.CountAtOrBelow(bound),
            new KeyValuePair<string, object?>("le", bound == long.MaxValue ? "+Inf" : bound.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    public MediaWorker Worker { get; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Worker.Start();
        _logger.LogInformation("SFU listening on UDP {EndPoint}; candidates {Candidates}",
            Worker.LocalEndPoint, string.Join(", ", Worker.LocalCandidates));
        _ = Worker.RealtimeRefusal.ContinueWith(outcome =>
        {
            if (outcome.Result is { } refusal)
            {
                _logger.LogWarning("The SFU's packet thread runs at normal priority ({Reason}); set Confab:Media:RealtimePriority to 0 to stop asking", refusal);
            }
        }, CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        Worker.Dispose();
        _meter.Dispose();
    }
}
