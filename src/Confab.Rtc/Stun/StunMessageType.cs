namespace Confab.Rtc.Stun;

/// <summary>RFC 8489 §5: the two class bits of the message type.</summary>
public enum StunClass : byte
{
    Request = 0b00,
    Indication = 0b01,
    SuccessResponse = 0b10,
    ErrorResponse = 0b11,
}

/// <summary>STUN methods used here (RFC 8489 §18.2).</summary>
public static class StunMethod
{
    public const ushort Binding = 0x001;
}

/// <summary>
/// RFC 8489 §5, Figure 3: the 14-bit message type interleaves a 12-bit method (M11..M0)
/// with the 2-bit class (C1 C0).
/// <code>
///   0                 1
///   2  3  4 5 6 7 8 9 0 1 2 3 4 5
///  +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
///  |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
///  |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
///  +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public readonly record struct StunMessageType(ushort Method, StunClass Class)
{
    public static readonly StunMessageType BindingRequest = new(StunMethod.Binding, StunClass.Request);
    public static readonly StunMessageType BindingSuccess = new(StunMethod.Binding, StunClass.SuccessResponse);
    public static readonly StunMessageType BindingError = new(StunMethod.Binding, StunClass.ErrorResponse);
    public static readonly StunMessageType BindingIndication = new(StunMethod.Binding, StunClass.Indication);

    private const int ClassBit0Shift = 4;   // C0 sits at bit 4 of the type
    private const int ClassBit1Shift = 8;   // C1 sits at bit 8 of the type
    private const ushort MethodLowMask = 0x000F;   // M3..M0 -> bits 3..0
    private const ushort MethodMidMask = 0x0070;   // M6..M4 -> bits 7..5
    private const ushort MethodHighMask = 0x0F80;  // M11..M7 -> bits 13..9

    /// <summary>The 16-bit value written on the wire (top two bits zero).</summary>
    public ushort ToWire()
    {
        int m = Method & 0x0FFF;
        int c = (int)Class;
        int value = (m & MethodLowMask)
            | ((m & MethodMidMask) << 1)
            | ((m & MethodHighMask) << 2)
            | ((c & 0b01) << ClassBit0Shift)
            | ((c & 0b10) << (ClassBit1Shift - 1));
        return (ushort)value;
    }

    /// <summary>Splits a wire value into method and class (the top two bits are ignored here).</summary>
    public static StunMessageType FromWire(ushort value)
    {
        int method = (value & MethodLowMask)
            | ((value >> 1) & MethodMidMask)
            | ((value >> 2) & MethodHighMask);
        int cls = ((value >> ClassBit0Shift) & 0b01) | ((value >> (ClassBit1Shift - 1)) & 0b10);
        return new StunMessageType((ushort)method, (StunClass)cls);
    }
}
