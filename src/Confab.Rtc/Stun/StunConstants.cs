namespace Confab.Rtc.Stun;

/// <summary>
/// Fixed sizes and values of the STUN wire format (RFC 8489 §5 and §14).
/// </summary>
public static class StunConstants
{
    /// <summary>RFC 8489 §5: the magic cookie, 0x2112A442 in network byte order.</summary>
    public const uint MagicCookie = 0x2112A442;

    /// <summary>Bytes of the fixed message header: type (2), length (2), cookie (4), transaction id (12).</summary>
    public const int HeaderSize = 20;

    /// <summary>Bytes of the transaction id (96 bits).</summary>
    public const int TransactionIdSize = 12;

    /// <summary>Bytes of an attribute's type + length header.</summary>
    public const int AttributeHeaderSize = 4;

    /// <summary>Byte offset of the message type field in the header.</summary>
    public const int TypeOffset = 0;

    /// <summary>Byte offset of the message length field in the header.</summary>
    public const int LengthOffset = 2;

    /// <summary>Byte offset of the magic cookie in the header.</summary>
    public const int CookieOffset = 4;

    /// <summary>Byte offset of the transaction id in the header.</summary>
    public const int TransactionIdOffset = 8;

    /// <summary>Bytes of the HMAC-SHA1 value carried by MESSAGE-INTEGRITY (RFC 8489 §14.5).</summary>
    public const int MessageIntegritySize = 20;

    /// <summary>Bytes of the CRC-32 value carried by FINGERPRINT (RFC 8489 §14.7).</summary>
    public const int FingerprintSize = 4;

    /// <summary>RFC 8489 §14.7: the CRC-32 is XOR'ed with this value ("STUN" in ASCII).</summary>
    public const uint FingerprintXor = 0x5354554E;

    /// <summary>The largest message the length field can describe (header + 0xFFFC bytes of attributes).</summary>
    public const int MaxMessageSize = HeaderSize + 0xFFFC;

    /// <summary>Attribute values are padded to this boundary (RFC 8489 §14).</summary>
    public const int AttributeAlignment = 4;

    /// <summary>Rounds a value length up to the 4-byte attribute boundary.</summary>
    public static int Padded(int valueLength) => (valueLength + 3) & ~3;
}
