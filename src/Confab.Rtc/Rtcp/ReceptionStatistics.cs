namespace Confab.Rtc.Rtcp;

/// <summary>
/// The arithmetic behind the report block fields (RFC 3550 §6.4.1 and Appendix A.3, A.8),
/// for a receiver that keeps 64-bit extended sequence numbers.
/// </summary>
public static class ReceptionStatistics
{
    /// <summary>DLSR and LSR-derived delays are in units of 1/65536 s.</summary>
    public const long DelayUnitsPerSecond = 65536;

    private const int JitterGainShift = 4; // J += (|D| - J) / 16

    /// <summary>
    /// Fraction lost over an interval (Appendix A.3): lost / expected in 1/256, 0 when nothing
    /// was expected or more arrived than expected (duplicates).
    /// </summary>
    public static byte FractionLost(long expectedInInterval, long receivedInInterval)
    {
        long lost = expectedInInterval - receivedInInterval;
        if (expectedInInterval <= 0 || lost <= 0)
        {
            return 0;
        }

        return (byte)Math.Min(255, (lost << 8) / expectedInInterval);
    }

    /// <summary>Cumulative lost = expected − received, clamped to the 24-bit signed field (Appendix A.3).</summary>
    public static int CumulativeLost(long expected, long received) =>
        (int)Math.Clamp(expected - received, ReceptionReport.MinCumulativeLost, ReceptionReport.MaxCumulativeLost);

    /// <summary>Packets expected: extended highest − extended base + 1 (Appendix A.3).</summary>
    public static long Expected(long extendedBaseSequence, long extendedHighestSequence) =>
        extendedHighestSequence - extendedBaseSequence + 1;

    /// <summary>The 32-bit wire form of an extended sequence number: cycles in the high 16 bits, seq in the low.</summary>
    public static uint ExtendedHighestSequenceNumber(long extendedSequence) => unchecked((uint)extendedSequence);

    /// <summary>
    /// One step of the interarrival jitter estimate (Appendix A.8), in timestamp units scaled by
    /// 16 to keep precision in integers: pass the previous scaled value and the transit difference
    /// D(i-1, i) in timestamp units; report <see cref="ScaledJitterToWire"/> of the result.
    /// </summary>
    public static long NextScaledJitter(long scaledJitter, long transitDifference)
    {
        long d = Math.Abs(transitDifference);
        return scaledJitter + d - ((scaledJitter + (1 << (JitterGainShift - 1))) >> JitterGainShift);
    }

    public static uint ScaledJitterToWire(long scaledJitter) => (uint)Math.Clamp(scaledJitter >> JitterGainShift, 0, uint.MaxValue);

    /// <summary>LSR: the middle 32 bits of a 64-bit NTP timestamp.</summary>
    public static uint CompactNtp(ulong ntpTimestamp) => (uint)(ntpTimestamp >> 16);

    /// <summary>DLSR from a delay, in 1/65536 s units, saturating.</summary>
    public static uint DelayToCompact(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return 0;
        }

        long units = (long)(delay.Ticks * (Int128)DelayUnitsPerSecond / TimeSpan.TicksPerSecond);
        return (uint)Math.Min(units, uint.MaxValue);
    }

    public static TimeSpan CompactToDelay(uint compact) =>
        TimeSpan.FromTicks((long)((Int128)compact * TimeSpan.TicksPerSecond / DelayUnitsPerSecond));

    /// <summary>
    /// Round-trip time from a report block (§6.4.1): arrival (compact NTP) − LSR − DLSR.
    /// Zero when the block carries no LSR or the result would be negative.
    /// </summary>
    public static TimeSpan RoundTripTime(uint arrivalCompactNtp, uint lastSenderReport, uint delaySinceLastSenderReport)
    {
        if (lastSenderReport == 0)
        {
            return TimeSpan.Zero;
        }

        int rtt = unchecked((int)(arrivalCompactNtp - lastSenderReport - delaySinceLastSenderReport));
        return rtt <= 0 ? TimeSpan.Zero : CompactToDelay((uint)rtt);
    }
}
