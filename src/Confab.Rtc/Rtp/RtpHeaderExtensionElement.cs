namespace Confab.Rtc.Rtp;

/// <summary>One header extension element (RFC 8285): its id, and its value with the value's offset in the packet.</summary>
public readonly ref struct RtpHeaderExtensionElement
{
    public RtpHeaderExtensionElement(byte id, int valueOffset, ReadOnlySpan<byte> value)
    {
        Id = id;
        ValueOffset = valueOffset;
        Value = value;
    }

    public byte Id { get; }

    /// <summary>Offset of the value from the start of the packet, for rewriting in place.</summary>
    public int ValueOffset { get; }

    public ReadOnlySpan<byte> Value { get; }
}
