using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Confab.E2E.Tests;

/// <summary>A two-page call keeps decoding while the media port takes 100,000 malformed datagrams.</summary>
public class MalformedDatagramFloodTests
{
    private const int DatagramCount = 100_000;
    private const int ChunkSize = 5_000;
    private const long MaxResidentGrowthBytes = 64L * 1024 * 1024;
    private static readonly TimeSpan CountTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The sum of confab_media_datagrams_dropped over its reasons, from /metrics.</summary>
    private static async Task<long> DroppedAsync(HttpClient http)
    {
        string metrics = await http.GetStringAsync("metrics");
        return metrics.Split('\n')
            .Where(line => line.StartsWith("confab_media_datagrams_dropped", StringComparison.Ordinal))
            .Sum(line => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task WaitUntilCountedAsync(HttpClient http, long expected)
    {
        var deadline = DateTime.UtcNow + CountTimeout;
        long counted;
        while ((counted = await DroppedAsync(http)) < expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the server counted {counted} dropped datagrams, not {expected}");
            await Task.Delay(50); // poll the counter; the deadline bounds the wait
        }
    }

    [Fact]
    public async Task TheCallSurvivesAFloodOfMalformedDatagrams()
    {
        await using var server = await ServerProcess.StartAsync();
        Assert.NotEqual(0, server.MediaPort);
        var (playwright, browser) = await ChromiumBrowser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var a = await DevRoomPage.JoinAsync(browser, server.BaseUrl, "flood", "ana");
            var b = await DevRoomPage.JoinAsync(browser, server.BaseUrl, "flood", "ben");
            await a.WaitForMediaGrowingFromAsync([b.PeerId]);
            await b.WaitForMediaGrowingFromAsync([a.PeerId]);
            long residentBefore = server.ResidentBytes();

            // In chunks, each sent once the server has counted most of the previous ones, so the test measures the
            // server and not the kernel's socket buffer.
            using var http = new HttpClient { BaseAddress = server.BaseUrl };
            long droppedBefore = await DroppedAsync(http);
            var random = new Random(12345);
            var target = new IPEndPoint(IPAddress.Loopback, server.MediaPort);
            for (int sent = 0; sent < DatagramCount; sent += ChunkSize)
            {
                await Task.Run(() => Flood(target, random, ChunkSize));
                await WaitUntilCountedAsync(http, droppedBefore + ((sent + ChunkSize) * 95L / 100));
            }

            Assert.False(server.HasExited, server.Output);
            await a.WaitForMediaGrowingFromAsync([b.PeerId]);
            await b.WaitForMediaGrowingFromAsync([a.PeerId]);
            long growth = server.ResidentBytes() - residentBefore;
            Assert.True(growth < MaxResidentGrowthBytes, $"resident memory grew by {growth / 1024} KiB");
            Assert.Empty(await a.ErrorsAsync());
            Assert.Empty(await b.ErrorsAsync());

            // Every refused datagram was counted in /metrics (by reason); what the kernel may have lost is the rest.
            Assert.True(await DroppedAsync(http) - droppedBefore >= DatagramCount * 95L / 100);
        }
    }

    /// <summary>
    /// Random datagrams shaped to reach every parser: STUN (with the magic cookie, some with a USERNAME of an
    /// unknown ufrag), DTLS records, RTP and RTCP headers, and plain noise; from many source ports.
    /// </summary>
    private static void Flood(IPEndPoint target, Random random, int count)
    {
        var buffer = new byte[1500];
        var sockets = Enumerable.Range(0, 16).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)).ToArray();
        try
        {
            for (int i = 0; i < count; i++)
            {
                int length = random.Next(1, buffer.Length);
                random.NextBytes(buffer.AsSpan(0, length));
                switch (i % 5)
                {
                    case 0 when length >= 20: // STUN binding request header, random attributes
                        buffer[0] = 0x00;
                        buffer[1] = 0x01;
                        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), (ushort)((length - 20) & ~3));
                        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), 0x2112A442);
                        break;
                    case 1: // DTLS record range
                        buffer[0] = (byte)random.Next(20, 64);
                        break;
                    case 2: // RTP, version 2
                        buffer[0] = 0x80;
                        break;
                    case 3 when length >= 2: // RTCP packet types
                        buffer[0] = 0x81;
                        buffer[1] = (byte)random.Next(192, 224);
                        break;
                }
                sockets[i % sockets.Length].SendTo(buffer.AsSpan(0, length), SocketFlags.None, target);
            }
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }
}
