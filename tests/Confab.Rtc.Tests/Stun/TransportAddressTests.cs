using System.Net;
using System.Net.Sockets;
using Confab.Rtc.Stun;

namespace Confab.Rtc.Tests.Stun;

public class TransportAddressTests
{
    [Theory]
    [InlineData("192.0.2.1", 32853)]
    [InlineData("2001:db8::7", 5000)]
    public void FromSocketAddress_MatchesFromEndPoint(string ip, int port)
    {
        var endPoint = new IPEndPoint(IPAddress.Parse(ip), port);
        Assert.True(TransportAddress.TryFromSocketAddress(endPoint.Serialize(), out TransportAddress fromSocket));
        Assert.Equal(TransportAddress.FromEndPoint(endPoint), fromSocket);
        Assert.Equal(endPoint, fromSocket.ToIPEndPoint());
        Assert.Equal((ushort)port, fromSocket.Port);
    }

    [Fact]
    public void IPv4MappedIPv6_EqualsPlainIPv4()
    {
        var mapped = new IPEndPoint(IPAddress.Parse("::ffff:192.0.2.7"), 3478);
        var plain = new IPEndPoint(IPAddress.Parse("192.0.2.7"), 3478);
        Assert.True(TransportAddress.TryFromSocketAddress(mapped.Serialize(), out TransportAddress a));
        Assert.Equal(TransportAddress.FromEndPoint(plain), a);
        Assert.True(a.IsIPv4);
    }

    [Fact]
    public void DifferentPortsOrAddresses_AreDifferentKeys()
    {
        var a = TransportAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse("10.0.0.1"), 1000));
        var b = TransportAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse("10.0.0.1"), 1001));
        var c = TransportAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse("10.0.0.2"), 1000));
        var d = TransportAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse("::a00:1"), 1000));
        var set = new HashSet<TransportAddress> { a, b, c, d, a };
        Assert.Equal(4, set.Count);
    }

    [Fact]
    public void UnixSocketAddress_IsNotATransportAddress()
    {
        var unix = new SocketAddress(AddressFamily.Unix, 16);
        Assert.False(TransportAddress.TryFromSocketAddress(unix, out _));
    }
}
