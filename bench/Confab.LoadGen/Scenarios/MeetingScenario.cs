using Confab.Rtc.Net;

namespace Confab.LoadGen.Scenarios;

/// <summary>
/// One load shape: <see cref="Meetings"/> meetings of <see cref="MeetingSize"/> participants, each publishing
/// audio (and video unless <see cref="AudioOnly"/>) and subscribing to every other participant's audio and to
/// at most <see cref="MaxVideosPerSubscriber"/> of their videos (all when null). Only the first
/// <see cref="ActiveSpeakers"/> of a meeting send audio (all when null); the others are muted, as most people in a
/// large meeting are, and send no audio packets. Measuring starts <see cref="WarmupSeconds"/> after everyone is
/// connected, so that the set-up (handshakes, a managed server's first compilations) is over and what is measured is
/// the steady state a long meeting has.
/// </summary>
public sealed record MeetingScenario(
    string Name,
    int Meetings,
    int MeetingSize,
    bool AudioOnly = false,
    int? MaxVideosPerSubscriber = null,
    int VideoBitsPerSecond = 1_500_000,
    int? ActiveSpeakers = null,
    double WarmupSeconds = 10,
    double MeasureSeconds = 20)
{
    public int Participants => Meetings * MeetingSize;
}

/// <summary>What one run of a scenario measured, on the server and at the receivers.</summary>
public sealed record ScenarioResult(
    string Server,
    string Scenario,
    int Meetings,
    int MeetingSize,
    int Participants,
    int ParticipantsUp,
    double MeasuredSeconds,
    long ForwardedPackets,
    double ForwardedPacketsPerSecond,
    long ServerCpuMicroseconds,
    double ServerCores,
    double CpuMicrosecondsPerForwardedPacket,
    long ServerRssBeforeKilobytes,
    long ServerRssPeakKilobytes,
    double MemoryKilobytesPerParticipant,
    long StreamsReceived,
    long PacketsExpected,
    long PacketsLost,
    double LossFraction,
    long Reordered,
    long DelayMicrosecondsP50,
    long DelayMicrosecondsP99,
    double GeneratorCores,
    long UdpReceiveBufferErrors,
    string? Failure)
{
    /// <summary>
    /// The longest the generator's I/O loop started a media round late in the window (busy or descheduled): a
    /// generator that kept up shows a few milliseconds; -1 when no loop ran.
    /// </summary>
    public long GeneratorLongestStallMilliseconds { get; init; } = -1;

    /// <summary>
    /// How late the generator's sources sent in the window (µs after each was due, median and 99th percentile): the
    /// burstiness of the load itself, which the server's added latency cannot be smaller than. -1 when no loop ran.
    /// </summary>
    public long GeneratorSendLatenessMicrosecondsP50 { get; init; } = -1;

    public long GeneratorSendLatenessMicrosecondsP99 { get; init; } = -1;

    /// <summary>Whether the generator's I/O thread ran at real-time priority (see <see cref="Media.GeneratorLoop"/>).</summary>
    public bool GeneratorRealtime { get; init; }

    /// <summary>This result with the generator's timing in the window taken from its I/O loop (unchanged without one).</summary>
    public ScenarioResult WithGeneratorTiming(MediaIoLoop? loop) => loop is null ? this : this with
    {
        GeneratorRealtime = loop.RealtimeRefusal is { IsCompletedSuccessfully: true, Result: null },
        GeneratorLongestStallMilliseconds = loop.LongestPumpDelayMilliseconds,
        GeneratorSendLatenessMicrosecondsP50 = loop.PumpLatenessMicroseconds(0.5),
        GeneratorSendLatenessMicrosecondsP99 = loop.PumpLatenessMicroseconds(0.99),
    };

    /// <summary>
    /// The server's own measure of the latency it added in the window (µs, median and 99th percentile): from the
    /// kernel's receive timestamp of a packet to the send of its copies. -1 where the server exports none (Janus).
    /// </summary>
    public double ServerHoldMicrosecondsP50 { get; init; } = -1;

    public double ServerHoldMicrosecondsP99 { get; init; } = -1;

    /// <summary>
    /// Of <see cref="UdpReceiveBufferErrors"/>, those at the server's sockets (it did not read in time) and at the
    /// generator's (the synthetic receivers did not): see <see cref="Measurement.SocketDrops"/>. -1: not read.
    /// </summary>
    public long ServerSocketDrops { get; init; } = -1;

    public long GeneratorSocketDrops { get; init; } = -1;
}
