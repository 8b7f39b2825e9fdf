using Confab.Rtc.Srtp;
using static Confab.Rtc.Tests.Srtp.SrtpTestPackets;

namespace Confab.Rtc.Tests.Srtp;

/// <summary>
/// RFC 7714 §16 (SRTP) and §17 (SRTCP) AES-GCM packet vectors. The RFC gives session keys and salts,
/// so the contexts here are built on session keys directly (no key derivation).
/// </summary>
public class Rfc7714VectorTests
{
    private static readonly byte[] Key128 = Hex("000102030405060708090a0b0c0d0e0f");
    private static readonly byte[] Key256 = Hex("000102030405060708090a0b0c0d0e0f 101112131415161718191a1b1c1d1e1f");
    private static readonly byte[] Salt = Hex("517569642070726f2071756f"); // "Quid pro quo"

    // §16: V=2, PT=64, SEQ=0xf17b, TS=0x8041f8d3, SSRC=0x5501a0b2, ROC=0; payload "Gallia est omnis ...".
    private static readonly byte[] PlainRtp = Hex("""
        8040f17b 8041f8d3 5501a0b2
        47616c6c 69612065 7374206f 6d6e6973
        20646976 69736120 696e2070 61727465
        73207472 6573
        """);

    // §17: sender report of SSRC "Mars" (0x4d617273), PT=200, length 13 words.
    private static readonly byte[] PlainRtcp = Hex("""
        81c8000d 4d617273 4e545031 4e545032
        52545020 0000042a 0000e930 4c756e61
        deadbeef deadbeef deadbeef deadbeef
        deadbeef
        """);

    private const uint RtcpSsrc = 0x4d617273;
    private const uint RtcpIndex = 0x5d4;

    [Fact]
    public void S16_1_Aes128Gcm_SrtpProtectAndUnprotect()
    {
        byte[] expected = Hex("""
            8040f17b 8041f8d3 5501a0b2
            f24de3a3 fb34de6c acba861c 9d7e4bca
            be633bd5 0d294e6f 42a5f47a 51c7d19b
            36de3adf 8833
            899d7f27 beb16a91 52cf765e e4390cce
            """); // header (AAD) | ciphertext | 16-octet tag
        AssertRtpVector(SrtpProfile.AeadAes128Gcm, Key128, expected);
    }

    [Fact]
    public void S16_2_Aes256Gcm_SrtpProtectAndUnprotect()
    {
        byte[] expected = Hex("""
            8040f17b 8041f8d3 5501a0b2
            32b1de78 a822fe12 ef9f78fa 332e33aa
            b1801238 9a58e2f3 b50b2a02 76ffae0f
            1ba63799 b87b
            7aa3db36 dfffd6b0 f9bb7878 d7a76c13
            """);
        AssertRtpVector(SrtpProfile.AeadAes256Gcm, Key256, expected);
    }

    [Fact]
    public void S17_1_Aes128Gcm_SrtcpEncryptedProtect()
    {
        byte[] expected = Hex("""
            81c8000d 4d617273
            63e94885 dcdab67c a727d766 2f6b7e99
            7ff5c0f7 6c06f32d c676a5f1 730d6fda
            4ce09b46 86303ded 0bb9275b c84aa458
            96cf4d2f c5abf872 45d9eade
            800005d4
            """); // header | ciphertext | tag | E=1 + index 0x5d4
        using var cipher = new AeadGcmCipher(Key128, Salt, Key128, Salt);
        byte[] buffer = WithSlack(PlainRtcp);
        int length = cipher.ProtectRtcp(buffer, PlainRtcp.Length, RtcpSsrc, RtcpIndex);
        Assert.Equal(expected, buffer[..length]);

        using SrtpContext receiver = SessionContext(SrtpProfile.AeadAes128Gcm, Key128);
        AssertUnprotectsRtcp(receiver, expected);
    }

    [Fact]
    public void S17_2_Aes256Gcm_SrtcpEncryptedUnprotect()
    {
        byte[] srtcp = Hex("""
            81c8000d 4d617273
            d50ae4d1 f5ce5d30 4ba297e4 7d470c28
            2c3ece5d bffe0a50 a2eaa5c1 110555be
            8415f658 c61de047 6f1b6fad 1d1eb30c
            4446839f 57ff6f6c b26ac3be
            800005d4
            """);
        using SrtpContext receiver = SessionContext(SrtpProfile.AeadAes256Gcm, Key256);
        AssertUnprotectsRtcp(receiver, srtcp);
    }

