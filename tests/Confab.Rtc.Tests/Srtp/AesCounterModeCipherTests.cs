using Confab.Rtc.Srtp;

namespace Confab.Rtc.Tests.Srtp;

/// <summary>The AES-NI counter-mode keystream agrees with the AES-ECB (platform library) one.</summary>
public class AesCounterModeCipherTests
{
    [Fact]
    public void AesNiAndEcbPaths_ProduceTheSameKeystream()
    {
        var random = new Random(12345);
        for (int i = 0; i < 200; i++)
        {
            byte[] key = new byte[16];
            byte[] iv = new byte[16];
            random.NextBytes(key);
            random.NextBytes(iv.AsSpan(0, 14)); // SRTP IVs end in 16 zero bits
            byte[] data = new byte[i < 100 ? i : random.Next(0, 5000)];
            random.NextBytes(data);
            byte[] viaEcb = (byte[])data.Clone();

            using var aesNi = new AesCounterModeCipher(key);
            using var ecb = new AesCounterModeCipher(key, useAesNi: false);
            aesNi.Apply(iv, data);
            ecb.Apply(iv, viaEcb);
            Assert.Equal(viaEcb, data);
        }
    }
}
