namespace Confab.Rtc.Rtp;

/// <summary>
/// Lookup and in-place rewriting of RFC 8285 header extension elements in a packet whose
/// header was read by <see cref="RtpHeader.TryRead"/>. Extension ids are negotiated per peer
/// (SDP a=extmap), so every method takes the id. Profiles other than 0xBEDE and 0x100X
/// carry no elements as far as these methods are concerned.
/// </summary>
public static class RtpHeaderExtensions
{
    /// <summary>RFC 8285 §4.2 profile of the one-byte form.</summary>
    public const ushort OneByteProfile = 0xBEDE;

    /// <summary>RFC 8285 §4.3 profile of the two-byte form; the low 4 bits are "appbits".</summary>
    public const ushort TwoByteProfile = 0x1000;

    internal const ushort TwoByteProfileMask = 0xFFF0;

    public const int OneByteMaxId = 14;
    public const int OneByteMaxValueLength = 16;
    public const int TwoByteMaxId = 255;
    public const int TwoByteMaxValueLength = 255;

    public static bool TryGetForm(ushort profile, out RtpHeaderExtensionForm form)
    {
        if (profile == OneByteProfile)
        {
            form = RtpHeaderExtensionForm.OneByte;
            return true;
        }

        form = RtpHeaderExtensionForm.TwoByte;
        return (profile & TwoByteProfileMask) == TwoByteProfile;
    }

    /// <summary>Iterates the elements; empty when the packet has no RFC 8285 extension block.</summary>
    public static RtpHeaderExtensionEnumerator Enumerate(ReadOnlySpan<byte> packet, in RtpHeader header)
    {
        int end = header.ExtensionOffset + header.ExtensionLength;
        if (!header.HasExtension || !TryGetForm(header.ExtensionProfile, out var form) || end > packet.Length)
        {
            return new RtpHeaderExtensionEnumerator(packet, 0, 0, RtpHeaderExtensionForm.OneByte);
        }

        return new RtpHeaderExtensionEnumerator(packet, header.ExtensionOffset, end, form);
    }

    /// <summary>Finds the first element with <paramref name="id"/>; its value's offset and length in the packet.</summary>
    public static bool TryFind(ReadOnlySpan<byte> packet, in RtpHeader header, byte id, out int valueOffset, out int valueLength)
    {
        if (id != 0)
        {
            foreach (var element in Enumerate(packet, header))
            {
                if (element.Id == id)
                {
                    valueOffset = element.ValueOffset;
                    valueLength = element.Value.Length;
                    return true;
                }
            }
        }

        valueOffset = 0;
        valueLength = 0;
        return false;
    }

    /// <summary>Finds the first element with <paramref name="id"/> and returns its value.</summary>
    public static bool TryFind(ReadOnlySpan<byte> packet, in RtpHeader header, byte id, out ReadOnlySpan<byte> value)
    {
        if (TryFind(packet, header, id, out int offset, out int length))
        {
            value = packet.Slice(offset, length);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Finds the element and returns its value as a writable slice of the packet.</summary>
    public static bool TryFindWritable(Span<byte> packet, in RtpHeader header, byte id, out Span<byte> value)
    {
        if (TryFind(packet, header, id, out int offset, out int length))
        {
            value = packet.Slice(offset, length);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Overwrites the value of an element in place; the new value must have the same length.</summary>
    public static bool TryRewrite(Span<byte> packet, in RtpHeader header, byte id, ReadOnlySpan<byte> newValue)
    {
        if (!TryFindWritable(packet, header, id, out var value) || value.Length != newValue.Length)
        {
            return false;
        }

        newValue.CopyTo(value);
        return true;
    }

    /// <summary>
    /// Removes an element without moving any byte: its header and value become padding bytes
    /// (value 0), which receivers skip (RFC 8285 §4.2, §4.3).
    /// </summary>
    public static bool TryErase(Span<byte> packet, in RtpHeader header, byte id)
    {
        if (!TryGetForm(header.ExtensionProfile, out var form) || !TryFind(packet, header, id, out int offset, out int length))
        {
            return false;
        }

        int elementHeaderLength = form == RtpHeaderExtensionForm.OneByte ? 1 : 2;
        packet.Slice(offset - elementHeaderLength, elementHeaderLength + length).Clear();
        return true;
    }
}
