using System.Buffers.Binary;

namespace Confab.Rtc.Rtp;

/// <summary>
/// Writes an RFC 8285 header extension block (profile word, length word, elements, zero
/// padding to a 32-bit boundary) into a caller buffer. Layout in <see cref="RtpHeaderExtensionEnumerator"/>.
/// Add elements, then call <see cref="TryFinish"/>; once an add fails the writer stays failed.
/// </summary>
public ref struct RtpHeaderExtensionWriter
{
    private const int MaxLengthWords = ushort.MaxValue;

    private readonly Span<byte> _destination;
    private readonly RtpHeaderExtensionForm _form;
    private int _position;
    private bool _failed;

    /// <param name="destination">Where the block goes (for example at <see cref="RtpHeaderWriter.ExtensionOffset"/>).</param>
    /// <param name="form">Element layout.</param>
    /// <param name="appBits">The 4 "appbits" of the two-byte profile (RFC 8285 §4.3); ignored for one-byte.</param>
    public RtpHeaderExtensionWriter(Span<byte> destination, RtpHeaderExtensionForm form, byte appBits = 0)
    {
        _destination = destination;
        _form = form;
        _position = RtpHeader.ExtensionHeaderLength;
        _failed = destination.Length < RtpHeader.ExtensionHeaderLength || appBits > 0x0F;
        if (!_failed)
        {
            ushort profile = form == RtpHeaderExtensionForm.OneByte
                ? RtpHeaderExtensions.OneByteProfile
                : (ushort)(RtpHeaderExtensions.TwoByteProfile | appBits);
            BinaryPrimitives.WriteUInt16BigEndian(destination, profile);
        }
    }

    /// <summary>Number of elements added so far.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes an element with a value of <paramref name="valueLength"/> takes in <paramref name="form"/>.</summary>
    public static int ElementSize(RtpHeaderExtensionForm form, int valueLength) =>
        (form == RtpHeaderExtensionForm.OneByte ? 1 : 2) + valueLength;

    /// <summary>Block length for a sum of element sizes: header plus elements rounded up to 4 bytes.</summary>
    public static int BlockSize(int elementBytes) => RtpHeader.ExtensionHeaderLength + ((elementBytes + 3) & ~3);

    /// <summary>Whether an id and value length can be expressed in the given form.</summary>
    public static bool Fits(RtpHeaderExtensionForm form, int id, int valueLength) => form == RtpHeaderExtensionForm.OneByte
        ? id is >= 1 and <= RtpHeaderExtensions.OneByteMaxId && valueLength is >= 1 and <= RtpHeaderExtensions.OneByteMaxValueLength
        : id is >= 1 and <= RtpHeaderExtensions.TwoByteMaxId && valueLength is >= 0 and <= RtpHeaderExtensions.TwoByteMaxValueLength;

    public bool TryAdd(byte id, ReadOnlySpan<byte> value)
    {
        if (!TryReserve(id, value.Length, out var slot))
        {
            return false;
        }

        value.CopyTo(slot);
        return true;
    }

    /// <summary>Adds an element and hands back its value bytes to fill in.</summary>
    public bool TryReserve(byte id, int valueLength, out Span<byte> value)
    {
        value = default;
        if (_failed || !Fits(_form, id, valueLength))
        {
            _failed = true;
            return false;
        }

        int size = ElementSize(_form, valueLength);
        if (_position + size > _destination.Length)
        {
            _failed = true;
            return false;
        }

        if (_form == RtpHeaderExtensionForm.OneByte)
        {
            _destination[_position] = (byte)((id << 4) | (valueLength - 1));
        }
        else
        {
            _destination[_position] = id;
            _destination[_position + 1] = (byte)valueLength;
        }

        value = _destination.Slice(_position + size - valueLength, valueLength);
        _position += size;
        Count++;
        return true;
    }

    /// <summary>
    /// Pads to a 32-bit boundary and writes the length word. <paramref name="blockLength"/> is the
    /// whole block (0 when no element was added: send no extension). False after any failed add.
    /// </summary>
    public bool TryFinish(out int blockLength)
    {
        blockLength = 0;
        if (_failed)
        {
            return false;
        }

        if (Count == 0)
        {
            return true;
        }

        int padded = (_position + 3) & ~3;
        if (padded > _destination.Length)
        {
            return false;
        }

        int words = (padded - RtpHeader.ExtensionHeaderLength) / 4;
        if (words > MaxLengthWords)
        {
            return false;
        }

        _destination[_position..padded].Clear();
        BinaryPrimitives.WriteUInt16BigEndian(_destination[2..], (ushort)words);
        blockLength = padded;
        return true;
    }
}
