using Confab.Rtc.Dtls;

namespace Confab.Rtc.Tests.Dtls;

/// <summary>RFC 6347 §4.2.4: lost flights are retransmitted on a timer until the handshake completes.</summary>
public sealed class DtlsEndpointLossTests
{
    private const byte ChangeCipherSpec = 20;

    [Fact]
    public async Task Lost_ClientHello_is_retransmitted_and_the_handshake_completes()
    {
        using var pair = new DtlsPair();
        pair.ClientToServer.Drop = (index, _) => index == 0;

        var (server, client) = await pair.ConnectAsync();

        Assert.Equal(1, pair.ClientToServer.Dropped);
        Assert.Equal(server.SrtpKeys.KeyingMaterial, client.SrtpKeys.KeyingMaterial);
    }

    [Fact]
    public async Task Lost_first_server_flight_is_retransmitted_and_the_handshake_completes()
    {
        using var pair = new DtlsPair();
        // Everything the server sends before the client retransmits its ClientHello is lost.
        pair.ServerToClient.Drop = (_, _) => pair.ClientToServer.Sent < 2;

        var (server, client) = await pair.ConnectAsync();

        Assert.True(pair.ServerToClient.Dropped >= 1);
        Assert.Equal(server.SrtpKeys.KeyingMaterial, client.SrtpKeys.KeyingMaterial);
    }

    [Fact]
    public async Task Lost_final_server_flight_is_resent_by_the_connected_server()
    {
        using var pair = new DtlsPair();
        var clientEpochOneDatagrams = 0;
        pair.ClientToServer.Drop = (_, datagram) =>
        {
            if (DtlsPair.EpochOf(datagram) == 1)
            {
                Interlocked.Increment(ref clientEpochOneDatagrams);
            }

            return false;
        };
        // The server's ChangeCipherSpec and Finished are lost until the client retransmits its Finished. By then the
        // server has completed its side: only the post-handshake receive path can answer the retransmission.
        pair.ServerToClient.Drop = (_, datagram) =>
            (datagram[0] == ChangeCipherSpec || DtlsPair.EpochOf(datagram) == 1)
            && Volatile.Read(ref clientEpochOneDatagrams) < 2;

        var (server, client) = await pair.ConnectAsync();

        Assert.True(pair.ServerToClient.Dropped >= 1);
        Assert.True(Volatile.Read(ref clientEpochOneDatagrams) >= 2);
        Assert.Equal(server.SrtpKeys.KeyingMaterial, client.SrtpKeys.KeyingMaterial);
    }

    [Theory]
    [InlineData(160)] // below our ClientHello (about 190 bytes) and certificates (about 310)
    [InlineData(250)] // below the certificates only
    public async Task Flights_fragmented_by_a_small_MTU_are_reassembled(int mtuBytes)
    {
        // The ClientHello and the Certificate messages exceed the MTU and travel in several fragments (RFC 6347
        // §4.2.3), like Chromium's large ClientHello does.
        var options = new DtlsEndpointOptions { MtuBytes = mtuBytes };
        using var pair = new DtlsPair(options, options);
        var largest = 0;
        var fragmentedClientMessages = new HashSet<byte>();
        var fragmentedServerMessages = new HashSet<byte>();
        pair.ClientToServer.Drop = (_, datagram) =>
        {
            largest = Math.Max(largest, datagram.Length);
            CollectFragmentedMessageTypes(datagram, fragmentedClientMessages);
            return false;
        };
        pair.ServerToClient.Drop = (_, datagram) =>
        {
            largest = Math.Max(largest, datagram.Length);
            CollectFragmentedMessageTypes(datagram, fragmentedServerMessages);
            return false;
        };

        var (server, client) = await pair.ConnectAsync();

        Assert.InRange(largest, 1, mtuBytes);
        Assert.Contains(CertificateMessage, fragmentedClientMessages);
        Assert.Contains(CertificateMessage, fragmentedServerMessages);
        if (mtuBytes == 160)
        {
            Assert.Contains(ClientHelloMessage, fragmentedClientMessages);
        }

        Assert.Equal(server.SrtpKeys.KeyingMaterial, client.SrtpKeys.KeyingMaterial);
    }

    private const byte ClientHelloMessage = 1;
    private const byte CertificateMessage = 11;

    /// <summary>
    /// Walks the plaintext handshake records of a datagram (RFC 6347 §4.1, §4.2.2) and notes the msg_type of every
    /// fragment that carries less than the whole message:
    /// <code>
    /// record: type(1)=22 | version(2) | epoch(2)=0 | sequence_number(6) | length(2)
    /// handshake: msg_type(1) | length(3) | message_seq(2) | fragment_offset(3) | fragment_length(3)
    /// </code>
    /// </summary>
    private static void CollectFragmentedMessageTypes(ReadOnlySpan<byte> datagram, HashSet<byte> types)
    {
        const int recordHeader = 13;
        const int handshakeHeader = 12;
        var offset = 0;
        while (datagram.Length - offset >= recordHeader)
        {
            var record = datagram[offset..];
            var length = (record[11] << 8) | record[12];
            if (record[0] == 22 && DtlsPair.EpochOf(record) == 0 && length >= handshakeHeader)
            {
                var body = record[recordHeader..];
                var messageLength = (body[1] << 16) | (body[2] << 8) | body[3];
                var fragmentLength = (body[9] << 16) | (body[10] << 8) | body[11];
                if (fragmentLength < messageLength)
                {
                    lock (types)
                    {
                        types.Add(body[0]);
                    }
                }
            }

            offset += recordHeader + length;
        }
    }
}
