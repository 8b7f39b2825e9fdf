namespace Confab.Rtc.Srtp;

/// <summary>
/// The cryptographic transform of one protection profile, applied to packets whose header has already
/// been parsed and whose index has already been settled by <see cref="SrtpContext"/>.
/// </summary>
internal abstract class SrtpPacketCipher : IDisposable
{
    /// <summary>Octets appended to an RTP packet.</summary>
    public abstract int RtpTagLength { get; }

    /// <summary>Octets appended to an RTCP packet (E/index word and tag).</summary>
    public abstract int RtcpTrailerLength { get; }

    /// <summary>Distance from the end of an SRTCP packet to its E/index word.</summary>
    public abstract int RtcpIndexWordOffsetFromEnd { get; }

    /// <summary>
    /// Encrypts the payload of the RTP packet in buffer[..length] and appends the tag.
    /// The caller guarantees room for <see cref="RtpTagLength"/> octets. Returns the SRTP length.
    /// </summary>
    public abstract int ProtectRtp(Span<byte> buffer, int headerLength, int length, uint ssrc, ulong index);

    /// <summary>
    /// Verifies the SRTP packet buffer[..length] (tag included) and decrypts it in place.
    /// False when the tag does not verify.
    /// </summary>
    public abstract bool UnprotectRtp(Span<byte> buffer, int headerLength, int length, uint ssrc, ulong index);

    /// <summary>
    /// Encrypts the RTCP packet buffer[..length] after its first 8 octets and appends the E/index word
    /// and tag. The caller guarantees room for <see cref="RtcpTrailerLength"/> octets.
    /// </summary>
    public abstract int ProtectRtcp(Span<byte> buffer, int length, uint ssrc, uint index);

    /// <summary>
    /// Verifies the SRTCP packet buffer[..length] and, when the E flag of <paramref name="indexWord"/> is
    /// set, decrypts it. False when the tag does not verify.
    /// </summary>
    public abstract bool UnprotectRtcp(Span<byte> buffer, int length, uint ssrc, uint indexWord, out int plainLength);

    public abstract void Dispose();
}
