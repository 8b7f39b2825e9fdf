using Confab.Meetings.Rooms;

namespace Confab.Meetings.Tests.Rooms;

public class AudioVideoShareTests
{
    [Fact]
    public void Mute_all_mutes_participants_and_guests_but_not_host_or_co_hosts()
    {
        var room = RoomFixture.Full().Room;
        var events = room.MuteAll("c", allowSelfUnmute: true).Events;
        Assert.Equal(["p", "g", "t"], events.OfType<Muted>().Select(m => m.ParticipantId));
        Assert.All(events.OfType<Muted>(), m => Assert.Equal("c", m.By));
        Assert.Equal([false, false, true, true, true], room.Participants.Select(p => p.Muted));
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, RoomError.NotAllowed)]
    public void After_mute_all_participants_unmute_only_when_allowed(bool allowSelfUnmute, RoomError? expected)
    {
        var room = RoomFixture.Full().Room;
        Assert.True(room.MuteAll("h", allowSelfUnmute).Succeeded);
        Assert.Equal(allowSelfUnmute, room.Settings.AllowParticipantsUnmute);
        Assert.Equal(expected, room.SetMuted("p", false).Error);
        Assert.Equal(expected, room.SetMuted("g", false).Error);
        Assert.Equal(allowSelfUnmute, !room.Find("p")!.Muted);
    }

    [Fact]
    public void Ask_to_unmute_never_unmutes_and_allows_one_self_unmute()
    {
        var room = RoomFixture.Full().Room;
        Assert.True(room.MuteAll("h", allowSelfUnmute: false).Succeeded);
        Assert.Equal([new UnmuteRequested("t", "c")], room.AskToUnmute("c", "t").Events);
        Assert.True(room.Find("t")!.Muted);

        Assert.Equal([new Unmuted("t")], room.SetMuted("t", false).Events);
        Assert.True(room.SetMuted("t", true).Succeeded);
        RoomFixture.AssertRefused(room, RoomError.NotAllowed, r => r.SetMuted("t", false));
    }

    [Fact]
    public void Muting_someone_invited_to_unmute_withdraws_the_invitation()
    {
        var room = RoomFixture.Full(new RoomSettings(AllowParticipantsUnmute: false)).Room;
        Assert.True(room.Mute("h", "t").Succeeded);
        Assert.True(room.AskToUnmute("h", "t").Succeeded);
        Assert.True(room.Mute("h", "t").Succeeded);
        RoomFixture.AssertRefused(room, RoomError.NotAllowed, r => r.SetMuted("t", false));
    }

    [Fact]
    public void Stop_video_turns_video_off_and_the_owner_may_turn_it_on_again()
    {
        var room = RoomFixture.Full().Room;
        Assert.Equal([new VideoStopped("t", "h")], room.StopVideo("h", "t").Events);
        Assert.False(room.Find("t")!.VideoOn);
        Assert.Equal([new VideoStarted("t")], room.SetVideo("t", true).Events);
    }

    [Theory]
    [InlineData(ScreenShareMode.OneAtATime, RoomError.AlreadySharing)]
    [InlineData(ScreenShareMode.Many, null)]
    public void A_second_sharer_depends_on_the_share_mode(ScreenShareMode mode, RoomError? expected)
    {
        var room = RoomFixture.Full(new RoomSettings(ScreenShare: mode)).Room;
        Assert.Equal([new ShareStarted("p")], room.StartShare("p").Events);
        var before = room.DescribeState();
        Assert.Equal(expected, room.StartShare("g").Error);
        if (expected is not null)
        {
            Assert.Equal(before, room.DescribeState());
        }

        Assert.Equal([new ShareStopped("p")], room.StopShare("p").Events);
        Assert.True(room.StartShare("t").Succeeded);
    }

    [Fact]
    public void A_sharer_who_leaves_frees_the_share()
    {
        var room = RoomFixture.Full().Room;
        Assert.True(room.StartShare("p").Succeeded);
        Assert.Equal([new ShareStopped("p"), new ParticipantLeft("p")], room.Leave("p").Events);
        Assert.True(room.StartShare("g").Succeeded);
    }

    [Fact]
    public void Hands_are_raised_by_their_owner_and_lowered_by_them_or_a_host()
    {
        var room = RoomFixture.Full().Room;
        Assert.Equal([new HandRaised("p")], room.RaiseHand("p").Events);
        Assert.Empty(room.RaiseHand("p").Events);
        Assert.Equal([new HandLowered("p", "p")], room.LowerHand("p").Events);
        Assert.Equal([new HandLowered("t", "c")], room.LowerHand("c", "t").Events);
        Assert.False(room.Find("t")!.HandRaised);
        RoomFixture.AssertRefused(room, RoomError.NotAllowed, r => r.LowerHand("p", "t"));
    }

    public static TheoryData<string, RoomError?> Reactions() => new()
    {
        { "👍", null },
        { "🎉", null },
        { "", RoomError.InvalidReaction },
        { "two words", RoomError.InvalidReaction },
        { new string('x', MeetingRoom.MaxReactionLength + 1), RoomError.InvalidReaction },
    };

    [Theory]
    [MemberData(nameof(Reactions))]
    public void Reactions_are_short_tokens(string emoji, RoomError? expected)
    {
        var room = RoomFixture.Full().Room;
        var result = room.React("g", emoji);
        Assert.Equal(expected, result.Error);
        if (expected is null)
        {
            Assert.Equal([new Reaction("g", emoji)], result.Events);
        }
    }

    [Theory]
    [InlineData(true, "p", null)]
    [InlineData(false, "p", RoomError.NotAllowed)]
    [InlineData(false, "g", RoomError.NotAllowed)]
    [InlineData(false, "c", null)]
    [InlineData(false, "h", null)]
    public void Rename_self_follows_the_setting_for_participants_and_guests(bool allowed, string actor, RoomError? expected)
    {
        var room = RoomFixture.Full(new RoomSettings(AllowRenameSelf: allowed)).Room;
        var result = room.RenameSelf(actor, "  New Name  ");
        Assert.Equal(expected, result.Error);
        Assert.Equal(expected is null ? "New Name" : null, result.Events.OfType<Renamed>().SingleOrDefault()?.DisplayName);
    }

    [Fact]
    public void A_host_renames_others_and_bad_names_are_refused()
    {
        var room = RoomFixture.Full().Room;
        Assert.Equal([new Renamed("t", "Tess", "c")], room.Rename("c", "t", "Tess").Events);
        Assert.Equal("Tess", room.Find("t")!.DisplayName);
        RoomFixture.AssertRefused(room, RoomError.InvalidName, r => r.Rename("c", "t", " "));
        RoomFixture.AssertRefused(room, RoomError.InvalidName, r => r.RenameSelf("p", "bell\a"));
    }

    [Fact]
    public void Change_settings_leaves_lock_and_waiting_room_to_their_own_requests()
    {
        var room = RoomFixture.Full().Room;
        var wanted = room.Settings with { ScreenShare = ScreenShareMode.Many, Locked = true, WaitingRoomOn = false };
        var events = room.ChangeSettings("c", wanted).Events;
        Assert.Equal([new SettingsChanged(room.Settings, "c")], events);
        Assert.Equal(ScreenShareMode.Many, room.Settings.ScreenShare);
        Assert.False(room.Settings.Locked);
        Assert.True(room.Settings.WaitingRoomOn);
    }
}
