using Confab.Rtc.Sdp;

namespace Confab.Client.Receive;

/// <summary>What one incoming RTP stream looked like at one moment.</summary>
/// <param name="Ssrc">The stream's SSRC.</param>
/// <param name="Kind">Audio or video.</param>
/// <param name="StreamId">The msid stream id (on the subscribe connection: the publisher's peer id), when known.</param>
/// <param name="Packets">Distinct packets received (duplicates not counted).</param>
/// <param name="Bytes">Bytes of those packets (RTP header and payload).</param>
/// <param name="Duplicates">Packets whose sequence number had already arrived.</param>
/// <param name="Reordered">Packets that arrived after a later sequence number.</param>
/// <param name="ExtendedHighestSequence">Highest sequence number, extended to 64 bits.</param>
/// <param name="Expected">Packets expected from the first to the highest sequence number (RFC 3550 A.3).</param>
/// <param name="Lost">Expected − distinct received.</param>
/// <param name="JitterMicros">Interarrival jitter (RFC 3550 A.8), in microseconds.</param>
/// <param name="DelayP50Micros">Median one-way delay over the recent window, from the embedded send time.</param>
/// <param name="DelayP99Micros">99th percentile one-way delay over the recent window.</param>
/// <param name="DelaySamples">Packets that carried a send time, in total.</param>
/// <param name="FramesCompleted">Video frames ended (marker bit).</param>
/// <param name="KeyFrames">Video key frames started.</param>
/// <param name="Recovered">Missing packets that a retransmission (RTX) repaired; not part of <paramref name="Packets"/>.</param>
public sealed record ReceiveStreamSnapshot(
    uint Ssrc,
    MediaKind Kind,
    string? StreamId,
    long Packets,
    long Bytes,
    long Duplicates,
    long Reordered,
    long ExtendedHighestSequence,
    long Expected,
    long Lost,
    double JitterMicros,
    long DelayP50Micros,
    long DelayP99Micros,
    long DelaySamples,
    long FramesCompleted,
    long KeyFrames,
    long Recovered);
