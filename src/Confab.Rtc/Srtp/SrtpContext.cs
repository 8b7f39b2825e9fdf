using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Confab.Rtc.Srtp;

/// <summary>
/// One direction's SRTP/SRTCP crypto context (RFC 3711 §3.2): the session keys of one master key,
/// and per-SSRC rollover counters, SRTCP indices and replay windows. Packets are transformed in place
/// with no allocation. A context is not thread-safe: use one per sending or receiving path.
/// </summary>
public sealed class SrtpContext : IDisposable
{
    /// <summary>Default number of SSRCs one context tracks before refusing new ones.</summary>
    public const int DefaultMaxStreams = 128;

    private readonly SrtpPacketCipher _cipher;
    private readonly SsrcStreamTable _streams;
    private readonly int _rtpTagLength;
    private readonly int _rtcpTrailerLength;
    private readonly int _rtcpIndexWordOffsetFromEnd;
    private bool _disposed;

    internal SrtpContext(SrtpProfile profile, SrtpPacketCipher cipher, int maxStreams)
    {
        Profile = profile;
        _cipher = cipher;
        _streams = new SsrcStreamTable(maxStreams);
        _rtpTagLength = cipher.RtpTagLength;
        _rtcpTrailerLength = cipher.RtcpTrailerLength;
        _rtcpIndexWordOffsetFromEnd = cipher.RtcpIndexWordOffsetFromEnd;
    }

    /// <summary>The protection profile of this context.</summary>
    public SrtpProfile Profile { get; }

    /// <summary>Octets <see cref="TryProtectRtp(Span{byte}, int, out int)"/> appends.</summary>
    public int RtpOverhead => _rtpTagLength;

    /// <summary>Octets <see cref="TryProtectRtcp(Span{byte}, int, out int)"/> appends.</summary>
    public int RtcpOverhead => _rtcpTrailerLength;

    /// <summary>Number of SSRCs with state in this context.</summary>
    public int StreamCount => _streams.Count;

    /// <summary>
    /// Creates a context from a master key and salt (RFC 3711 §4.3, key_derivation_rate 0).
    /// Throws <see cref="ArgumentException"/> when the lengths do not match the profile.
    /// </summary>
    public static SrtpContext Create(
        SrtpProfile profile,
        ReadOnlySpan<byte> masterKey,
        ReadOnlySpan<byte> masterSalt,
        int maxStreams = DefaultMaxStreams)
    {
        if (!profile.IsSupported())
        {
            throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unsupported SRTP protection profile.");
        }

        if (masterKey.Length != profile.GetMasterKeyLength())
        {
            throw new ArgumentException($"{profile} needs a {profile.GetMasterKeyLength()}-octet master key.", nameof(masterKey));
        }

        if (masterSalt.Length != profile.GetMasterSaltLength())
        {
            throw new ArgumentException($"{profile} needs a {profile.GetMasterSaltLength()}-octet master salt.", nameof(masterSalt));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxStreams, 1);
        SrtpPacketCipher cipher = profile.IsAead()
            ? AeadGcmCipher.FromMaster(profile, masterKey, masterSalt)
            : new CounterModeHmacCipher(profile, masterKey, masterSalt);
        return new SrtpContext(profile, cipher, maxStreams);
    }

    /// <inheritdoc cref="TryProtectRtp(Span{byte}, int, out int, out SrtpError)"/>
    public bool TryProtectRtp(Span<byte> buffer, int length, out int protectedLength) =>
        TryProtectRtp(buffer, length, out protectedLength, out _);

