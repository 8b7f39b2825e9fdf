using Confab.LoadGen.Janus;

namespace Confab.LoadGen.Tests.Janus;

public class VideoRoomStateTests
{
    private static JanusMessage Make(string json)
    {
        Assert.True(JanusMessage.TryReadAll(json, out List<JanusMessage> messages));
        return Assert.Single(messages);
    }

    [Fact]
    public void Publisher_goes_join_joined_publish_answered_up()
    {
        var state = new VideoRoomPublisherState();
        state.OnJoinSent();
        Assert.Equal(PublisherPhase.Joining, state.Phase);

        Assert.Equal(PublisherChange.Joined, state.Apply(Fixture.Single("poll-joined.json")));
        Assert.Equal(PublisherPhase.Joined, state.Phase);
        Assert.Equal(3794813250289043, state.PublisherId);
        Assert.Equal(3628602574, state.PrivateId);

        state.OnPublishSent();
        Assert.Equal(PublisherChange.Answered, state.Apply(Fixture.Single("poll-configured.json")));
        Assert.Equal(PublisherPhase.Published, state.Phase);
        Assert.True(state.Answer!.IsAnswer);

        Assert.Equal(PublisherChange.Up, state.Apply(Make("""{"janus":"webrtcup","session_id":1,"sender":6422514095090573}""")));
        Assert.Equal(PublisherPhase.Up, state.Phase);
    }

    [Fact]
    public void Configured_before_publish_was_sent_is_not_taken_as_our_answer()
    {
        var state = new VideoRoomPublisherState();
        state.OnJoinSent();
        state.Apply(Fixture.Single("poll-joined.json"));
        Assert.Equal(PublisherChange.None, state.Apply(Fixture.Single("poll-configured.json")));
        Assert.Null(state.Answer);
        Assert.Throws<InvalidOperationException>(state.OnJoinSent);
    }

    [Fact]
    public void Publisher_tracks_remote_publishers_added_and_leaving()
    {
        var state = new VideoRoomPublisherState();
        state.OnJoinSent();
        state.Apply(Fixture.Single("poll-joined.json"));

        Assert.Equal(PublisherChange.PublishersAdded, state.Apply(Fixture.Single("event-publishers.json")));
        Assert.Equal([5049568353660699L], state.RemotePublishers.Keys);

        List<JanusMessage> leaving = Fixture.Messages("poll-leaving.json");
        Assert.Equal(PublisherChange.PublishersRemoved, state.Apply(leaving[0]));
        Assert.Empty(state.RemotePublishers);
        Assert.Equal(PublisherPhase.Joined, state.Phase);
    }

    [Fact]
    public void Publisher_fails_on_plugin_error_and_on_hangup()
    {
        var state = new VideoRoomPublisherState();
        state.OnJoinSent();
        Assert.Equal(PublisherChange.Failed, state.Apply(Fixture.Single("room-exists.json")));
        Assert.Equal(PublisherPhase.Failed, state.Phase);
        Assert.Contains("427", state.Failure, StringComparison.Ordinal);

        var other = new VideoRoomPublisherState();
        Assert.Equal(PublisherChange.Failed, other.Apply(Make("""{"janus":"hangup","session_id":1,"sender":2,"reason":"ICE failed"}""")));
        Assert.Equal("hangup: ICE failed", other.Failure);
    }

    [Fact]
    public void Subscriber_goes_join_offered_start_started_up_and_renegotiates_on_updated()
    {
        var state = new VideoRoomSubscriberState();
        state.OnJoinSent();
        Assert.Equal(SubscriberChange.Offered, state.Apply(Fixture.Single("event-subscriber-attached.json")));
        Assert.Equal(SubscriberPhase.Offered, state.Phase);
        Assert.True(state.PendingOffer!.IsOffer);
        Assert.Equal(2, state.Streams.Count);

        state.OnStartSent();
        Assert.Null(state.PendingOffer);
        Assert.Equal(SubscriberChange.Started,
            state.Apply(Make("""{"janus":"event","sender":7,"plugindata":{"plugin":"janus.plugin.videoroom","data":{"videoroom":"event","room":4242,"started":"ok"}}}""")));
        Assert.Equal(SubscriberPhase.Started, state.Phase);
        Assert.Equal(SubscriberChange.Up, state.Apply(Make("""{"janus":"webrtcup","sender":7}""")));
        Assert.Equal(SubscriberPhase.Up, state.Phase);

        Assert.Equal(SubscriberChange.Offered,
            state.Apply(Make("""{"janus":"event","sender":7,"plugindata":{"plugin":"janus.plugin.videoroom","data":{"videoroom":"updated","room":4242,"streams":[]}},"jsep":{"type":"offer","sdp":"v=0\r\n"}}""")));
        state.OnStartSent();
        state.Apply(Make("""{"janus":"event","sender":7,"plugindata":{"plugin":"janus.plugin.videoroom","data":{"videoroom":"event","started":"ok"}}}"""));
        Assert.Equal(SubscriberPhase.Up, state.Phase);
    }

    [Fact]
    public void Subscriber_to_a_feed_not_up_yet_fails_with_the_plugin_error()
    {
        var state = new VideoRoomSubscriberState();
        state.OnJoinSent();
        Assert.Equal(SubscriberChange.Failed, state.Apply(Fixture.Single("poll-subscribe-no-such-feed.json")));
        Assert.Contains("No such feed", state.Failure, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(state.OnStartSent);
    }
}
