using Confab.Meetings.Chat;
using Confab.Meetings.Rooms;

namespace Confab.Meetings.Tests.Chat;

public class ChatPolicyTests
{
    private static RoomSettings With(ChatWith chatWith) => new(ChatWith: chatWith);

    [Theory]
    [InlineData(ChatWith.NoOne)]
    [InlineData(ChatWith.Hosts)]
    [InlineData(ChatWith.Everyone)]
    [InlineData(ChatWith.EveryoneAndPrivate)]
    public void Hosts_and_co_hosts_always_write_publicly_and_privately_to_anyone(ChatWith chatWith)
    {
        foreach (var role in new[] { RoomRole.Host, RoomRole.CoHost })
        {
            Assert.Equal(ChatAudience.Everyone, ChatPolicy.AudienceOfSend(role, null, With(chatWith)));
            Assert.Equal(ChatAudience.Private, ChatPolicy.AudienceOfSend(role, RoomRole.Guest, With(chatWith)));
            Assert.True(ChatPolicy.MayReact(role, ChatAudience.Everyone, null, With(chatWith)));
        }
    }

    [Theory]
    [InlineData(ChatWith.NoOne, null, null)]
    [InlineData(ChatWith.NoOne, RoomRole.Host, null)]
    [InlineData(ChatWith.Hosts, null, ChatAudience.Hosts)]
    [InlineData(ChatWith.Hosts, RoomRole.CoHost, ChatAudience.Private)]
    [InlineData(ChatWith.Hosts, RoomRole.Participant, null)]
    [InlineData(ChatWith.Everyone, null, ChatAudience.Everyone)]
    [InlineData(ChatWith.Everyone, RoomRole.Host, null)]
    [InlineData(ChatWith.EveryoneAndPrivate, null, ChatAudience.Everyone)]
    [InlineData(ChatWith.EveryoneAndPrivate, RoomRole.Guest, ChatAudience.Private)]
    public void Participants_and_guests_follow_the_setting(ChatWith chatWith, RoomRole? recipient, ChatAudience? expected)
    {
        Assert.Equal(expected, ChatPolicy.AudienceOfSend(RoomRole.Participant, recipient, With(chatWith)));
        Assert.Equal(expected, ChatPolicy.AudienceOfSend(RoomRole.Guest, recipient, With(chatWith)));
    }

    [Theory]
    [InlineData(ChatWith.NoOne, ChatAudience.Everyone, null, false)]
    [InlineData(ChatWith.Hosts, ChatAudience.Everyone, null, false)]
    [InlineData(ChatWith.Hosts, ChatAudience.Hosts, null, true)]
    [InlineData(ChatWith.Hosts, ChatAudience.Private, RoomRole.Host, true)]
    [InlineData(ChatWith.Hosts, ChatAudience.Private, RoomRole.Participant, false)]
    [InlineData(ChatWith.Everyone, ChatAudience.Everyone, null, true)]
    [InlineData(ChatWith.Everyone, ChatAudience.Private, RoomRole.Host, false)]
    [InlineData(ChatWith.EveryoneAndPrivate, ChatAudience.Private, RoomRole.Guest, true)]
    public void A_reaction_is_a_message_to_the_audience_of_its_message(ChatWith chatWith, ChatAudience audience, RoomRole? other, bool expected)
    {
        Assert.Equal(expected, ChatPolicy.MayReact(RoomRole.Participant, audience, other, With(chatWith)));
    }

    [Fact]
    public void A_reader_sees_public_messages_their_own_those_to_them_and_those_for_the_hosts_only_when_holding_controls()
    {
        ChatMessage Message(string from, string? to, bool toHosts) =>
            new("1", Guid.CreateVersion7(), from, null, from, to, toHosts, ChatMessageType.Text, "hi", null, "client-01", DateTimeOffset.UnixEpoch);
        var plain = new ChatReader("p", HoldsControls: false);
        var host = new ChatReader("h", HoldsControls: true);
        Assert.True(plain.Sees(Message("x", null, false)));
        Assert.True(plain.Sees(Message("x", "p", false)));
        Assert.False(plain.Sees(Message("x", "y", false)));
        Assert.False(host.Sees(Message("x", "y", false)));
        Assert.True(plain.Sees(Message("p", "y", false)));
        Assert.False(plain.Sees(Message("x", null, true)));
        Assert.True(plain.Sees(Message("p", null, true)));
        Assert.True(plain.Sees(Message("h", "p", true)));
        Assert.True(host.Sees(Message("x", null, true)));
        Assert.False(new ChatReader("p", false, "breakout-1").Sees(Message("x", null, false)));
    }
}
