using Confab.Rtc.Srtp;

namespace Confab.Rtc.Tests.Srtp;

public class SsrcStreamTableTests
{
    [Fact]
    public void EachSsrcKeepsItsOwnStateThroughGrowthAndInterleavedLookups()
    {
        var table = new SsrcStreamTable(maxStreams: 40);
        for (uint ssrc = 1; ssrc <= 40; ssrc++)
        {
            ref SsrcStreamState added = ref table.FindOrAdd(ssrc * 1000);
            Assert.False(added.RtpSendStarted);
            added.RtpSendStarted = true;
            added.RtpSendHighestIndex = ssrc;
            // The stream before it, found again right after (the last-found shortcut must not answer for it).
            if (ssrc > 1)
            {
                Assert.Equal((ulong)(ssrc - 1), table.Find((ssrc - 1) * 1000).RtpSendHighestIndex);
            }
        }
        Assert.Equal(40, table.Count);
        Assert.True(table.IsFull);
        for (uint ssrc = 40; ssrc >= 1; ssrc--)
        {
            Assert.Equal((ulong)ssrc, table.FindOrAdd(ssrc * 1000).RtpSendHighestIndex);
            Assert.Equal((ulong)ssrc, table.Find(ssrc * 1000).RtpSendHighestIndex);
        }
        Assert.True(System.Runtime.CompilerServices.Unsafe.IsNullRef(ref table.Find(7)));
        Assert.True(System.Runtime.CompilerServices.Unsafe.IsNullRef(ref table.FindOrAdd(41_000)));
        Assert.Equal(40, table.Count);
    }

    [Fact]
    public void AnUnknownSsrcIsNotMistakenForTheLastOneFound()
    {
        var table = new SsrcStreamTable(maxStreams: 4);
        table.FindOrAdd(0).RtpSendHighestIndex = 5; // SSRC 0 is valid, and equal to the shortcut's initial value
        Assert.Equal(5UL, table.Find(0).RtpSendHighestIndex);
        Assert.True(System.Runtime.CompilerServices.Unsafe.IsNullRef(ref table.Find(1)));
        Assert.Equal(5UL, table.Find(0).RtpSendHighestIndex);
        ref SsrcStreamState other = ref table.FindOrAdd(1);
        Assert.Equal(0UL, other.RtpSendHighestIndex);

        var empty = new SsrcStreamTable(maxStreams: 4);
        Assert.True(System.Runtime.CompilerServices.Unsafe.IsNullRef(ref empty.Find(0)));
    }
}
