using Confab.Sfu.Buffers;

namespace Confab.Sfu.Tests.Buffers;

public class RetransmissionBufferTests
{
    [Fact]
    public void StoredPacketsComeBackByExtendedSequence()
    {
        using var buffer = new RetransmissionBuffer(8);
        for (long seq = 65_530; seq < 65_540; seq++)
        {
            Assert.True(buffer.Store(seq, [(byte)seq, 0xAA]));
        }
        Assert.True(buffer.TryGet(65_539, out var packet));
        Assert.Equal(new byte[] { unchecked((byte)65_539), 0xAA }, packet.ToArray());
        Assert.False(buffer.TryGet(65_531, out _)); // overwritten by 65_539 (capacity 8)
        Assert.True(buffer.TryGet(65_532, out _));
        Assert.False(buffer.TryGet(70_000, out _)); // never stored
    }

    [Fact]
    public void AnOlderPacketDoesNotEvictANewerOne()
    {
        using var buffer = new RetransmissionBuffer(4);
        Assert.True(buffer.Store(9, [9]));
        Assert.False(buffer.Store(5, [5])); // same slot, older
        Assert.True(buffer.TryGet(9, out _));
    }

    [Fact]
    public void OversizedPacketsAreNotKept()
    {
        using var buffer = new RetransmissionBuffer(4);
        Assert.False(buffer.Store(1, new byte[RetransmissionBuffer.MaxPacketSize + 1]));
        Assert.False(buffer.TryGet(1, out _));
    }

    [Fact]
    public void CapacityMustBeAPowerOfTwo() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetransmissionBuffer(100));

    [Fact]
    public void StoringReusesSlotsWithoutAllocating()
    {
        using var buffer = new RetransmissionBuffer(64);
        var packet = new byte[1200];
        for (long seq = 0; seq < 64; seq++)
        {
            buffer.Store(seq, packet); // the first packet allocates the ring
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (long seq = 64; seq < 64 + 1_000; seq++)
        {
            buffer.Store(seq, packet);
            buffer.TryGet(seq, out _);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
