using System.Text.Json;
using System.Text.Json.Nodes;
using Confab.LoadGen.Janus;

namespace Confab.LoadGen.Tests.Janus;

public class JanusMessageTests
{
    [Fact]
    public void Session_and_handle_creation_replies_give_their_ids()
    {
        JanusMessage session = Fixture.Single("session-created.json");
        Assert.Equal(JanusMessageKind.Success, session.Kind);
        Assert.Equal("create-1", session.Transaction);
        Assert.Equal(6822022412134983, session.DataId);

        JanusMessage handle = Fixture.Single("handle-attached.json");
        Assert.Equal(JanusMessageKind.Success, handle.Kind);
        Assert.Equal(6822022412134983, handle.SessionId);
        Assert.Equal(6422514095090573, handle.DataId);
    }

    [Fact]
    public void Api_errors_carry_code_and_reason()
    {
        JanusMessage error = Fixture.Single("unknown-request-error.json");
        Assert.Equal(JanusMessageKind.Error, error.Kind);
        Assert.Equal(453, error.ErrorCode);
        Assert.Equal("Unknown request 'bogus'", error.ErrorReason);
    }

    [Fact]
    public void Plugin_errors_are_success_replies_whose_videoroom_data_has_an_error_code()
    {
        JanusMessage reply = Fixture.Single("room-exists.json");
        Assert.Equal(JanusMessageKind.Success, reply.Kind);
        Assert.Equal(JanusRequests.VideoRoomPlugin, reply.Plugin);
        Assert.True(VideoRoomEvent.TryRead(reply.PluginData, out VideoRoomEvent? room));
        Assert.True(room!.IsError);
        Assert.Equal(427, room.ErrorCode);
        Assert.Equal("Room 4242 already exists", room.Error);
    }

    [Fact]
    public void Ack_then_long_poll_array_with_the_joined_event()
    {
        JanusMessage ack = Fixture.Single("join-ack.json");
        Assert.Equal(JanusMessageKind.Ack, ack.Kind);
        Assert.Equal("join-1", ack.Transaction);

        JanusMessage joined = Fixture.Single("poll-joined.json");
        Assert.Equal(JanusMessageKind.Event, joined.Kind);
        Assert.Equal("join-1", joined.Transaction);
        Assert.Equal(6422514095090573, joined.Sender);
        Assert.True(VideoRoomEvent.TryRead(joined.PluginData, out VideoRoomEvent? room));
        Assert.Equal("joined", room!.Kind);
        Assert.Equal(4242, room.Room);
        Assert.Equal(3794813250289043, room.Id);
        Assert.Equal(3628602574, room.PrivateId);
        Assert.Empty(room.Publishers);
    }

    [Fact]
    public void Configured_event_carries_our_streams_and_janus_answer()
    {
        JanusMessage configured = Fixture.Single("poll-configured.json");
        Assert.NotNull(configured.Jsep);
        Assert.True(configured.Jsep!.IsAnswer);
        Assert.StartsWith("v=0\r\n", configured.Jsep.Sdp, StringComparison.Ordinal);
        Assert.True(VideoRoomEvent.TryRead(configured.PluginData, out VideoRoomEvent? room));
        Assert.True(room!.Configured);
        Assert.Equal(
            [new VideoRoomStream("audio", 0, "0", "opus"), new VideoRoomStream("video", 1, "1", "vp8")],
            room.Streams);
    }

    [Fact]
    public void New_publishers_event_lists_their_streams()
    {
        JanusMessage message = Fixture.Single("event-publishers.json");
        Assert.True(VideoRoomEvent.TryRead(message.PluginData, out VideoRoomEvent? room));
        VideoRoomPublisher publisher = Assert.Single(room!.Publishers);
        Assert.Equal(5049568353660699, publisher.Id);
        Assert.Equal("p2", publisher.Display);
        Assert.Equal(2, publisher.Streams.Count);
        Assert.Equal("vp8", publisher.Streams[1].Codec);
    }

    [Fact]
    public void One_poll_can_hold_events_for_several_handles()
    {
        List<JanusMessage> messages = Fixture.Messages("poll-leaving.json");
        Assert.Equal(2, messages.Count);
        Assert.Equal(6422514095090573, messages[0].Sender);
        Assert.True(VideoRoomEvent.TryRead(messages[0].PluginData, out VideoRoomEvent? other));
        Assert.Equal(5049568353660699, other!.Leaving);
        Assert.Equal(2991535770644489, messages[1].Sender);
        Assert.True(VideoRoomEvent.TryRead(messages[1].PluginData, out VideoRoomEvent? own));
        Assert.Null(own!.Leaving); // our own leave says "leaving": "ok", not an id
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"janus\": 5}")]
    [InlineData("{\"transaction\": \"x\"}")]
    [InlineData("[1, 2")]
    public void Unreadable_bodies_are_refused(string body)
    {
        Assert.False(JanusMessage.TryReadAll(body, out _));
    }

    [Fact]
    public void Non_message_items_of_a_poll_array_are_skipped()
    {
        Assert.True(JanusMessage.TryReadAll("[{\"janus\":\"keepalive\"}, 3, {\"x\":1}]", out List<JanusMessage> messages));
        Assert.Equal(JanusMessageKind.Keepalive, Assert.Single(messages).Kind);
    }

    [Fact]
    public void Mutated_fixtures_never_throw()
    {
        var random = new Random(12345);
        string[] names = ["poll-configured.json", "poll-joined.json", "event-publishers.json", "event-subscriber-attached.json", "poll-leaving.json"];
        for (int round = 0; round < 2000; round++)
        {
            char[] text = Fixture.Text(names[round % names.Length]).ToCharArray();
            for (int flips = random.Next(1, 6); flips > 0; flips--)
            {
                text[random.Next(text.Length)] = "{}[]\":,0a- "[random.Next(11)];
            }

            if (JanusMessage.TryReadAll(new string(text), out List<JanusMessage> messages))
            {
                foreach (JanusMessage message in messages)
                {
                    VideoRoomEvent.TryRead(message.PluginData, out _);
                    new VideoRoomPublisherState().Apply(message);
                    new VideoRoomSubscriberState().Apply(message);
                }
            }
        }
    }

    [Fact]
    public void Requests_have_the_shape_of_the_janus_api()
    {
        JsonObject message = JanusRequests.Message("7", VideoRoomRequests.Publish(1_500_000), new JanusJsep("offer", "v=0\r\n"));
        Assert.Equal(
            """{"janus":"message","transaction":"7","body":{"request":"publish","bitrate":1500000},"jsep":{"type":"offer","sdp":"v=0\r\n"}}""",
            message.ToJsonString());

        JsonObject join = VideoRoomRequests.JoinAsSubscriber(4242, [11, 12], privateId: 99);
        Assert.Equal(
            """{"request":"join","ptype":"subscriber","room":4242,"streams":[{"feed":11},{"feed":12}],"private_id":99}""",
            join.ToJsonString());

        JsonObject create = VideoRoomRequests.CreateRoom(7, 60, 1_600_000);
        using JsonDocument parsed = JsonDocument.Parse(create.ToJsonString());
        Assert.Equal(60, parsed.RootElement.GetProperty("publishers").GetInt32());
        Assert.Equal(1_600_000, parsed.RootElement.GetProperty("bitrate").GetInt32());
        Assert.False(parsed.RootElement.GetProperty("permanent").GetBoolean());

        Assert.Equal("""{"janus":"attach","transaction":"2","plugin":"janus.plugin.videoroom"}""",
            JanusRequests.Attach("2", JanusRequests.VideoRoomPlugin).ToJsonString());
    }
}
