using Confab.LoadGen.Measurement;

namespace Confab.LoadGen.Tests.Measurement;

public class UdpCountersTests
{
    [Fact]
    public void Receive_buffer_errors_are_found_by_column_name()
    {
        const string snmp = "Ip: Forwarding DefaultTTL\nIp: 1 64\nUdp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors\nUdp: 1000 0 3 990 7 0\n";
        Assert.True(UdpCounters.TryReadReceiveBufferErrors(snmp, out long errors));
        Assert.Equal(7, errors);
        Assert.False(UdpCounters.TryReadReceiveBufferErrors("Udp: InDatagrams\nUdp: 5\n", out _));
        Assert.False(UdpCounters.TryReadReceiveBufferErrors(null, out _));
    }

    [Fact]
    public void This_machine_has_udp_counters()
    {
        Assert.True(UdpCounters.TryReadReceiveBufferErrors(File.ReadAllText(UdpCounters.SnmpPath), out long errors));
        Assert.True(errors >= 0);
    }
}
