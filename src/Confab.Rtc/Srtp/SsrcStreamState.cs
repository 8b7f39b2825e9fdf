namespace Confab.Rtc.Srtp;

/// <summary>
/// Per-SSRC cryptographic state of one context (RFC 3711 §3.2.3): the rollover counter and highest
/// index on the sending side, the replay windows on the receiving side, and the SRTCP send index.
/// </summary>
internal struct SsrcStreamState
{
    /// <summary>True once a packet of this SSRC has been protected.</summary>
    public bool RtpSendStarted;

    /// <summary>Highest 48-bit index protected so far (ROC and highest sequence number).</summary>
    public ulong RtpSendHighestIndex;

    /// <summary>Received SRTP indices; its highest index drives the ROC estimate.</summary>
    public ReplayWindow RtpReceiveWindow;

    /// <summary>Next SRTCP index to send (31 bits).</summary>
    public uint RtcpSendNextIndex;

    /// <summary>Received SRTCP indices.</summary>
    public ReplayWindow RtcpReceiveWindow;
}
