using Confab.Rtc.Rtcp;

namespace Confab.Sfu.Routing;

/// <summary>
/// What a receiver reports about one incoming stream (RFC 3550 §6.4.1, Appendix A.3 and A.8): packets
/// expected and received, interarrival jitter, and the last sender report for round-trip time.
/// </summary>
public sealed class ReceptionTracker
{
    private readonly int _clockRate;
    private long _baseSequence = -1;
    private long _highestSequence = -1;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private long _scaledJitter;
    private long _lastTransit;
    private bool _hasTransit;
    private uint _lastSenderReport;
    private long _lastSenderReportAtMs;

    public ReceptionTracker(int clockRate)
    {
        _clockRate = clockRate;
    }

    public long Received => _received;

    /// <summary>Records one packet (extended sequence and timestamp) that arrived at <paramref name="nowMs"/>.</summary>
    public void OnPacket(long extendedSequence, long extendedTimestamp, long nowMs)
    {
        if (_baseSequence < 0)
        {
            _baseSequence = extendedSequence;
        }
        _highestSequence = Math.Max(_highestSequence, extendedSequence);
        _received++;
        long arrival = nowMs * _clockRate / 1000;
        long transit = arrival - extendedTimestamp;
        if (_hasTransit)
        {
            _scaledJitter = ReceptionStatistics.NextScaledJitter(_scaledJitter, transit - _lastTransit);
        }
        _lastTransit = transit;
        _hasTransit = true;
    }

    /// <summary>The sender's last SR (its NTP time), to echo as LSR with the delay since (DLSR).</summary>
    public void OnSenderReport(ulong ntpTimestamp, long nowMs)
    {
        _lastSenderReport = ReceptionStatistics.CompactNtp(ntpTimestamp);
        _lastSenderReportAtMs = nowMs;
    }

    /// <summary>A report block for <paramref name="ssrc"/>; starts a new interval for the fraction lost.</summary>
    public bool TryBuildReport(uint ssrc, long nowMs, out ReceptionReport report)
    {
        report = default;
        if (_baseSequence < 0)
        {
            return false;
        }
        long expected = ReceptionStatistics.Expected(_baseSequence, _highestSequence);
        long expectedInterval = expected - _expectedPrior;
        long receivedInterval = _received - _receivedPrior;
        _expectedPrior = expected;
        _receivedPrior = _received;
        uint delay = _lastSenderReportAtMs == 0 ? 0 : ReceptionStatistics.DelayToCompact(TimeSpan.FromMilliseconds(nowMs - _lastSenderReportAtMs));
        report = new ReceptionReport(
            ssrc,
            ReceptionStatistics.FractionLost(expectedInterval, receivedInterval),
            ReceptionStatistics.CumulativeLost(expected, _received),
            ReceptionStatistics.ExtendedHighestSequenceNumber(_highestSequence),
            ReceptionStatistics.ScaledJitterToWire(_scaledJitter),
            _lastSenderReport,
            _lastSenderReport == 0 ? 0 : delay);
        return true;
    }
}
