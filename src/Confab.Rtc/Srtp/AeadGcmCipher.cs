using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Confab.Rtc.Srtp;

/// <summary>
/// AEAD_AES_128_GCM and AEAD_AES_256_GCM for SRTP and SRTCP (RFC 7714). The AEAD tag is 16 octets.
/// <code>
/// SRTP IV (§8.1):   00 00 | SSRC (4) | ROC (4) | SEQ (2)            XOR session salt (12)
/// SRTCP IV (§9.1):  00 00 | SSRC (4) | 00 00 | 0 + SRTCP index (4)  XOR session salt (12)
/// SRTP AAD:  the RTP header, CSRCs and extension included
/// SRTCP AAD: the first 8 octets || E flag + SRTCP index (whole packet when E = 0)
/// SRTCP packet: header (8) | ciphertext | tag (16) | E + SRTCP index (4)
/// </code>
/// Both IVs share one shape: octets 2..5 the SSRC, octets 6..11 a 48-bit counter. Not thread-safe.
/// </summary>
internal sealed class AeadGcmCipher : SrtpPacketCipher
{
    public const int TagLength = GcmAead.TagLength;
    private const int SessionSaltLength = 12;
    private const int NonceLength = GcmAead.NonceLength;
    private const int SsrcShiftBits = 16;
    private const int CounterHighShiftBits = 32;
    private const int RtcpAadLength = SrtcpLayout.UnencryptedPrefixLength + SrtcpLayout.IndexWordLength;

    private readonly GcmAead _rtp;
    private readonly GcmAead _rtcp;
    private readonly ulong _rtpSaltHigh;
    private readonly uint _rtpSaltLow;
    private readonly ulong _rtcpSaltHigh;
    private readonly uint _rtcpSaltLow;

    /// <summary>Uses session keys and salts directly (as RFC 7714 §16-§17 test vectors do).</summary>
    internal AeadGcmCipher(
        ReadOnlySpan<byte> rtpKey,
        ReadOnlySpan<byte> rtpSalt,
        ReadOnlySpan<byte> rtcpKey,
        ReadOnlySpan<byte> rtcpSalt,
        bool platformAesGcm = false)
    {
        _rtp = platformAesGcm ? new BclAesGcm(rtpKey) : GcmAead.Create(rtpKey);
        _rtcp = platformAesGcm ? new BclAesGcm(rtcpKey) : GcmAead.Create(rtcpKey);
        _rtpSaltHigh = BinaryPrimitives.ReadUInt64BigEndian(rtpSalt);
        _rtpSaltLow = BinaryPrimitives.ReadUInt32BigEndian(rtpSalt[8..]);
        _rtcpSaltHigh = BinaryPrimitives.ReadUInt64BigEndian(rtcpSalt);
        _rtcpSaltLow = BinaryPrimitives.ReadUInt32BigEndian(rtcpSalt[8..]);
    }

    public override int RtpTagLength => TagLength;

    public override int RtcpTrailerLength => TagLength + SrtcpLayout.IndexWordLength;

    public override int RtcpIndexWordOffsetFromEnd => SrtcpLayout.IndexWordLength;

