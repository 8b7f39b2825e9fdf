using Confab.Rtc.Stun;

namespace Confab.Rtc.Tests.Stun;

public class StunMessageTypeTests
{
    [Theory]
    [InlineData(0x0001, 0x001, StunClass.Request)]          // Binding request (RFC 8489 §5)
    [InlineData(0x0101, 0x001, StunClass.SuccessResponse)]  // Binding success response
    [InlineData(0x0111, 0x001, StunClass.ErrorResponse)]    // Binding error response
    [InlineData(0x0011, 0x001, StunClass.Indication)]       // Binding indication
    [InlineData(0x0003, 0x003, StunClass.Request)]          // Allocate request (RFC 8656)
    [InlineData(0x0113, 0x003, StunClass.ErrorResponse)]    // Allocate error response
    [InlineData(0x0016, 0x006, StunClass.Indication)]       // Send indication
    [InlineData(0x0017, 0x007, StunClass.Indication)]       // Data indication
    [InlineData(0x0109, 0x009, StunClass.SuccessResponse)]  // ChannelBind success response
    [InlineData(0x3EEF, 0xFFF, StunClass.Request)]          // highest method, all method bits set
    [InlineData(0x3FFF, 0xFFF, StunClass.ErrorResponse)]    // every bit set
    public void WireValue_SplitsAndJoins(int wire, int method, StunClass cls)
    {
        StunMessageType type = StunMessageType.FromWire((ushort)wire);
        Assert.Equal((ushort)method, type.Method);
        Assert.Equal(cls, type.Class);
        Assert.Equal((ushort)wire, new StunMessageType((ushort)method, cls).ToWire());
    }
}
