namespace Confab.Rtc.Rtcp;

/// <summary>RTCP packet types (RFC 3550 §12.1, RFC 4585 §6.1, RFC 3611).</summary>
public enum RtcpPacketType : byte
{
    SenderReport = 200,
    ReceiverReport = 201,
    SourceDescription = 202,
    Goodbye = 203,
    ApplicationDefined = 204,

    /// <summary>RFC 4585 transport layer feedback (generic NACK, transport-cc).</summary>
    TransportFeedback = 205,

    /// <summary>RFC 4585 payload-specific feedback (PLI, FIR, REMB).</summary>
    PayloadFeedback = 206,

    ExtendedReport = 207,
}

/// <summary>FMT values of <see cref="RtcpPacketType.TransportFeedback"/> (RFC 4585 §6.2, transport-cc draft §3.1).</summary>
public static class TransportFeedbackFormat
{
    public const byte GenericNack = 1;
    public const byte TransportCc = 15;
}

/// <summary>FMT values of <see cref="RtcpPacketType.PayloadFeedback"/> (RFC 4585 §6.3, RFC 5104 §4.3).</summary>
public static class PayloadFeedbackFormat
{
    public const byte PictureLossIndication = 1;
    public const byte FullIntraRequest = 4;

    /// <summary>Application layer feedback; REMB is one of these.</summary>
    public const byte ApplicationLayer = 15;
}
