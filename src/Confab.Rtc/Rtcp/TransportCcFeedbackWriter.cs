using System.Buffers;
using System.Buffers.Binary;

namespace Confab.Rtc.Rtcp;

/// <summary>
/// Builds transport-cc feedback (layout in <see cref="TransportCcFeedback"/>) from the packets
/// that arrived. Sequence numbers from <c>baseSequenceNumber</c> up to the last arrival that
/// did not arrive are reported lost. The reference time is the first arrival rounded down to
/// 64 ms; receive deltas are rounded to 250 µs ticks and accumulated so they never drift.
/// Like libwebrtc, padding to 32 bits sets the P bit with the count in the last byte.
/// Scratch space comes from <see cref="ArrayPool{T}"/>: one feedback per interval, not per packet.
/// </summary>
public static class TransportCcFeedbackWriter
{
    public const int MaxStatusCount = ushort.MaxValue;
    private const int FixedLength = FeedbackHeader.Length + TransportCcFeedback.ChunksOffset;
    private const int TicksPerReferenceUnit = TransportCcFeedback.ReferenceTimeMicrosecondsPerUnit / TransportCcPacketStatus.MicrosecondsPerTick;

    /// <summary>
    /// How many leading <paramref name="arrivals"/> one feedback can carry: sequence numbers must
    /// strictly increase from <paramref name="baseSequenceNumber"/>, span at most 65535 statuses,
    /// and each receive delta must fit 16 signed bits of 250 µs. Send the rest in the next feedback.
    /// </summary>
    public static int CountEncodable(long baseSequenceNumber, ReadOnlySpan<TransportCcArrival> arrivals)
    {
        if (arrivals.IsEmpty)
        {
            return 0;
        }

        long referenceTicks = ReferenceUnits(arrivals[0].ArrivalTimeMicroseconds) * TicksPerReferenceUnit;
        long previousSequence = baseSequenceNumber - 1;
        long previousTicks = referenceTicks;
        for (int i = 0; i < arrivals.Length; i++)
        {
            long sequence = arrivals[i].SequenceNumber;
            long ticks = ToTicks(arrivals[i].ArrivalTimeMicroseconds);
            long delta = ticks - previousTicks;
            if (sequence <= previousSequence || sequence - baseSequenceNumber >= MaxStatusCount || delta is < short.MinValue or > short.MaxValue)
            {
                return i;
            }

            previousSequence = sequence;
            previousTicks = ticks;
        }

        return arrivals.Length;
    }

    /// <summary>Size of the feedback for these arrivals, or false when they cannot all be encoded in one.</summary>
    public static bool TryGetMarshalSize(long baseSequenceNumber, ReadOnlySpan<TransportCcArrival> arrivals, out int size)
    {
        size = 0;
        if (arrivals.IsEmpty || CountEncodable(baseSequenceNumber, arrivals) != arrivals.Length)
        {
            return false;
        }

        int statusCount = (int)(arrivals[^1].SequenceNumber - baseSequenceNumber + 1);
        var symbols = ArrayPool<TransportCcSymbol>.Shared.Rent(statusCount);
        try
        {
            int deltaBytes = FillSymbols(baseSequenceNumber, arrivals, symbols.AsSpan(0, statusCount));
            size = PaddedLength(statusCount, symbols.AsSpan(0, statusCount), deltaBytes);
            return true;
        }
        finally
        {
            ArrayPool<TransportCcSymbol>.Shared.Return(symbols);
        }
    }

