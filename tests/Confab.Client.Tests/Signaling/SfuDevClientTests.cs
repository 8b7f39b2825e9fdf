using System.Text.Json.Nodes;
using Confab.Client.Receive;
using Confab.Client.Signaling;
using Confab.Client.Tests.Transport;
using Confab.Rtc.Sdp;

namespace Confab.Client.Tests.Signaling;

public class SfuDevClientTests
{
    [Fact]
    public async Task Join_publish_and_subscribe_follow_the_protocol_and_media_flows_back()
    {
        await using var server = new ScriptedSignalingServer();
        await server.StartAsync();
        await using var client = new SfuDevClient(server.Endpoint);
        var joined = new List<string>();
        var left = new List<string>();
        client.PeerJoined += (id, _) => joined.Add(id);
        client.PeerLeft += left.Add;

        WelcomeInfo welcome = await client.JoinAsync("room-1", "bot").WaitAsync(SfuHarness.Patience);
        Assert.Equal(ScriptedSignalingServer.PeerId, welcome.PeerId);
        Assert.Equal([new RemotePeer("p-early", "early")], welcome.Peers);

        await client.PublishAsync(audio: true, video: true, videoBitrate: 400_000).WaitAsync(SfuHarness.Patience);

        await SfuHarness.WaitUntilAsync(() =>
            client.GetReceiveStats().TryGetValue(ScriptedSignalingServer.PeerId, out var streams)
            && streams.Any(s => s.Kind == MediaKind.Audio && s.Packets >= 25)
            && streams.Any(s => s.Kind == MediaKind.Video && s.FramesCompleted >= 15), "our own media to come back through the SFU");

        IReadOnlyList<ReceiveStreamSnapshot> mine = client.GetReceiveStats()[ScriptedSignalingServer.PeerId];
        Assert.All(mine, s => Assert.InRange(s.Lost, 0, s.Expected / 100));
        Assert.Equal(["p-late"], joined);
        Assert.Equal(["p-early"], left);
        Assert.Equal(["p-late"], client.Peers.Keys);
        Assert.Equal(1, client.SubscribeOffersAnswered);

        await client.LeaveAsync();
        await SfuHarness.WaitUntilAsync(() => server.Received.Any(m => (string?)m["type"] == "leave"), "the leave message");
        IReadOnlyList<JsonObject> received = server.Received;
        Assert.Equal(["join", "publish-offer", "subscribe-answer", "leave"], received.Select(m => (string)m["type"]!));
        Assert.Equal(("room-1", "bot"), ((string?)received[0]["room"], (string?)received[0]["name"]));
        Assert.Equal(1, (int)received[2]["version"]!);
    }
}
