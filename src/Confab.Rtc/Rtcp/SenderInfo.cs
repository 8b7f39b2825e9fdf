namespace Confab.Rtc.Rtcp;

/// <summary>The sender information section of an SR (RFC 3550 §6.4.1).</summary>
public readonly record struct SenderInfo(ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)
{
    public const int Length = 20;
}
