using Confab.Rtc.Rtp;

namespace Confab.Rtc.Tests.Rtp;

public class UnwrapperTests
{
    [Fact]
    public void Sequence_numbers_cross_65535_to_0()
    {
        var unwrapper = default(SequenceUnwrapper);
        ushort[] input = [65533, 65534, 65535, 0, 1, 2];
        long[] expected = [65533, 65534, 65535, 65536, 65537, 65538];

        Assert.Equal(expected, input.Select(s => unwrapper.Unwrap(s)).ToArray());
        Assert.Equal(65538, unwrapper.Highest);
    }

    [Fact]
    public void Reordered_packets_around_the_wrap_land_in_the_right_cycle()
    {
        var unwrapper = default(SequenceUnwrapper);
        ushort[] input = [65534, 0, 65535, 2, 1, 65533, 3];
        long[] expected = [65534, 65536, 65535, 65538, 65537, 65533, 65539];

        Assert.Equal(expected, input.Select(s => unwrapper.Unwrap(s)).ToArray());
    }

    [Fact]
    public void Duplicates_map_to_the_same_value_and_do_not_advance()
    {
        var unwrapper = default(SequenceUnwrapper);
        Assert.Equal(65535, unwrapper.Unwrap(65535));
        Assert.Equal(65536, unwrapper.Unwrap(0));
        Assert.Equal(65536, unwrapper.Unwrap(0));
        Assert.Equal(65535, unwrapper.Unwrap(65535));
        Assert.Equal(65536, unwrapper.Highest);
        Assert.Equal(65537, unwrapper.Unwrap(1));
    }

    [Fact]
    public void Many_cycles_forward()
    {
        var unwrapper = default(SequenceUnwrapper);
        long expected = 0;
        unwrapper.Unwrap(0);
        for (int i = 0; i < 10 * 65536 / 20000; i++)
        {
            expected += 20000;
            Assert.Equal(expected, unwrapper.Unwrap((ushort)(expected & 0xffff)));
        }
    }

    [Fact]
    public void Packets_older_than_the_first_go_negative_and_peek_does_not_record()
    {
        var unwrapper = default(SequenceUnwrapper);
        Assert.False(unwrapper.IsInitialized);
        Assert.Equal(5, unwrapper.PeekUnwrap(5));
        Assert.False(unwrapper.IsInitialized);
        Assert.Equal(5, unwrapper.Unwrap(5));
        Assert.Equal(-1, unwrapper.Unwrap(65535));
        Assert.Equal(10, unwrapper.PeekUnwrap(10));
        Assert.Equal(5, unwrapper.Highest);
        unwrapper.Reset();
        Assert.False(unwrapper.IsInitialized);
        Assert.Equal(65535, unwrapper.Unwrap(65535));
    }

    [Fact]
    public void Half_range_steps_forward_are_newer_and_back_are_older()
    {
        var unwrapper = default(SequenceUnwrapper);
        unwrapper.Unwrap(0);
        Assert.Equal(32767, unwrapper.Unwrap(32767));   // +32767: newer
        Assert.Equal(-1, unwrapper.Unwrap(65535));      // −32768 from 32767: older
        Assert.Equal(32767, unwrapper.Highest);
    }

    [Fact]
    public void Timestamps_cross_the_32_bit_wrap_with_reordering()
    {
        var unwrapper = default(TimestampUnwrapper);
        uint[] input = [0xffff_fc18, 0xffff_ffff, 0x0000_0100, 0xffff_fff0, 0x0000_0400, 0x0000_0100];
        long[] expected = [0xffff_fc18, 0xffff_ffff, 0x1_0000_0100, 0xffff_fff0, 0x1_0000_0400, 0x1_0000_0100];

        Assert.Equal(expected, input.Select(t => unwrapper.Unwrap(t)).ToArray());
        Assert.Equal(0x1_0000_0400, unwrapper.Highest);
    }

    [Fact]
    public void Timestamps_advance_through_several_cycles()
    {
        var unwrapper = default(TimestampUnwrapper);
        long timestamp = 3_000_000_000;
        unwrapper.Unwrap((uint)timestamp);
        for (int i = 0; i < 20; i++)
        {
            timestamp += 1_500_000_000; // 90 kHz clock: about 4.6 hours per step, below the 2^31 half range
            Assert.Equal(timestamp, unwrapper.Unwrap(unchecked((uint)timestamp)));
        }

        Assert.Equal(timestamp - 3000, unwrapper.Unwrap(unchecked((uint)(timestamp - 3000))));
        Assert.Equal(timestamp, unwrapper.Highest);
        Assert.Equal(timestamp + 1, unwrapper.PeekUnwrap(unchecked((uint)(timestamp + 1))));
        Assert.Equal(timestamp, unwrapper.Highest);
    }
}