    /// <summary>
    /// Writes one feedback for <paramref name="arrivals"/> (sorted by unwrapped transport-wide
    /// sequence number, all encodable: see <see cref="CountEncodable"/>).
    /// </summary>
    public static bool TryWrite(
        Span<byte> destination,
        uint senderSsrc,
        uint mediaSsrc,
        byte feedbackPacketCount,
        long baseSequenceNumber,
        ReadOnlySpan<TransportCcArrival> arrivals,
        out int bytesWritten)
    {
        bytesWritten = 0;
        if (arrivals.IsEmpty || CountEncodable(baseSequenceNumber, arrivals) != arrivals.Length)
        {
            return false;
        }

        int statusCount = (int)(arrivals[^1].SequenceNumber - baseSequenceNumber + 1);
        var rented = ArrayPool<TransportCcSymbol>.Shared.Rent(statusCount);
        try
        {
            var symbols = rented.AsSpan(0, statusCount);
            int deltaBytes = FillSymbols(baseSequenceNumber, arrivals, symbols);
            int length = PaddedLength(statusCount, symbols, deltaBytes);
            if (destination.Length < length || length > RtcpHeader.MaxPacketLength)
            {
                return false;
            }

            long referenceUnits = ReferenceUnits(arrivals[0].ArrivalTimeMicroseconds);
            var fci = FeedbackHeader.Write(destination, RtcpPacketType.TransportFeedback, TransportFeedbackFormat.TransportCc, length, senderSsrc, mediaSsrc);
            uint referenceTime = (uint)referenceUnits & TransportCcFeedback.ReferenceTimeMask;
            BinaryPrimitives.WriteUInt16BigEndian(fci[TransportCcFeedback.BaseSequenceOffset..], unchecked((ushort)baseSequenceNumber));
            BinaryPrimitives.WriteUInt16BigEndian(fci[TransportCcFeedback.StatusCountOffset..], (ushort)statusCount);
            fci[TransportCcFeedback.ReferenceTimeOffset] = (byte)(referenceTime >> 16);
            fci[TransportCcFeedback.ReferenceTimeOffset + 1] = (byte)(referenceTime >> 8);
            fci[TransportCcFeedback.ReferenceTimeOffset + 2] = (byte)referenceTime;
            fci[TransportCcFeedback.FeedbackCountOffset] = feedbackPacketCount;

            int position = TransportCcFeedback.ChunksOffset;
            for (int covered = 0; covered < statusCount;)
            {
                covered += TransportCcChunk.EncodeNext(symbols[covered..], out ushort chunk);
                BinaryPrimitives.WriteUInt16BigEndian(fci[position..], chunk);
                position += TransportCcChunk.Length;
            }

            long previousTicks = referenceUnits * TicksPerReferenceUnit;
            foreach (var arrival in arrivals)
            {
                long ticks = ToTicks(arrival.ArrivalTimeMicroseconds);
                long delta = ticks - previousTicks;
                previousTicks = ticks;
                if (delta is >= 0 and <= byte.MaxValue)
                {
                    fci[position++] = (byte)delta;
                }
                else
                {
                    BinaryPrimitives.WriteInt16BigEndian(fci[position..], (short)delta);
                    position += 2;
                }
            }

            int padding = fci.Length - position;
            if (padding > 0)
            {
                fci[position..].Clear();
                fci[^1] = (byte)padding;
                destination[0] |= RtcpHeader.PaddingBit;
            }

            bytesWritten = length;
            return true;
        }
        finally
        {
            ArrayPool<TransportCcSymbol>.Shared.Return(rented);
        }
    }

    /// <summary>Fills the symbol of every status; returns the bytes the receive deltas take.</summary>
    private static int FillSymbols(long baseSequenceNumber, ReadOnlySpan<TransportCcArrival> arrivals, Span<TransportCcSymbol> symbols)
    {
        symbols.Clear();
        long previousTicks = ReferenceUnits(arrivals[0].ArrivalTimeMicroseconds) * TicksPerReferenceUnit;
        int deltaBytes = 0;
        foreach (var arrival in arrivals)
        {
            long ticks = ToTicks(arrival.ArrivalTimeMicroseconds);
            long delta = ticks - previousTicks;
            previousTicks = ticks;
            bool small = delta is >= 0 and <= byte.MaxValue;
            symbols[(int)(arrival.SequenceNumber - baseSequenceNumber)] = small ? TransportCcSymbol.ReceivedSmallDelta : TransportCcSymbol.ReceivedLargeDelta;
            deltaBytes += small ? 1 : 2;
        }

        return deltaBytes;
    }

    private static int PaddedLength(int statusCount, ReadOnlySpan<TransportCcSymbol> symbols, int deltaBytes)
    {
        int chunks = 0;
        for (int covered = 0; covered < statusCount; chunks++)
        {
            covered += TransportCcChunk.EncodeNext(symbols[covered..], out _);
        }

        return (FixedLength + (chunks * TransportCcChunk.Length) + deltaBytes + 3) & ~3;
    }

    private static long ReferenceUnits(long microseconds) =>
        Math.DivRem(microseconds, TransportCcFeedback.ReferenceTimeMicrosecondsPerUnit, out long remainder) - (remainder < 0 ? 1 : 0);

    private static long ToTicks(long microseconds)
    {
        long shifted = microseconds + (TransportCcPacketStatus.MicrosecondsPerTick / 2);
        long ticks = Math.DivRem(shifted, TransportCcPacketStatus.MicrosecondsPerTick, out long remainder);
        return remainder < 0 ? ticks - 1 : ticks;
    }
}
