using Confab.Rtc.Srtp;
using static Confab.Rtc.Tests.Srtp.SrtpTestPackets;

namespace Confab.Rtc.Tests.Srtp;

/// <summary>The packet path allocates nothing once a stream exists.</summary>
public class SrtpAllocationTests
{
    public static TheoryData<SrtpProfile> Profiles => SrtpTestPackets.Profiles();

    [Theory]
    [MemberData(nameof(Profiles))]
    public void ThousandProtectUnprotect_AllocateZeroBytes(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            byte[] plain = SrtpTestPackets.Rtp(0, payloadLength: 1200);
            byte[] rtcpPlain = SrtpTestPackets.Rtcp(bodyLength: 64);
            byte[] buffer = WithSlack(plain);
            byte[] rtcpBuffer = WithSlack(rtcpPlain);
            // The first packets create the stream state; a thousand more let tiered compilation settle, so the
            // measured thousand run the code the server runs.
            for (int i = 0; i <= 1000; i++)
            {
                RunOnce(i);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 1001; i <= 2000; i++)
            {
                RunOnce(i);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);

            void RunOnce(int i)
            {
                plain.CopyTo(buffer, 0);
                buffer[2] = (byte)(i >> 8);
                buffer[3] = (byte)i;
                Assert.True(sender.TryProtectRtp(buffer, plain.Length, out int protectedLength));
                Assert.True(receiver.TryUnprotectRtp(buffer, protectedLength, out _));
                rtcpPlain.CopyTo(rtcpBuffer, 0);
                Assert.True(sender.TryProtectRtcp(rtcpBuffer, rtcpPlain.Length, out int rtcpLength));
                Assert.True(receiver.TryUnprotectRtcp(rtcpBuffer, rtcpLength, out _));
            }
        }
    }
}
