using System.Security.Cryptography;
using Confab.Rtc.Srtp;
using static Confab.Rtc.Tests.Srtp.SrtpTestPackets;

namespace Confab.Rtc.Tests.Srtp;

/// <summary>RFC 3711 Appendix B test vectors and a known-answer packet shared with libsrtp.</summary>
public class Rfc3711VectorTests
{
    // RFC 3711 B.2: session key, salt already shifted (SSRC = 0, ROC = 0, SEQ = 0).
    private static readonly byte[] B2SessionKey = Hex("2B7E151628AED2A6ABF7158809CF4F3C");
    private static readonly byte[] B2Iv = Hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");

    // RFC 3711 B.3: master key and master salt.
    private static readonly byte[] B3MasterKey = Hex("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static readonly byte[] B3MasterSalt = Hex("0EC675AD498AFEEBB6960B3AABE6");

    [Fact]
    public void B2_KeystreamStartsWithTheRfcBlocks()
    {
        using var cipher = new AesCounterModeCipher(B2SessionKey);
        byte[] keystream = new byte[48];
        cipher.Apply(B2Iv, keystream);

        Assert.Equal(
            Hex("""
                E03EAD0935C95E80E166B16DD92B4EB4
                D23513162B02D0F72A43A2FE4A5F97AB
                41E95B3BB0A2E8DD477901E4FCA894C0
                """),
            keystream);
    }

    [Fact]
    public void B2_WholeSegmentEndsWithTheRfcBlocks()
    {
        // Keystream segment length: 1044512 octets (65282 AES blocks), counters ...FEFF, ...FF00, ...FF01 last.
        using var cipher = new AesCounterModeCipher(B2SessionKey);
        byte[] keystream = new byte[1044512];
        cipher.Apply(B2Iv, keystream);

        Assert.Equal(
            Hex("""
                EC8CDF7398607CB0F2D21675EA9EA1E4
                362B7C3C6773516318A077D7FC5073AE
                6A2CC3787889374FBEB4C81B17BA6C44
                """),
            keystream[^48..]);
        Assert.Equal(Hex("E03EAD0935C95E80E166B16DD92B4EB4"), keystream[..16]);
    }

    [Fact]
    public void B2_KeystreamIsItsOwnInverse()
    {
        using var cipher = new AesCounterModeCipher(B2SessionKey);
        byte[] data = Hex("00112233445566778899AABBCCDDEEFF0011223344");
        byte[] original = (byte[])data.Clone();
        cipher.Apply(B2Iv, data);
        Assert.NotEqual(original, data);
        cipher.Apply(B2Iv, data);
        Assert.Equal(original, data);
    }

    [Fact]
    public void B3_CipherKeyFromLabel0()
    {
        Assert.Equal(Hex("C61E7A93744F39EE10734AFE3FF7A087"), Derive(SrtpKeyDerivation.RtpEncryptionLabel, 16));
    }

    [Fact]
    public void B3_CipherSaltFromLabel2()
    {
        Assert.Equal(Hex("30CBBC08863D8C85D49DB34A9AE1"), Derive(SrtpKeyDerivation.RtpSaltLabel, 14));
    }

    [Fact]
    public void B3_AuthKeyFromLabel1_AllSixBlocks()
    {
        Assert.Equal(
            Hex("""
                CEBE321F6FF7716B6FD4AB49AF256A15
                6D38BAA48F0A0ACF3C34E2359E6CDBCE
                E049646C43D9327AD175578EF7227098
                6371C10C9A369AC2F94A8C5FBCDDDC25
                6D6E919A48B610EF17C2041E47403576
                6B68642C59BBFC2F34DB60DBDFB2
                """),
            Derive(SrtpKeyDerivation.RtpAuthenticationLabel, 94));
    }

    // The packet libsrtp's own validation uses (master key/salt of B.3, SSRC 0xCAFEBABE, SEQ 0x1234);
    // the protected bytes below were produced by libsrtp2 2.5.0 from the same inputs.
    private static readonly byte[] LibsrtpPlainRtp = Hex("""
        800f1234 decafbad cafebabe
        abababab abababab abababab abababab
        """);

    [Fact]
    public void AesCm80_ProtectMatchesLibsrtp()
    {
        using var sender = SrtpContext.Create(SrtpProfile.Aes128CmHmacSha1_80, B3MasterKey, B3MasterSalt);
        byte[] expected = Hex("""
            800f1234 decafbad cafebabe
            4e55dc4c e79978d8 8ca4d215 949d2402
            b78d6acc99ea179b8dbb
            """); // header | encrypted payload | 80-bit tag
        Assert.Equal(expected, ProtectRtp(sender, LibsrtpPlainRtp));

        using var receiver = SrtpContext.Create(SrtpProfile.Aes128CmHmacSha1_80, B3MasterKey, B3MasterSalt);
        (SrtpError error, byte[] plain) = UnprotectRtp(receiver, expected);
        Assert.Equal(SrtpError.None, error);
        Assert.Equal(LibsrtpPlainRtp, plain);
    }

    [Fact]
    public void AesCm32_ProtectMatchesLibsrtp()
    {
        using var sender = SrtpContext.Create(SrtpProfile.Aes128CmHmacSha1_32, B3MasterKey, B3MasterSalt);
        byte[] expected = Hex("""
            800f1234 decafbad cafebabe
            4e55dc4c e79978d8 8ca4d215 949d2402
            b78d6acc
            """); // header | encrypted payload | 32-bit tag
        Assert.Equal(expected, ProtectRtp(sender, LibsrtpPlainRtp));
    }

    [Fact]
    public void AesCm_UnprotectsLibsrtpSrtcp_80BitTagForBothProfiles()
    {
        // RFC 7714 §17 RTCP packet protected by libsrtp2 (SRTCP index 1, E = 1, 80-bit tag).
        byte[] plain = Hex("""
            81c8000d 4d617273 4e545031 4e545032
            52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef deadbeef
            """);
        byte[] srtcp = Hex("""
            81c8000d 4d617273
            f2bb7b81 f9b98803 4c297110 352c5378 1268f3d7 6040350f
            49086b0a 2297239a eebaf47f 1a17638a e7a25bc8
            80000001
            432cfe93cba0c4783d44
            """); // header | encrypted | E + index 1 | tag
        foreach (SrtpProfile profile in new[] { SrtpProfile.Aes128CmHmacSha1_80, SrtpProfile.Aes128CmHmacSha1_32 })
        {
            using var receiver = SrtpContext.Create(profile, B3MasterKey, B3MasterSalt);
            (SrtpError error, byte[] result) = UnprotectRtcp(receiver, srtcp);
            Assert.Equal(SrtpError.None, error);
            Assert.Equal(plain, result);
        }
    }

    private static byte[] Derive(byte label, int length)
    {
        using AesCounterModeCipher prf = SrtpKeyDerivation.CreatePrf(B3MasterKey);
        byte[] output = new byte[length];
        SrtpKeyDerivation.Derive(prf, B3MasterSalt, label, output);
        return output;
    }
}
