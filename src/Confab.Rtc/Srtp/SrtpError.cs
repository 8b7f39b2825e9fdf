namespace Confab.Rtc.Srtp;

/// <summary>Why an SRTP or SRTCP packet could not be protected or unprotected.</summary>
public enum SrtpError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The length argument is negative or larger than the buffer.</summary>
    InvalidLength,

    /// <summary>The packet is shorter than its header plus the SRTP/SRTCP trailer.</summary>
    TooShort,

    /// <summary>The RTP/RTCP header is malformed (version not 2, CSRC list or extension past the end).</summary>
    BadHeader,

    /// <summary>The buffer has no room after the packet for the trailer that protection appends.</summary>
    BufferTooSmall,

    /// <summary>The authentication tag does not verify.</summary>
    AuthFailed,

    /// <summary>The packet index is older than the replay window (RFC 3711 §3.3.2).</summary>
    ReplayOld,

    /// <summary>The packet index was already received (RFC 3711 §3.3.2).</summary>
    ReplayDuplicate,

    /// <summary>A new SSRC would exceed the number of streams this context may track.</summary>
    SsrcLimit,

    /// <summary>The context has been disposed.</summary>
    Disposed,
}
