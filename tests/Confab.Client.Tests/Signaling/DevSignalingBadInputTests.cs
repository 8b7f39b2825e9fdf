using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Confab.Client.Sdp;
using Confab.Client.Tests.Transport;
using Confab.Rtc.Sdp;

namespace Confab.Client.Tests.Signaling;

/// <summary>
/// Bad messages on the development signaling socket of a real server: each gets an `error` with the documented
/// code, and the socket (and the server) go on serving.
/// </summary>
public class DevSignalingBadInputTests
{
    [Fact]
    public async Task Each_bad_message_is_refused_with_its_code_and_the_socket_keeps_working()
    {
        await using ServerProcess server = await ServerProcess.StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.SignalingEndpoint, CancellationToken.None).WaitAsync(SfuHarness.Patience);

        (string Message, string Code)[] beforeJoin =
        [
            ("not json", "bad-message"),
            ("[1,2]", "bad-message"),
            ("{\"type\":\"dance\"}", "bad-message"),
            ("{\"type\":\"select-video\",\"peers\":[]}", "not-joined"),
            ("{\"type\":\"join\",\"room\":\"bad room!\",\"name\":\"x\"}", "bad-message"),
            ("{\"type\":\"join\",\"room\":\"r\",\"name\":\"x\",\"video\":\"some\"}", "bad-message"),
            ("{\"type\":\"join\",\"room\":\"r\",\"name\":\"x\",\"video\":7}", "bad-message"),
        ];
        foreach (var (message, code) in beforeJoin)
        {
            Assert.Equal(code, await ErrorCodeForAsync(socket, message));
        }

        await SendAsync(socket, "{\"type\":\"join\",\"room\":\"bad-input\",\"name\":\"x\",\"video\":\"selected\"}");
        Assert.Equal("welcome", (await ReceiveAsync(socket)).GetProperty("type").GetString());

        (string Message, string Code)[] afterJoin =
        [
            ("{\"type\":\"select-video\"}", "bad-message"),
            ("{\"type\":\"select-video\",\"peers\":{}}", "bad-message"),
            ("{\"type\":\"select-video\",\"peers\":[\"abc\"]}", "bad-message"),
            ("{\"type\":\"select-video\",\"peers\":[{\"peerId\":\"abc\",\"layer\":\"huge\"}]}", "bad-message"),
            ("{\"type\":\"select-video\",\"peers\":[{\"peerId\":\"\"}]}", "bad-message"),
            ("{\"type\":\"join\",\"room\":\"r\",\"name\":\"x\"}", "already-joined"),
            ("{\"type\":\"subscribe-answer\",\"version\":9,\"sdp\":\"v=0\\r\\n\"}", "bad-sdp"),
            ("{\"type\":\"select-video\",\"peers\":[{\"peerId\":\"abc\",\"source\":\"microphone\"}]}", "bad-message"),
            ("{\"type\":\"select-video\",\"peers\":[{\"peerId\":\"abc\",\"source\":\"tv\"}]}", "bad-message"),
            ("{\"type\":\"publish-offer\",\"sdp\":\"v=0\\r\\n\",\"sources\":{\"0\":\"webcam\"}}", "bad-message"),
            ("{\"type\":\"publish-offer\",\"sdp\":\"v=0\\r\\n\",\"sources\":{\"0\":7}}", "bad-message"),
            ("{\"type\":\"publish-offer\",\"sdp\":\"v=0\\r\\n\",\"sources\":[\"screen\"]}", "bad-message"),
            ("{\"type\":\"publish-offer\",\"sdp\":\"v=0\\r\\n\",\"sources\":{\"\":\"screen\"}}", "bad-message"),
            (PublishOffer(new Dictionary<string, string> { [ClientSdp.AudioMid] = "camera" }), "bad-message"),
            (PublishOffer(new Dictionary<string, string> { [ClientSdp.VideoMid] = "microphone" }), "bad-message"),
        ];
        foreach (var (message, code) in afterJoin)
        {
            Assert.Equal(code, await ErrorCodeForAsync(socket, message));
        }

        // A selection naming nobody present is applied (nothing selected) and the unknown ids are reported.
        await SendAsync(socket, "{\"type\":\"select-video\",\"peers\":[{\"peerId\":\"nobody\",\"layer\":\"low\"}]}");
        JsonElement reply = await ReceiveAsync(socket);
        Assert.Equal("video-selected", reply.GetProperty("type").GetString());
        Assert.Equal(0, reply.GetProperty("peers").GetArrayLength());
        Assert.Equal("nobody", reply.GetProperty("unknown")[0].GetString());
        Assert.Equal(0, reply.GetProperty("screens").GetArrayLength());
    }

    // A valid publish offer (audio and video) with the given sources.
    private static string PublishOffer(Dictionary<string, string> sources)
    {
        var offer = ClientSdp.BuildPublishOffer(new PublishOfferOptions
        {
            IceUfrag = "ufrag",
            IcePwd = "passwordpasswordpassword",
            Fingerprint = "sha-256 " + string.Join(':', Enumerable.Repeat("AB", 32)),
            AudioSsrc = 1111,
            VideoSsrc = 2222,
            VideoRtxSsrc = 2223,
            Cname = "cname",
            StreamId = "stream",
        });
        return JsonSerializer.Serialize(new { type = "publish-offer", sdp = SdpWriter.Write(offer), sources });
    }

    [Fact]
    public async Task A_peer_that_receives_every_video_cannot_select()
    {
        await using ServerProcess server = await ServerProcess.StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.SignalingEndpoint, CancellationToken.None).WaitAsync(SfuHarness.Patience);
        await SendAsync(socket, "{\"type\":\"join\",\"room\":\"all-video\",\"name\":\"x\"}");
        Assert.Equal("welcome", (await ReceiveAsync(socket)).GetProperty("type").GetString());

        JsonElement error = await ReceiveAfterAsync(socket, "{\"type\":\"select-video\",\"peers\":[]}");
        Assert.Equal("bad-message", error.GetProperty("code").GetString());
        Assert.Contains("selected", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<string?> ErrorCodeForAsync(ClientWebSocket socket, string message)
    {
        JsonElement reply = await ReceiveAfterAsync(socket, message);
        Assert.Equal("error", reply.GetProperty("type").GetString());
        return reply.GetProperty("code").GetString();
    }

    private static async Task<JsonElement> ReceiveAfterAsync(ClientWebSocket socket, string message)
    {
        await SendAsync(socket, message);
        return await ReceiveAsync(socket);
    }

    private static Task SendAsync(ClientWebSocket socket, string message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(SfuHarness.Patience);

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        int length = 0;
        while (true)
        {
            ValueWebSocketReceiveResult result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None)
                .AsTask().WaitAsync(SfuHarness.Patience);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            length += result.Count;
            if (result.EndOfMessage)
            {
                using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
                return document.RootElement.Clone();
            }
        }
    }
}
