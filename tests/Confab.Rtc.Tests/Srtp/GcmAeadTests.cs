using System.Security.Cryptography;
using Confab.Rtc.Srtp;
using static Confab.Rtc.Tests.Srtp.SrtpTestPackets;

namespace Confab.Rtc.Tests.Srtp;

/// <summary>The AES-NI/PCLMULQDQ AES-GCM agrees with the platform's <see cref="AesGcm"/> on every shape.</summary>
public class GcmAeadTests
{
    [Theory]
    [InlineData(16, false)]
    [InlineData(32, false)]
    [InlineData(16, true)]
    [InlineData(32, true)]
    public void Intrinsics_MatchesPlatformAesGcm_RandomShapes(int keyLength, bool wideGhash)
    {
        if (!IntrinsicsAesGcm.IsSupported || (wideGhash && !IntrinsicsAesGcm.WideGhashIsSupported))
        {
            return; // no AES-NI + PCLMULQDQ (or VPCLMULQDQ) here: the platform AesGcm (or the 128-bit path) serves instead
        }

        var random = new Random(12345);
        for (int i = 0; i < 400; i++)
        {
            byte[] key = new byte[keyLength];
            byte[] nonce = new byte[GcmAead.NonceLength];
            byte[] plain = new byte[i < 200 ? i : random.Next(0, 3000)];
            byte[] aad = new byte[random.Next(0, 80)];
            random.NextBytes(key);
            random.NextBytes(nonce);
            random.NextBytes(plain);
            random.NextBytes(aad);

            byte[] expected = new byte[plain.Length];
            byte[] expectedTag = new byte[GcmAead.TagLength];
            using (var platform = new AesGcm(key, GcmAead.TagLength))
            {
                platform.Encrypt(nonce, plain, expected, expectedTag, aad);
            }

            using var gcm = new IntrinsicsAesGcm(key, wideGhash);
            byte[] data = (byte[])plain.Clone();
            byte[] tag = new byte[GcmAead.TagLength];
            gcm.Encrypt(nonce, data, tag, aad);
            Assert.Equal(expected, data);
            Assert.Equal(expectedTag, tag);

            Assert.True(gcm.TryDecrypt(nonce, data, tag, aad));
            Assert.Equal(plain, data);
        }
    }

    [Fact]
    public void Intrinsics_BadTagOrAad_IsFalseAndLeavesCiphertext()
    {
        if (!IntrinsicsAesGcm.IsSupported)
        {
            return; // no AES-NI + PCLMULQDQ here: the platform AesGcm serves instead
        }

        byte[] key = Hex("000102030405060708090a0b0c0d0e0f");
        byte[] nonce = Hex("517569642070726f2071756f");
        byte[] aad = Hex("8040f17b8041f8d35501a0b2");
        using var gcm = new IntrinsicsAesGcm(key);
        byte[] data = Hex("47616c6c696120657374206f6d6e6973");
        byte[] tag = new byte[16];
        gcm.Encrypt(nonce, data, tag, aad);
        byte[] ciphertext = (byte[])data.Clone();

        byte[] badTag = (byte[])tag.Clone();
        badTag[15] ^= 0x80;
        Assert.False(gcm.TryDecrypt(nonce, data, badTag, aad));
        Assert.Equal(ciphertext, data);

        byte[] badAad = (byte[])aad.Clone();
        badAad[0] ^= 0x01;
        Assert.False(gcm.TryDecrypt(nonce, data, tag, badAad));
        Assert.Equal(ciphertext, data);
    }

    [Fact]
    public void PlatformAesGcm_PassesRfc7714RtpVector()
    {
        byte[] key = Hex("000102030405060708090a0b0c0d0e0f");
        byte[] salt = Hex("517569642070726f2071756f");
        byte[] plain = Hex("8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976 69736120 696e2070 61727465 73207472 6573");
        byte[] expected = Hex("""
            8040f17b 8041f8d3 5501a0b2
            f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5 0d294e6f 42a5f47a 51c7d19b 36de3adf 8833
            899d7f27 beb16a91 52cf765e e4390cce
            """);
        using var sender = new SrtpContext(
            SrtpProfile.AeadAes128Gcm,
            new AeadGcmCipher(key, salt, key, salt, platformAesGcm: true),
            SrtpContext.DefaultMaxStreams);
        Assert.Equal(expected, ProtectRtp(sender, plain));
    }
}
