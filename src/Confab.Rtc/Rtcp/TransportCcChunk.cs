namespace Confab.Rtc.Rtcp;

// draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.3 — run length chunk (T = 0)
//
//  0                   1
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |T| S |       Run Length        |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// S: the symbol repeated Run Length (13 bits) times.
//
// §3.1.4 — status vector chunk (T = 1)
//
//  0                   1
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |T|S|       symbol list         |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// S = 0: 14 one-bit symbols (0 not received, 1 received with small delta).
// S = 1: 7 two-bit symbols (00 not received, 01 small delta, 10 large delta, 11 reserved).

/// <summary>Encoding and decoding of the 16-bit packet status chunks.</summary>
internal static class TransportCcChunk
{
    public const int Length = 2;
    public const int MaxRunLength = 0x1FFF;
    public const int OneBitCapacity = 14;
    public const int TwoBitCapacity = 7;
    private const int StatusVectorBit = 0x8000;
    private const int TwoBitSymbolsBit = 0x4000;
    private const int RunSymbolShift = 13;
    private const int ReservedSymbol = 3;

    /// <summary>
    /// Decodes one chunk into <paramref name="statuses"/> (sized to the statuses still expected),
    /// numbering them from <paramref name="firstSequenceNumber"/>; the deltas are left at zero.
    /// Symbols past the expected count are ignored. False for a reserved symbol or a run of zero.
    /// </summary>
    public static bool TryDecode(ushort chunk, Span<TransportCcPacketStatus> statuses, ushort firstSequenceNumber, out int decoded)
    {
        decoded = 0;
        if ((chunk & StatusVectorBit) == 0)
        {
            int symbol = (chunk >> RunSymbolShift) & 0x3;
            int run = chunk & MaxRunLength;
            if (symbol == ReservedSymbol || run == 0)
            {
                return false;
            }

            decoded = Math.Min(run, statuses.Length);
            for (int i = 0; i < decoded; i++)
            {
                statuses[i] = new TransportCcPacketStatus(unchecked((ushort)(firstSequenceNumber + i)), (TransportCcSymbol)symbol, 0);
            }

            return true;
        }

        bool twoBit = (chunk & TwoBitSymbolsBit) != 0;
        int capacity = twoBit ? TwoBitCapacity : OneBitCapacity;
        int bits = twoBit ? 2 : 1;
        int mask = twoBit ? 0x3 : 0x1;
        decoded = Math.Min(capacity, statuses.Length);
        for (int i = 0; i < decoded; i++)
        {
            int symbol = (chunk >> (bits * (capacity - 1 - i))) & mask;
            if (symbol == ReservedSymbol)
            {
                decoded = 0;
                return false;
            }

            statuses[i] = new TransportCcPacketStatus(unchecked((ushort)(firstSequenceNumber + i)), (TransportCcSymbol)symbol, 0);
        }

        return true;
    }

    /// <summary>
    /// Picks and encodes the next chunk for <paramref name="symbols"/> (the statuses not yet
    /// covered): a run length chunk for runs of 14 or more, otherwise a one-bit vector when the
    /// next 14 need no large delta, otherwise a two-bit vector. Returns the statuses covered.
    /// </summary>
    public static int EncodeNext(ReadOnlySpan<TransportCcSymbol> symbols, out ushort chunk)
    {
        var first = symbols[0];
        int run = 1;
        while (run < symbols.Length && run < MaxRunLength && symbols[run] == first)
        {
            run++;
        }

        if (run >= OneBitCapacity || run == symbols.Length)
        {
            chunk = (ushort)(((int)first << RunSymbolShift) | run);
            return run;
        }

        int oneBitCount = Math.Min(OneBitCapacity, symbols.Length);
        if (!symbols[..oneBitCount].Contains(TransportCcSymbol.ReceivedLargeDelta))
        {
            int value = StatusVectorBit;
            for (int i = 0; i < oneBitCount; i++)
            {
                value |= (int)symbols[i] << (OneBitCapacity - 1 - i);
            }

            chunk = (ushort)value;
            return oneBitCount;
        }

        int twoBitCount = Math.Min(TwoBitCapacity, symbols.Length);
        int twoBit = StatusVectorBit | TwoBitSymbolsBit;
        for (int i = 0; i < twoBitCount; i++)
        {
            twoBit |= (int)symbols[i] << (2 * (TwoBitCapacity - 1 - i));
        }

        chunk = (ushort)twoBit;
        return twoBitCount;
    }
}
