using Confab.Rtc.Srtp;
using static Confab.Rtc.Tests.Srtp.SrtpTestPackets;

namespace Confab.Rtc.Tests.Srtp;

/// <summary>Tampered, truncated, malformed and random input: a clear error, never an exception.</summary>
public class SrtpRobustnessTests
{
    public static TheoryData<SrtpProfile> Profiles => SrtpTestPackets.Profiles();

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Rtp_EveryFlippedBitFailsAuthentication(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            byte[] srtp = ProtectRtp(sender, SrtpTestPackets.Rtp(500, payloadLength: 20, csrcCount: 1, extensionWords: 1));
            for (int bit = 0; bit < srtp.Length * 8; bit++)
            {
                byte[] tampered = (byte[])srtp.Clone();
                tampered[bit / 8] ^= (byte)(1 << (bit % 8));
                SrtpError error = UnprotectRtp(receiver, tampered).Error;

                // Bits of V, CC, X or the extension length make the header unreadable or move the payload
                // start; anything else must fail the tag.
                Assert.True(
                    error is SrtpError.AuthFailed or SrtpError.BadHeader or SrtpError.TooShort,
                    $"bit {bit}: {error}");
            }

            Assert.Equal(SrtpError.None, UnprotectRtp(receiver, srtp).Error);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Rtcp_EveryFlippedBitFailsAuthentication(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            byte[] srtcp = ProtectRtcp(sender, SrtpTestPackets.Rtcp(bodyLength: 20));
            for (int bit = 0; bit < srtcp.Length * 8; bit++)
            {
                byte[] tampered = (byte[])srtcp.Clone();
                tampered[bit / 8] ^= (byte)(1 << (bit % 8));
                SrtpError error = UnprotectRtcp(receiver, tampered).Error;
                Assert.True(error is SrtpError.AuthFailed or SrtpError.BadHeader, $"bit {bit}: {error}");
            }

            Assert.Equal(SrtpError.None, UnprotectRtcp(receiver, srtcp).Error);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Truncation_AtEveryLength_IsAnErrorNotAnException(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            byte[] srtp = ProtectRtp(sender, SrtpTestPackets.Rtp(9, payloadLength: 30));
            byte[] srtcp = ProtectRtcp(sender, SrtpTestPackets.Rtcp(bodyLength: 16));
            for (int length = 0; length < srtp.Length; length++)
            {
                Assert.NotEqual(SrtpError.None, UnprotectRtp(receiver, srtp[..length]).Error);
            }

            for (int length = 0; length < srtcp.Length; length++)
            {
                SrtpError error = UnprotectRtcp(receiver, srtcp[..length]).Error;
                Assert.NotEqual(SrtpError.None, error);
                if (length < 8 + profile.GetRtcpOverhead())
                {
                    Assert.Equal(SrtpError.TooShort, error);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void BadArguments_AreReported(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            byte[] plain = SrtpTestPackets.Rtp(1);
            byte[] exact = (byte[])plain.Clone();
            Assert.False(sender.TryProtectRtp(exact, exact.Length, out _, out SrtpError noRoom));
            Assert.Equal(SrtpError.BufferTooSmall, noRoom);
            Assert.Equal(plain, exact);

            byte[] rtcp = SrtpTestPackets.Rtcp();
            Assert.False(sender.TryProtectRtcp(rtcp, rtcp.Length, out _, out SrtpError noRtcpRoom));
            Assert.Equal(SrtpError.BufferTooSmall, noRtcpRoom);

            byte[] buffer = WithSlack(plain);
            Assert.False(sender.TryProtectRtp(buffer, -1, out _, out SrtpError negative));
            Assert.Equal(SrtpError.InvalidLength, negative);
            Assert.False(receiver.TryUnprotectRtp(buffer, buffer.Length + 1, out _, out SrtpError tooLong));
            Assert.Equal(SrtpError.InvalidLength, tooLong);

            byte[] version1 = WithSlack(plain);
            version1[0] = 0x40;
            Assert.False(sender.TryProtectRtp(version1, plain.Length, out _, out SrtpError badVersion));
            Assert.Equal(SrtpError.BadHeader, badVersion);

            byte[] rtcpVersion0 = WithSlack(SrtpTestPackets.Rtcp());
            rtcpVersion0[0] = 0x01;
            Assert.False(sender.TryProtectRtcp(rtcpVersion0, 32, out _, out SrtpError badRtcpVersion));
            Assert.Equal(SrtpError.BadHeader, badRtcpVersion);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Disposed_ContextReportsDisposed(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        receiver.Dispose();
        sender.Dispose();
        byte[] buffer = WithSlack(SrtpTestPackets.Rtp(1));
        Assert.False(sender.TryProtectRtp(buffer, 52, out _, out SrtpError error));
        Assert.Equal(SrtpError.Disposed, error);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void SsrcLimit_RefusesNewStreamsAndKeepsStateBounded(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile, maxStreams: 4);
        using (sender)
        using (receiver)
        using (SrtpContext unboundedSender = Pair(profile).Sender)
        {
            for (uint ssrc = 1; ssrc <= 4; ssrc++)
            {
                Assert.Equal(SrtpError.None, UnprotectRtp(receiver, ProtectRtp(sender, SrtpTestPackets.Rtp(1, ssrc: ssrc))).Error);
            }

            byte[] buffer = WithSlack(SrtpTestPackets.Rtp(1, ssrc: 5));
            Assert.False(sender.TryProtectRtp(buffer, buffer.Length - Slack, out _, out SrtpError sendError));
            Assert.Equal(SrtpError.SsrcLimit, sendError);

            // A flood of valid-looking packets from unknown SSRCs leaves the receiver at its limit.
            for (uint ssrc = 100; ssrc < 200; ssrc++)
            {
                Assert.Equal(SrtpError.SsrcLimit, UnprotectRtp(receiver, ProtectRtp(unboundedSender, SrtpTestPackets.Rtp(1, ssrc: ssrc))).Error);
            }

            Assert.Equal(4, receiver.StreamCount);
            Assert.Equal(SrtpError.None, UnprotectRtp(receiver, ProtectRtp(sender, SrtpTestPackets.Rtp(2, ssrc: 3))).Error);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void RandomGarbage_NeverThrows_NeverAuthenticates(SrtpProfile profile)
    {
        var random = new Random(12345);
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            byte[] buffer = new byte[1600];
            for (int i = 0; i < 3000; i++)
            {
                int length = random.Next(0, 1500);
                random.NextBytes(buffer.AsSpan(0, length));
                if (i % 2 == 0)
                {
                    buffer[0] = (byte)(0x80 | (buffer[0] & 0x3F)); // make most packets look like version 2
                }

                Assert.False(receiver.TryUnprotectRtp(buffer, length, out _, out _));
                Assert.False(receiver.TryUnprotectRtcp(buffer, length, out _, out _));
                sender.TryProtectRtp(buffer, length, out _, out _);
                sender.TryProtectRtcp(buffer, length, out _, out _);
            }

            Assert.Equal(0, receiver.StreamCount);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void MutatedValidPackets_NeverThrow_NeverAuthenticate(SrtpProfile profile)
    {
        var random = new Random(12345);
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            for (int i = 0; i < 2000; i++)
            {
                bool rtcp = i % 2 == 1;
                byte[] packet = rtcp
                    ? ProtectRtcp(sender, SrtpTestPackets.Rtcp(bodyLength: 4 * random.Next(0, 40)))
                    : ProtectRtp(sender, SrtpTestPackets.Rtp((ushort)i, payloadLength: random.Next(0, 300), csrcCount: random.Next(0, 3)));
                int mutations = random.Next(1, 4);
                for (int m = 0; m < mutations; m++)
                {
                    packet[random.Next(packet.Length)] ^= (byte)random.Next(1, 256);
                }

                byte[] buffer = WithSlack(packet);
                int length = random.Next(0, 4) == 0 ? random.Next(0, packet.Length) : packet.Length;
                bool ok = rtcp
                    ? receiver.TryUnprotectRtcp(buffer, length, out _, out _)
                    : receiver.TryUnprotectRtp(buffer, length, out _, out _);
                Assert.False(ok);
            }
        }
    }
}
