using System.Buffers.Binary;

namespace Confab.Rtc.Stun;

/// <summary>
/// ERROR-CODE (RFC 8489 §14.8) and UNKNOWN-ATTRIBUTES (§14.9) values, plus the codes ICE uses.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Reserved, should be 0         |Class|     Number    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Reason Phrase (variable)                                ..
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public static class StunErrorCode
{
    public const int BadRequest = 400;
    public const int Unauthenticated = 401;
    public const int UnknownAttribute = 420;
    public const int RoleConflict = 487;

    private const int ClassOffset = 2;
    private const int NumberOffset = 3;
    private const int ReasonOffset = 4;
    private const int ClassMask = 0x07;
    private const int MinCode = 300;
    private const int MaxCode = 699;

    /// <summary>RFC 8489 §14.8: the reason phrase is fewer than 128 characters (at most 763 bytes).</summary>
    public const int MaxReasonBytes = 763;

    /// <summary>Short reason phrases, kept small so unauthenticated answers stay small.</summary>
    public static ReadOnlySpan<byte> ReasonFor(int code) => code switch
    {
        BadRequest => "Bad Request"u8,
        Unauthenticated => "Unauthenticated"u8,
        UnknownAttribute => "Unknown Attribute"u8,
        RoleConflict => "Role Conflict"u8,
        _ => ""u8,
    };

    /// <summary>Value size of an ERROR-CODE with this reason length (before padding).</summary>
    public static int ValueSize(int reasonLength) => ReasonOffset + reasonLength;

    /// <summary>Reads an ERROR-CODE value: code 300..699 and the reason bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> value, out int code, out ReadOnlySpan<byte> reason)
    {
        code = 0;
        reason = default;
        if (value.Length < ReasonOffset || value.Length > ReasonOffset + MaxReasonBytes)
        {
            return false;
        }

        int cls = value[ClassOffset] & ClassMask;
        int number = value[NumberOffset];
        int candidate = (cls * 100) + number;
        if (number > 99 || candidate < MinCode || candidate > MaxCode)
        {
            return false;
        }

        code = candidate;
        reason = value[ReasonOffset..];
        return true;
    }

    /// <summary>Writes an ERROR-CODE value; returns its size, or 0 when the code or sizes are invalid.</summary>
    public static int Write(Span<byte> destination, int code, ReadOnlySpan<byte> reason)
    {
        int size = ValueSize(reason.Length);
        if (code < MinCode || code > MaxCode || reason.Length > MaxReasonBytes || destination.Length < size)
        {
            return 0;
        }

        destination[0] = 0;
        destination[1] = 0;
        destination[ClassOffset] = (byte)(code / 100);
        destination[NumberOffset] = (byte)(code % 100);
        reason.CopyTo(destination[ReasonOffset..]);
        return size;
    }

    /// <summary>UNKNOWN-ATTRIBUTES: the count of 16-bit types in a value, or -1 when its length is odd.</summary>
    public static int UnknownAttributeCount(ReadOnlySpan<byte> value) => (value.Length & 1) == 0 ? value.Length / 2 : -1;

    /// <summary>UNKNOWN-ATTRIBUTES: the type at <paramref name="index"/>.</summary>
    public static ushort UnknownAttributeAt(ReadOnlySpan<byte> value, int index) => BinaryPrimitives.ReadUInt16BigEndian(value[(index * 2)..]);
}
