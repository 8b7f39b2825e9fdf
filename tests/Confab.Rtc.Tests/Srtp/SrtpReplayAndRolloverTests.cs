using Confab.Rtc.Srtp;
using static Confab.Rtc.Tests.Srtp.SrtpTestPackets;

namespace Confab.Rtc.Tests.Srtp;

/// <summary>Rollover counter estimation (RFC 3711 §3.3.1) and replay protection (§3.3.2) through the context.</summary>
public class SrtpReplayAndRolloverTests
{
    public static TheoryData<SrtpProfile> Profiles => SrtpTestPackets.Profiles();

    [Theory]
    [MemberData(nameof(Profiles))]
    public void SequenceWrap_IncrementsRocOnBothSides(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            for (int i = 65530; i < 65536 + 10; i++)
            {
                byte[] plain = SrtpTestPackets.Rtp((ushort)i);
                (SrtpError error, byte[] back) = UnprotectRtp(receiver, ProtectRtp(sender, plain));
                Assert.Equal(SrtpError.None, error);
                Assert.Equal(plain, back);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void ReorderAroundWrap_OldRocPacketArrivesAfterNewRoc(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            // Sent in order 65533, 65534, 65535, 0 (ROC 1), 1 (ROC 1); received 65533, 0, 1, 65535, 65534.
            byte[][] sent = [.. new ushort[] { 65533, 65534, 65535, 0, 1 }.Select(s => ProtectRtp(sender, SrtpTestPackets.Rtp(s)))];
            foreach (int i in new[] { 0, 3, 4, 2, 1 })
            {
                (SrtpError error, byte[] back) = UnprotectRtp(receiver, sent[i]);
                Assert.Equal(SrtpError.None, error);
                Assert.Equal(SrtpTestPackets.Rtp(new ushort[] { 65533, 65534, 65535, 0, 1 }[i]), back);
            }

            // All five are now in the window: a second copy of each is a duplicate.
            foreach (byte[] srtp in sent)
            {
                Assert.Equal(SrtpError.ReplayDuplicate, UnprotectRtp(receiver, srtp).Error);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Replay_DuplicateRejected_OutOfOrderWithinWindowAccepted_TooOldRejected(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            byte[][] sent = [.. Enumerable.Range(1000, 300).Select(s => ProtectRtp(sender, SrtpTestPackets.Rtp((ushort)s)))];

            Assert.Equal(SrtpError.None, UnprotectRtp(receiver, sent[200]).Error);   // seq 1200
            Assert.Equal(SrtpError.ReplayDuplicate, UnprotectRtp(receiver, sent[200]).Error);
            Assert.Equal(SrtpError.None, UnprotectRtp(receiver, sent[199]).Error);   // 1 behind
            Assert.Equal(SrtpError.None, UnprotectRtp(receiver, sent[73]).Error);    // 127 behind: last slot
            Assert.Equal(SrtpError.ReplayOld, UnprotectRtp(receiver, sent[72]).Error); // 128 behind
            Assert.Equal(SrtpError.ReplayDuplicate, UnprotectRtp(receiver, sent[73]).Error);
            Assert.Equal(SrtpError.None, UnprotectRtp(receiver, sent[299]).Error);   // jump ahead 99
            Assert.Equal(SrtpError.None, UnprotectRtp(receiver, sent[250]).Error);
            Assert.Equal(SrtpError.ReplayDuplicate, UnprotectRtp(receiver, sent[200]).Error); // shifted, still remembered
            Assert.Equal(SrtpError.ReplayOld, UnprotectRtp(receiver, sent[100]).Error);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Srtcp_ReplayWindow(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            byte[][] sent = [.. Enumerable.Range(0, 200).Select(_ => ProtectRtcp(sender, SrtpTestPackets.Rtcp()))];
            Assert.Equal(SrtpError.None, UnprotectRtcp(receiver, sent[150]).Error);
            Assert.Equal(SrtpError.ReplayDuplicate, UnprotectRtcp(receiver, sent[150]).Error);
            Assert.Equal(SrtpError.None, UnprotectRtcp(receiver, sent[23]).Error);  // 127 behind
            Assert.Equal(SrtpError.ReplayOld, UnprotectRtcp(receiver, sent[22]).Error);
            Assert.Equal(SrtpError.None, UnprotectRtcp(receiver, sent[199]).Error);
            Assert.Equal(SrtpError.None, UnprotectRtcp(receiver, sent[151]).Error);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void FailedAuthentication_DoesNotAdvanceTheWindow(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            byte[] first = ProtectRtp(sender, SrtpTestPackets.Rtp(10));
            byte[] far = ProtectRtp(sender, SrtpTestPackets.Rtp(5000));
            Assert.Equal(SrtpError.None, UnprotectRtp(receiver, first).Error);

            far[^1] ^= 0x01;
            Assert.Equal(SrtpError.AuthFailed, UnprotectRtp(receiver, far).Error);

            // Had the forged packet moved the window to 5000, seq 11 would now be too old.
            Assert.Equal(SrtpError.None, UnprotectRtp(receiver, ProtectRtp(sender, SrtpTestPackets.Rtp(11))).Error);
        }
    }

    [Theory]
    [InlineData(0x0000_5000UL, (ushort)0x5001, 0x0000_5001UL)]        // ahead, same ROC
    [InlineData(0x0002_1388UL, (ushort)0x000B, 0x0002_000BUL)]        // a little behind, same ROC (no unsigned wrap)
    [InlineData(0x0001_0005UL, (ushort)0xFFF0, 0x0000_FFF0UL)]        // s_l < 2^15, far above: ROC - 1
    [InlineData(0x0001_FFF0UL, (ushort)0x0005, 0x0002_0005UL)]        // s_l >= 2^15, far below: ROC + 1
    [InlineData(0x0003_8000UL, (ushort)0x0000, 0x0003_0000UL)]        // exactly 2^15 behind: same ROC
    [InlineData(0x0003_7FFFUL, (ushort)0xFFFF, 0x0003_FFFFUL)]        // exactly 2^15 ahead: same ROC
    public void EstimateIndex_FollowsRfc3711AppendixA(ulong highest, ushort sequence, ulong expected)
    {
        Assert.True(RolloverCounter.TryEstimateIndex(highest, sequence, out ulong index));
        Assert.Equal(expected, index);
    }

    [Fact]
    public void EstimateIndex_RefusesRocBelowZero()
    {
        Assert.False(RolloverCounter.TryEstimateIndex(0x0000_0005, 0xFFF0, out _));
    }

    [Fact]
    public void ReplayWindow_JumpBeyondWidthForgetsHistory()
    {
        var window = default(ReplayWindow);
        window.Accept(10);
        window.Accept(10 + ReplayWindow.Size + 5);
        Assert.Equal(SrtpError.ReplayOld, window.Check(10));
        Assert.Equal(SrtpError.None, window.Check(10 + ReplayWindow.Size + 4));
        Assert.Equal(SrtpError.ReplayDuplicate, window.Check(10 + ReplayWindow.Size + 5));
    }
}