    /// <summary>
    /// Protects the RTP packet in buffer[..length] in place (RFC 3711 §3.3): encrypts the payload and
    /// appends the tag, so the buffer needs <see cref="RtpOverhead"/> spare octets after the packet.
    /// </summary>
    public bool TryProtectRtp(Span<byte> buffer, int length, out int protectedLength, out SrtpError error)
    {
        protectedLength = 0;
        if (!CheckArguments(buffer, length, out error))
        {
            return false;
        }

        Span<byte> packet = buffer[..length];
        error = SrtpRtpHeader.TryRead(packet, out SrtpRtpHeader header);
        if (error != SrtpError.None)
        {
            return false;
        }

        if (buffer.Length - length < _rtpTagLength)
        {
            error = SrtpError.BufferTooSmall;
            return false;
        }

        ref SsrcStreamState stream = ref _streams.FindOrAdd(header.Ssrc);
        if (Unsafe.IsNullRef(ref stream))
        {
            error = SrtpError.SsrcLimit;
            return false;
        }

        // The sender keeps its own ROC by the same estimate the receiver makes (RFC 3711 §3.3.1).
        ulong index = header.SequenceNumber;
        if (stream.RtpSendStarted
            && !RolloverCounter.TryEstimateIndex(stream.RtpSendHighestIndex, header.SequenceNumber, out index))
        {
            error = SrtpError.ReplayOld;
            return false;
        }

        if (!stream.RtpSendStarted || index > stream.RtpSendHighestIndex)
        {
            stream.RtpSendStarted = true;
            stream.RtpSendHighestIndex = index;
        }

        protectedLength = _cipher.ProtectRtp(buffer, header.Length, length, header.Ssrc, index);
        return true;
    }

    /// <inheritdoc cref="TryUnprotectRtp(Span{byte}, int, out int, out SrtpError)"/>
    public bool TryUnprotectRtp(Span<byte> buffer, int length, out int plainLength) =>
        TryUnprotectRtp(buffer, length, out plainLength, out _);

    /// <summary>
    /// Verifies, replay-checks and decrypts the SRTP packet in buffer[..length] in place (RFC 3711 §3.3).
    /// On success buffer[..plainLength] is the RTP packet. A failed packet leaves no state behind; its
    /// bytes may have been altered.
    /// </summary>
    public bool TryUnprotectRtp(Span<byte> buffer, int length, out int plainLength, out SrtpError error)
    {
        plainLength = 0;
        if (!CheckArguments(buffer, length, out error))
        {
            return false;
        }

        Span<byte> packet = buffer[..length];
        error = SrtpRtpHeader.TryRead(packet, out SrtpRtpHeader header);
        if (error != SrtpError.None)
        {
            return false;
        }

        if (length - header.Length < _rtpTagLength)
        {
            error = SrtpError.TooShort;
            return false;
        }

        ref SsrcStreamState stream = ref _streams.Find(header.Ssrc);
        bool known = !Unsafe.IsNullRef(ref stream);
        ulong index = header.SequenceNumber;
        if (known && stream.RtpReceiveWindow.Started)
        {
            if (!RolloverCounter.TryEstimateIndex(stream.RtpReceiveWindow.Highest, header.SequenceNumber, out index))
            {
                error = SrtpError.ReplayOld;
                return false;
            }

            error = stream.RtpReceiveWindow.Check(index);
            if (error != SrtpError.None)
            {
                return false;
            }
        }
        else if (!known && _streams.IsFull)
        {
            error = SrtpError.SsrcLimit;
            return false;
        }

        if (!_cipher.UnprotectRtp(packet, header.Length, length, header.Ssrc, index))
        {
            error = SrtpError.AuthFailed;
            return false;
        }

        // State is created only for packets that authenticated.
        if (!known)
        {
            stream = ref _streams.FindOrAdd(header.Ssrc);
        }

        stream.RtpReceiveWindow.Accept(index);
        plainLength = length - _rtpTagLength;
        return true;
    }

    /// <inheritdoc cref="TryProtectRtcp(Span{byte}, int, out int, out SrtpError)"/>
    public bool TryProtectRtcp(Span<byte> buffer, int length, out int protectedLength) =>
        TryProtectRtcp(buffer, length, out protectedLength, out _);

