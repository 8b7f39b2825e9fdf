using Confab.Rtc.Srtp;
using static Confab.Rtc.Tests.Srtp.SrtpTestPackets;

namespace Confab.Rtc.Tests.Srtp;

/// <summary>Protect then unprotect gives back the original packet, for every profile and packet shape.</summary>
public class SrtpRoundTripTests
{
    public static TheoryData<SrtpProfile> Profiles => SrtpTestPackets.Profiles();

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Rtp_VariedShapes_RoundTrip(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            ushort sequence = 100;
            foreach (int payloadLength in new[] { 0, 1, 15, 16, 17, 31, 33, 160, 1200, 2049, 5000 })
            {
                foreach ((int csrcs, int extensionWords) in new[] { (0, -1), (3, -1), (0, 0), (2, 4), (15, 1) })
                {
                    byte[] plain = SrtpTestPackets.Rtp(sequence++, payloadLength: payloadLength, csrcCount: csrcs, extensionWords: extensionWords);
                    byte[] srtp = ProtectRtp(sender, plain);
                    Assert.Equal(plain.Length + profile.GetRtpTagLength(), srtp.Length);

                    int headerLength = plain.Length - payloadLength;
                    Assert.Equal(plain[..headerLength], srtp[..headerLength]);
                    if (payloadLength >= 8)
                    {
                        Assert.NotEqual(plain[headerLength..], srtp[headerLength..plain.Length]);
                    }

                    (SrtpError error, byte[] back) = UnprotectRtp(receiver, srtp);
                    Assert.Equal(SrtpError.None, error);
                    Assert.Equal(plain, back);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Rtcp_VariedSizes_RoundTrip(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            foreach (int bodyLength in new[] { 0, 4, 24, 100, 1000 })
            {
                byte[] plain = SrtpTestPackets.Rtcp(bodyLength: bodyLength);
                byte[] srtcp = ProtectRtcp(sender, plain);
                Assert.Equal(plain.Length + profile.GetRtcpOverhead(), srtcp.Length);
                Assert.Equal(plain[..8], srtcp[..8]);

                (SrtpError error, byte[] back) = UnprotectRtcp(receiver, srtcp);
                Assert.Equal(SrtpError.None, error);
                Assert.Equal(plain, back);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Rtcp_IndexIncrementsPerPacketWithEncryptedFlag(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            for (uint expectedIndex = 0; expectedIndex < 3; expectedIndex++)
            {
                byte[] srtcp = ProtectRtcp(sender, SrtpTestPackets.Rtcp());
                int wordOffset = srtcp.Length - (profile.IsAead() ? 4 : 4 + profile.GetRtcpTagLength());
                uint word = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(srtcp.AsSpan(wordOffset));
                Assert.Equal(0x8000_0000u | expectedIndex, word);
                Assert.Equal(SrtpError.None, UnprotectRtcp(receiver, srtcp).Error);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void ManySsrcs_EachKeepsItsOwnState(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            for (uint ssrc = 1; ssrc <= 20; ssrc++)
            {
                byte[] plain = SrtpTestPackets.Rtp(7, ssrc: ssrc);
                Assert.Equal(SrtpError.None, UnprotectRtp(receiver, ProtectRtp(sender, plain)).Error);
            }

            Assert.Equal(20, receiver.StreamCount);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void DifferentKeys_FailAuthentication(SrtpProfile profile)
    {
        (byte[] key, byte[] salt) = MasterKeys(profile, seed: 1);
        (byte[] otherKey, byte[] otherSalt) = MasterKeys(profile, seed: 2);
        using var sender = SrtpContext.Create(profile, key, salt);
        using var receiver = SrtpContext.Create(profile, otherKey, otherSalt);
        Assert.Equal(SrtpError.AuthFailed, UnprotectRtp(receiver, ProtectRtp(sender, SrtpTestPackets.Rtp(1))).Error);
        Assert.Equal(SrtpError.AuthFailed, UnprotectRtcp(receiver, ProtectRtcp(sender, SrtpTestPackets.Rtcp())).Error);
        Assert.Equal(0, receiver.StreamCount);
    }

    [Fact]
    public void Create_RejectsWrongKeyOrSaltLength()
    {
        Assert.Throws<ArgumentException>(() => SrtpContext.Create(SrtpProfile.Aes128CmHmacSha1_80, new byte[15], new byte[14]));
        Assert.Throws<ArgumentException>(() => SrtpContext.Create(SrtpProfile.Aes128CmHmacSha1_80, new byte[16], new byte[12]));
        Assert.Throws<ArgumentException>(() => SrtpContext.Create(SrtpProfile.AeadAes256Gcm, new byte[16], new byte[12]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SrtpContext.Create((SrtpProfile)0x0003, new byte[16], new byte[14]));
    }

    [Fact]
    public void ProfileParameters_FollowRfc5764AndRfc7714()
    {
        // (profile, master key, master salt, SRTP tag, SRTCP tag, exporter length)
        Assert.Equal((16, 14, 10, 10, 60), Parameters(SrtpProfile.Aes128CmHmacSha1_80));
        Assert.Equal((16, 14, 4, 10, 60), Parameters(SrtpProfile.Aes128CmHmacSha1_32));
        Assert.Equal((16, 12, 16, 16, 56), Parameters(SrtpProfile.AeadAes128Gcm));
        Assert.Equal((32, 12, 16, 16, 88), Parameters(SrtpProfile.AeadAes256Gcm));

        static (int, int, int, int, int) Parameters(SrtpProfile p) => (
            p.GetMasterKeyLength(), p.GetMasterSaltLength(), p.GetRtpTagLength(), p.GetRtcpTagLength(),
            p.GetKeyingMaterialLength());
    }
}
