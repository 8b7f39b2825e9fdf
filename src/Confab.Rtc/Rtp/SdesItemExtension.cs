using System.Text;

namespace Confab.Rtc.Rtp;

// RFC 8852 §4 (rtp-stream-id, repaired-rtp-stream-id) and RFC 8843 §15 (sdes:mid): the
// extension value is the SDES item text, US-ASCII, not null-terminated.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |  ID   | len   |  'h'          |  'i'          |   ...         |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// A rid is RFC 8851 rid-id: 1*(ALPHA / DIGIT / "-" / "_"). A mid is an RFC 5888
// identification-tag (an SDP token): visible ASCII.

/// <summary>
/// The sdes:mid, rtp-stream-id (rid) and repaired-rtp-stream-id header extensions. The same
/// helpers serve all three: pass the id negotiated for the one wanted. Comparisons work on the
/// bytes, so the hot path never builds a string.
/// </summary>
public static class SdesItemExtension
{
    public const int MaxValueLength = 255;
    private const byte FirstVisibleAscii = 0x21;
    private const byte LastVisibleAscii = 0x7E;

    /// <summary>RFC 8851 rid-id: 1..255 of letters, digits, '-' and '_'.</summary>
    public static bool IsValidRid(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || value.Length > MaxValueLength)
        {
            return false;
        }

        foreach (byte b in value)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b == (byte)'-' || b == (byte)'_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A mid: 1..255 visible ASCII characters.</summary>
    public static bool IsValidMid(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || value.Length > MaxValueLength)
        {
            return false;
        }

        foreach (byte b in value)
        {
            if (b is < FirstVisibleAscii or > LastVisibleAscii)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the wire value equals <paramref name="text"/> (ordinal, ASCII), without allocating.</summary>
    public static bool ValueEquals(ReadOnlySpan<byte> value, ReadOnlySpan<char> text)
    {
        if (value.Length != text.Length)
        {
            return false;
        }

        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] != text[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Finds the element <paramref name="id"/> and compares its text with <paramref name="text"/>.</summary>
    public static bool Matches(ReadOnlySpan<byte> packet, in RtpHeader header, byte id, ReadOnlySpan<char> text) =>
        RtpHeaderExtensions.TryFind(packet, header, id, out ReadOnlySpan<byte> value) && ValueEquals(value, text);

    /// <summary>Decodes the text into a string (allocates: for signaling and logs, not per packet).</summary>
    public static bool TryGetString(ReadOnlySpan<byte> value, out string text)
    {
        if (!IsValidMid(value))
        {
            text = string.Empty;
            return false;
        }

        text = Encoding.ASCII.GetString(value);
        return true;
    }

    /// <summary>Adds an element holding <paramref name="text"/>, which must be visible ASCII.</summary>
    public static bool TryAdd(ref RtpHeaderExtensionWriter writer, byte id, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.Length > MaxValueLength)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c is < (char)FirstVisibleAscii or > (char)LastVisibleAscii)
            {
                return false;
            }
        }

        if (!writer.TryReserve(id, text.Length, out var value))
        {
            return false;
        }

        for (int i = 0; i < text.Length; i++)
        {
            value[i] = (byte)text[i];
        }

        return true;
    }
}