    /// <summary>
    /// Protects the (compound) RTCP packet in buffer[..length] in place (RFC 3711 §3.4): encrypts all
    /// but the first 8 octets and appends E flag + SRTCP index and the tag, so the buffer needs
    /// <see cref="RtcpOverhead"/> spare octets after the packet.
    /// </summary>
    public bool TryProtectRtcp(Span<byte> buffer, int length, out int protectedLength, out SrtpError error)
    {
        protectedLength = 0;
        if (!CheckArguments(buffer, length, out error) || !TryReadRtcpSsrc(buffer[..length], out uint ssrc, out error))
        {
            return false;
        }

        if (buffer.Length - length < _rtcpTrailerLength)
        {
            error = SrtpError.BufferTooSmall;
            return false;
        }

        ref SsrcStreamState stream = ref _streams.FindOrAdd(ssrc);
        if (Unsafe.IsNullRef(ref stream))
        {
            error = SrtpError.SsrcLimit;
            return false;
        }

        uint index = stream.RtcpSendNextIndex;
        stream.RtcpSendNextIndex = (index + 1) & SrtcpLayout.IndexMask;
        protectedLength = _cipher.ProtectRtcp(buffer, length, ssrc, index);
        return true;
    }

    /// <inheritdoc cref="TryUnprotectRtcp(Span{byte}, int, out int, out SrtpError)"/>
    public bool TryUnprotectRtcp(Span<byte> buffer, int length, out int plainLength) =>
        TryUnprotectRtcp(buffer, length, out plainLength, out _);

    /// <summary>
    /// Verifies, replay-checks and (when the E flag is set) decrypts the SRTCP packet in buffer[..length]
    /// in place (RFC 3711 §3.4). On success buffer[..plainLength] is the RTCP packet.
    /// </summary>
    public bool TryUnprotectRtcp(Span<byte> buffer, int length, out int plainLength, out SrtpError error)
    {
        plainLength = 0;
        if (!CheckArguments(buffer, length, out error))
        {
            return false;
        }

        Span<byte> packet = buffer[..length];
        if (length < SrtcpLayout.UnencryptedPrefixLength + _rtcpTrailerLength)
        {
            error = SrtpError.TooShort;
            return false;
        }

        if (!TryReadRtcpSsrc(packet, out uint ssrc, out error))
        {
            return false;
        }

        uint indexWord = BinaryPrimitives.ReadUInt32BigEndian(packet[(length - _rtcpIndexWordOffsetFromEnd)..]);
        ulong index = indexWord & SrtcpLayout.IndexMask;
        ref SsrcStreamState stream = ref _streams.Find(ssrc);
        bool known = !Unsafe.IsNullRef(ref stream);
        if (known)
        {
            error = stream.RtcpReceiveWindow.Check(index);
            if (error != SrtpError.None)
            {
                return false;
            }
        }
        else if (_streams.IsFull)
        {
            error = SrtpError.SsrcLimit;
            return false;
        }

        if (!_cipher.UnprotectRtcp(packet, length, ssrc, indexWord, out plainLength))
        {
            error = SrtpError.AuthFailed;
            return false;
        }

        if (!known)
        {
            stream = ref _streams.FindOrAdd(ssrc);
        }

        stream.RtcpReceiveWindow.Accept(index);
        return true;
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _cipher.Dispose();
        }
    }

    private bool CheckArguments(Span<byte> buffer, int length, out SrtpError error)
    {
        if (_disposed)
        {
            error = SrtpError.Disposed;
            return false;
        }

        error = (uint)length > (uint)buffer.Length ? SrtpError.InvalidLength : SrtpError.None;
        return error == SrtpError.None;
    }

    private static bool TryReadRtcpSsrc(ReadOnlySpan<byte> packet, out uint ssrc, out SrtpError error)
    {
        ssrc = 0;
        if (packet.Length < SrtcpLayout.UnencryptedPrefixLength)
        {
            error = SrtpError.TooShort;
            return false;
        }

        if (packet[0] >> 6 != SrtcpLayout.Version)
        {
            error = SrtpError.BadHeader;
            return false;
        }

        ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[SrtcpLayout.SsrcOffset..]);
        error = SrtpError.None;
        return true;
    }
}
