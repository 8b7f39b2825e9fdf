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
}
