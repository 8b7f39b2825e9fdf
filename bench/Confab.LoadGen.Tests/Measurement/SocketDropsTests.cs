using System.Net;
using System.Net.Sockets;
using Confab.LoadGen.Measurement;

namespace Confab.LoadGen.Tests.Measurement;

public class SocketDropsTests
{
    [Fact]
    public void A_table_gives_each_sockets_drops_by_inode()
    {
        const string table =
            "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
            + "  512: 0100007F:9C41 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 41221 2 00000000a1b2c3d4 17\n"
            + " 1024: 00000000:14E9 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 5150 2 00000000deadbeef 0\n"
            + "  7: short line\n";
        var drops = new Dictionary<long, long>();
        SocketDrops.ParseTable(table, drops);
        Assert.Equal(new Dictionary<long, long> { [41221] = 17, [5150] = 0 }, drops);
    }

    [Theory]
    [InlineData("socket:[41221]", true, 41221)]
    [InlineData("pipe:[41221]", false, 0)]
    [InlineData("socket:[x]", false, 0)]
    [InlineData("socket:[", false, 0)]
    [InlineData(null, false, 0)]
    public void Only_socket_links_name_an_inode(string? target, bool isSocket, long inode)
    {
        Assert.Equal(isSocket, SocketDrops.TryParseSocketLink(target, out long parsed));
        Assert.Equal(inode, parsed);
    }

    [Fact]
    public void Datagrams_dropped_at_a_full_socket_of_this_process_are_counted_for_it()
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4096 };
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        Assert.True(SocketDrops.TryParseSocketLink(new FileInfo($"/proc/self/fd/{receiver.Handle}").LinkTarget, out long inode));
        long? before = ReadTotal(Environment.ProcessId);
        Assert.NotNull(before);

        // Nobody reads the receiver: a few datagrams fill its small buffer and the kernel drops the rest there.
        byte[] datagram = new byte[1000];
        for (int i = 0; i < 200; i++)
        {
            sender.SendTo(datagram, receiver.LocalEndPoint!);
        }

        long? after = ReadTotal(Environment.ProcessId);
        var table = new Dictionary<long, long>();
        SocketDrops.ParseTable(File.ReadAllText(SocketDrops.TablePaths[0]), table);
        Assert.InRange(table[inode], 150, 200); // this socket's own line
        Assert.NotNull(after);
        Assert.True(after.Value - before.Value >= table[inode], $"the process's drops grew by {after - before}"); // other tests' sockets may drop too
    }

    [Fact]
    public void A_process_that_is_gone_reads_as_unknown()
    {
        Assert.Null(ReadTotal(int.MaxValue));
    }

    // As a window mark reads it: both tables, then the process's sockets in them.
    private static long? ReadTotal(int pid)
    {
        Dictionary<long, long>? tables = SocketDrops.ReadTables();
        Assert.NotNull(tables);
        return SocketDrops.Total(pid, tables);
    }
}