    /// <summary>Derives the session keys from the master key and salt (RFC 7714 §11) and builds the cipher.</summary>
    public static AeadGcmCipher FromMaster(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        Span<byte> rtpKey = stackalloc byte[profile.GetMasterKeyLength()];
        Span<byte> rtcpKey = stackalloc byte[profile.GetMasterKeyLength()];
        Span<byte> rtpSalt = stackalloc byte[SessionSaltLength];
        Span<byte> rtcpSalt = stackalloc byte[SessionSaltLength];
        using (AesCounterModeCipher prf = SrtpKeyDerivation.CreatePrf(masterKey))
        {
            SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.RtpEncryptionLabel, rtpKey);
            SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.RtpSaltLabel, rtpSalt);
            SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.RtcpEncryptionLabel, rtcpKey);
            SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.RtcpSaltLabel, rtcpSalt);
        }

        var cipher = new AeadGcmCipher(rtpKey, rtpSalt, rtcpKey, rtcpSalt);
        CryptographicOperations.ZeroMemory(rtpKey);
        CryptographicOperations.ZeroMemory(rtcpKey);
        return cipher;
    }

    public override int ProtectRtp(Span<byte> buffer, int headerLength, int length, uint ssrc, ulong index)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        WriteNonce(nonce, _rtpSaltHigh, _rtpSaltLow, ssrc, index);
        Span<byte> payload = buffer[headerLength..length];
        _rtp.Encrypt(nonce, payload, buffer.Slice(length, TagLength), buffer[..headerLength]);
        return length + TagLength;
    }

    public override bool UnprotectRtp(Span<byte> buffer, int headerLength, int length, uint ssrc, ulong index)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        WriteNonce(nonce, _rtpSaltHigh, _rtpSaltLow, ssrc, index);
        int ciphertextEnd = length - TagLength;
        Span<byte> payload = buffer[headerLength..ciphertextEnd];
        return _rtp.TryDecrypt(nonce, payload, buffer.Slice(ciphertextEnd, TagLength), buffer[..headerLength]);
    }

    public override int ProtectRtcp(Span<byte> buffer, int length, uint ssrc, uint index)
    {
        uint indexWord = SrtcpLayout.EncryptedFlag | index;
        Span<byte> nonce = stackalloc byte[NonceLength];
        WriteNonce(nonce, _rtcpSaltHigh, _rtcpSaltLow, ssrc, index);
        Span<byte> aad = stackalloc byte[RtcpAadLength];
        buffer[..SrtcpLayout.UnencryptedPrefixLength].CopyTo(aad);
        BinaryPrimitives.WriteUInt32BigEndian(aad[SrtcpLayout.UnencryptedPrefixLength..], indexWord);

        Span<byte> body = buffer[SrtcpLayout.UnencryptedPrefixLength..length];
        _rtcp.Encrypt(nonce, body, buffer.Slice(length, TagLength), aad);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[(length + TagLength)..], indexWord);
        return length + TagLength + SrtcpLayout.IndexWordLength;
    }

    public override bool UnprotectRtcp(Span<byte> buffer, int length, uint ssrc, uint indexWord, out int plainLength)
    {
        int tagStart = length - SrtcpLayout.IndexWordLength - TagLength;
        Span<byte> nonce = stackalloc byte[NonceLength];
        WriteNonce(nonce, _rtcpSaltHigh, _rtcpSaltLow, ssrc, indexWord & SrtcpLayout.IndexMask);
        plainLength = tagStart;
        if ((indexWord & SrtcpLayout.EncryptedFlag) != 0)
        {
            Span<byte> aad = stackalloc byte[RtcpAadLength];
            buffer[..SrtcpLayout.UnencryptedPrefixLength].CopyTo(aad);
            BinaryPrimitives.WriteUInt32BigEndian(aad[SrtcpLayout.UnencryptedPrefixLength..], indexWord);
            Span<byte> body = buffer[SrtcpLayout.UnencryptedPrefixLength..tagStart];
            return _rtcp.TryDecrypt(nonce, body, buffer.Slice(tagStart, TagLength), aad);
        }

        // E = 0 (RFC 7714 §9.2): everything before the tag, then the E/index word, is the AAD.
        // Move the word next to the packet so the AAD is contiguous; the tag goes to the stack.
        Span<byte> tag = stackalloc byte[TagLength];
        buffer.Slice(tagStart, TagLength).CopyTo(tag);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[tagStart..], indexWord);
        return _rtcp.TryDecrypt(nonce, Span<byte>.Empty, tag, buffer[..(tagStart + SrtcpLayout.IndexWordLength)]);
    }

    public override void Dispose()
    {
        _rtp.Dispose();
        _rtcp.Dispose();
    }

    private static void WriteNonce(Span<byte> nonce, ulong saltHigh, uint saltLow, uint ssrc, ulong counter)
    {
        ulong high = ((ulong)ssrc << SsrcShiftBits) | (counter >> CounterHighShiftBits);
        BinaryPrimitives.WriteUInt64BigEndian(nonce, high ^ saltHigh);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[8..], (uint)counter ^ saltLow);
    }
}
