using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Confab.Rtc.Srtp;

/// <summary>
/// AES-128 counter mode with HMAC-SHA1 (RFC 3711 §4.1.1, §4.2.1): the SRTP_AES128_CM_HMAC_SHA1_80/_32
/// profiles. SRTP authenticates header || encrypted payload || ROC; SRTCP authenticates
/// header || encrypted portion || E/index word. Not thread-safe.
/// HMAC runs on one reusable <see cref="IncrementalHash"/> per direction: measured faster than the
/// one-shot HMACSHA1.HashData, which sets up the key for every packet.
/// </summary>
internal sealed class CounterModeHmacCipher : SrtpPacketCipher
{
    private const int SessionSaltLength = 14;
    private const int AuthenticationKeyLength = 20;
    private const int Sha1DigestLength = 20;
    private const int RocLength = 4;
    private const int MaxTagLength = 10;
    private const int IndexShiftBits = 16;

    private readonly AesCounterModeCipher _rtpCipher;
    private readonly AesCounterModeCipher _rtcpCipher;
    private readonly IncrementalHash _rtpAuthentication;
    private readonly IncrementalHash _rtcpAuthentication;
    private readonly ulong _rtpSaltHigh;
    private readonly ulong _rtpSaltLow;
    private readonly ulong _rtcpSaltHigh;
    private readonly ulong _rtcpSaltLow;
    private readonly int _rtpTagLength;
    private readonly int _rtcpTagLength;

    public CounterModeHmacCipher(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        _rtpTagLength = profile.GetRtpTagLength();
        _rtcpTagLength = profile.GetRtcpTagLength();
        Span<byte> key = stackalloc byte[profile.GetMasterKeyLength()];
        Span<byte> authenticationKey = stackalloc byte[AuthenticationKeyLength];
        Span<byte> salt = stackalloc byte[16];
        using (AesCounterModeCipher prf = SrtpKeyDerivation.CreatePrf(masterKey))
        {
            SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.RtpEncryptionLabel, key);
            SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.RtpAuthenticationLabel, authenticationKey);
            salt.Clear();
            SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.RtpSaltLabel, salt[..SessionSaltLength]);
            _rtpCipher = new AesCounterModeCipher(key);
            _rtpAuthentication = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, authenticationKey);
            _rtpSaltHigh = BinaryPrimitives.ReadUInt64BigEndian(salt);
            _rtpSaltLow = BinaryPrimitives.ReadUInt64BigEndian(salt[8..]);

            SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.RtcpEncryptionLabel, key);
            SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.RtcpAuthenticationLabel, authenticationKey);
            salt.Clear();
            SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.RtcpSaltLabel, salt[..SessionSaltLength]);
            _rtcpCipher = new AesCounterModeCipher(key);
            _rtcpAuthentication = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, authenticationKey);
            _rtcpSaltHigh = BinaryPrimitives.ReadUInt64BigEndian(salt);
            _rtcpSaltLow = BinaryPrimitives.ReadUInt64BigEndian(salt[8..]);
        }

        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(authenticationKey);
    }

    public override int RtpTagLength => _rtpTagLength;

    public override int RtcpTrailerLength => SrtcpLayout.IndexWordLength + _rtcpTagLength;

    public override int RtcpIndexWordOffsetFromEnd => SrtcpLayout.IndexWordLength + _rtcpTagLength;

    public override int ProtectRtp(Span<byte> buffer, int headerLength, int length, uint ssrc, ulong index)
    {
        // IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16)   (RFC 3711 §4.1.1)
        _rtpCipher.Apply(_rtpSaltHigh ^ ssrc, _rtpSaltLow ^ (index << IndexShiftBits), buffer[headerLength..length]);

        // Authenticated portion || ROC, the ROC written where the tag will go (RFC 3711 §4.2).
        BinaryPrimitives.WriteUInt32BigEndian(buffer[length..], RolloverCounter.RocOf(index));
        Span<byte> digest = stackalloc byte[Sha1DigestLength];
        _rtpAuthentication.AppendData(buffer[..(length + RocLength)]);
        _rtpAuthentication.GetHashAndReset(digest);
        digest[.._rtpTagLength].CopyTo(buffer[length..]);
        return length + _rtpTagLength;
    }

    public override bool UnprotectRtp(Span<byte> buffer, int headerLength, int length, uint ssrc, ulong index)
    {
        int authenticatedLength = length - _rtpTagLength;
        Span<byte> receivedTag = stackalloc byte[MaxTagLength];
        receivedTag = receivedTag[.._rtpTagLength];
        buffer.Slice(authenticatedLength, _rtpTagLength).CopyTo(receivedTag);

        BinaryPrimitives.WriteUInt32BigEndian(buffer[authenticatedLength..], RolloverCounter.RocOf(index));
        Span<byte> digest = stackalloc byte[Sha1DigestLength];
        _rtpAuthentication.AppendData(buffer[..(authenticatedLength + RocLength)]);
        _rtpAuthentication.GetHashAndReset(digest);
        if (!CryptographicOperations.FixedTimeEquals(digest[.._rtpTagLength], receivedTag))
        {
            receivedTag.CopyTo(buffer[authenticatedLength..]);
            return false;
        }

        _rtpCipher.Apply(
            _rtpSaltHigh ^ ssrc,
            _rtpSaltLow ^ (index << IndexShiftBits),
            buffer[headerLength..authenticatedLength]);
        return true;
    }

    public override int ProtectRtcp(Span<byte> buffer, int length, uint ssrc, uint index)
    {
        _rtcpCipher.Apply(
            _rtcpSaltHigh ^ ssrc,
            _rtcpSaltLow ^ ((ulong)index << IndexShiftBits),
            buffer[SrtcpLayout.UnencryptedPrefixLength..length]);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[length..], SrtcpLayout.EncryptedFlag | index);
        int authenticatedLength = length + SrtcpLayout.IndexWordLength;

        Span<byte> digest = stackalloc byte[Sha1DigestLength];
        _rtcpAuthentication.AppendData(buffer[..authenticatedLength]);
        _rtcpAuthentication.GetHashAndReset(digest);
        digest[.._rtcpTagLength].CopyTo(buffer[authenticatedLength..]);
        return authenticatedLength + _rtcpTagLength;
    }

    public override bool UnprotectRtcp(Span<byte> buffer, int length, uint ssrc, uint indexWord, out int plainLength)
    {
        int authenticatedLength = length - _rtcpTagLength;
        Span<byte> digest = stackalloc byte[Sha1DigestLength];
        _rtcpAuthentication.AppendData(buffer[..authenticatedLength]);
        _rtcpAuthentication.GetHashAndReset(digest);
        if (!CryptographicOperations.FixedTimeEquals(digest[.._rtcpTagLength], buffer[authenticatedLength..length]))
        {
            plainLength = 0;
            return false;
        }

        plainLength = authenticatedLength - SrtcpLayout.IndexWordLength;
        if ((indexWord & SrtcpLayout.EncryptedFlag) != 0)
        {
            uint index = indexWord & SrtcpLayout.IndexMask;
            _rtcpCipher.Apply(
                _rtcpSaltHigh ^ ssrc,
                _rtcpSaltLow ^ ((ulong)index << IndexShiftBits),
                buffer[SrtcpLayout.UnencryptedPrefixLength..plainLength]);
        }

        return true;
    }

    public override void Dispose()
    {
        _rtpCipher.Dispose();
        _rtcpCipher.Dispose();
        _rtpAuthentication.Dispose();
        _rtcpAuthentication.Dispose();
    }
}
