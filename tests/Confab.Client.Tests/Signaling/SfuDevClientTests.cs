using System.Text.Json.Nodes;
using Confab.Client.Receive;
using Confab.Client.Signaling;
using Confab.Client.Tests.Transport;
using Confab.Client.Transport;
using Confab.Rtc.Net;
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

    [Fact]
    public async Task On_a_shared_io_loop_media_is_sent_by_its_pump_and_every_delay_is_observed()
    {
        await using var server = new ScriptedSignalingServer();
        await server.StartAsync();
        using var loop = new MediaIoLoop("test-io");
        await using var client = new SfuDevClient(server.Endpoint, new SfuDevClientOptions { Connection = new ClientPeerConnectionOptions { Loop = loop } });
        await client.JoinAsync("room-1", "bot").WaitAsync(SfuHarness.Patience);
        await client.PublishAsync(audio: true, video: true, videoBitrate: 400_000).WaitAsync(SfuHarness.Patience);
        await SfuHarness.WaitUntilAsync(() => client.ReceivedStreamCount == 2, "our audio and video back");
        Assert.Equal(2, loop.SocketCount); // publish and subscribe, no thread of their own

        var delays = new System.Collections.Concurrent.ConcurrentQueue<long>();
        long samplesBefore = client.GetReceiveStats()[ScriptedSignalingServer.PeerId].Sum(s => s.DelaySamples);
        client.SubscribeConnection!.Incoming.DelayObserved = delays.Enqueue;
        await SfuHarness.WaitUntilAsync(() => delays.Count >= 100, "100 packets' delays");
        client.SubscribeConnection.Incoming.DelayObserved = null;
        long samplesAfter = client.GetReceiveStats()[ScriptedSignalingServer.PeerId].Sum(s => s.DelaySamples);

        // Packets with a probe were observed once each, none outside the two counts (but the one the receive thread
        // may have been handling as the observer was set).
        Assert.InRange(delays.Count, 100, samplesAfter - samplesBefore + 1);
        Assert.All(delays, d => Assert.InRange(d, 0, 1_000_000));
        Assert.Equal(0, loop.PumpFaults);
    }
}