    [Fact]
    public void S17_3_Aes128Gcm_SrtcpAuthenticatedOnlyUnprotect()
    {
        byte[] srtcp = Hex("""
            81c8000d 4d617273 4e545031 4e545032
            52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef
            deadbeef
            841dd968 3dd78ec9 2ae58790 125f62b3
            000005d4
            """); // plain packet (all AAD) | tag | E=0 + index 0x5d4
        using SrtpContext receiver = SessionContext(SrtpProfile.AeadAes128Gcm, Key128);
        AssertUnprotectsRtcp(receiver, srtcp);
    }

    [Fact]
    public void S17_4_Aes256Gcm_SrtcpAuthenticatedOnlyUnprotect()
    {
        byte[] srtcp = Hex("""
            81c8000d 4d617273 4e545031 4e545032
            52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef
            deadbeef
            91db4afb feee5a97 8fab4393 ed2615fe
            000005d4
            """);
        using SrtpContext receiver = SessionContext(SrtpProfile.AeadAes256Gcm, Key256);
        AssertUnprotectsRtcp(receiver, srtcp);
    }

    [Fact]
    public void S17_3_TamperedAuthenticatedOnlyPacketFails()
    {
        byte[] srtcp = Hex("""
            81c8000d 4d617273 4e545031 4e545032
            52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef
            deadbefe
            841dd968 3dd78ec9 2ae58790 125f62b3
            000005d4
            """); // last body word changed: deadbeef -> deadbefe
        using SrtpContext receiver = SessionContext(SrtpProfile.AeadAes128Gcm, Key128);
        Assert.Equal(SrtpError.AuthFailed, UnprotectRtcp(receiver, srtcp).Error);
    }

    [Fact]
    public void Aes128Gcm_MasterKeyPathMatchesLibsrtp()
    {
        // libsrtp2 2.5.0, AEAD_AES_128_GCM, master key 00..0f, master salt a0..ab, packet of its validation.
        byte[] masterSalt = Hex("a0a1a2a3a4a5a6a7a8a9aaab");
        byte[] plain = Hex("800f1234 decafbad cafebabe abababab abababab abababab abababab");
        byte[] expected = Hex("""
            800f1234 decafbad cafebabe
            c5002ede 04cfdd2e b91159e0 880aa06e
            d2976826 f796b201 df3131a1 27e8a392
            """); // header | ciphertext | tag
        using var sender = SrtpContext.Create(SrtpProfile.AeadAes128Gcm, Key128, masterSalt);
        Assert.Equal(expected, ProtectRtp(sender, plain));

        byte[] libsrtpRtcp = Hex("""
            81c8000d 4d617273
            415477c2 1158eee6 e12b9126 0d0e6e82 202224e2 56a4d53e
            772695a3 2ca26667 e3129f38 47f33ce4 95291361
            999469fa 89af0a00 8dffb639 7824e3eb
            80000001
            """); // header | ciphertext | tag | E=1 + index 1
        using var receiver = SrtpContext.Create(SrtpProfile.AeadAes128Gcm, Key128, masterSalt);
        (SrtpError error, byte[] result) = UnprotectRtcp(receiver, libsrtpRtcp);
        Assert.Equal(SrtpError.None, error);
        Assert.Equal(PlainRtcp, result);
    }

    private static SrtpContext SessionContext(SrtpProfile profile, byte[] key) =>
        new(profile, new AeadGcmCipher(key, Salt, key, Salt), SrtpContext.DefaultMaxStreams);

    private static void AssertRtpVector(SrtpProfile profile, byte[] key, byte[] expected)
    {
        using SrtpContext sender = SessionContext(profile, key);
        Assert.Equal(expected, ProtectRtp(sender, PlainRtp));

        using SrtpContext receiver = SessionContext(profile, key);
        (SrtpError error, byte[] plain) = UnprotectRtp(receiver, expected);
        Assert.Equal(SrtpError.None, error);
        Assert.Equal(PlainRtp, plain);

        Assert.Equal(SrtpError.ReplayDuplicate, UnprotectRtp(receiver, expected).Error);
    }

    private static void AssertUnprotectsRtcp(SrtpContext receiver, byte[] srtcp)
    {
        (SrtpError error, byte[] plain) = UnprotectRtcp(receiver, srtcp);
        Assert.Equal(SrtpError.None, error);
        Assert.Equal(PlainRtcp, plain);
        Assert.Equal(SrtpError.ReplayDuplicate, UnprotectRtcp(receiver, srtcp).Error);
    }
}
