using Confab.Meetings.Rooms;

namespace Confab.Meetings.Tests.Rooms;

public class RoomPermissionsTests
{
    private static readonly RoomAction[] SelfActions =
    [
        RoomAction.MuteSelf, RoomAction.UnmuteSelf, RoomAction.SetOwnVideo, RoomAction.ShareScreen,
        RoomAction.RaiseHand, RoomAction.LowerOwnHand, RoomAction.React, RoomAction.RenameSelf, RoomAction.Leave,
    ];

    /// <summary>The expected table, written out independently of the implementation.</summary>
    private static bool Expected(RoomRole role, RoomAction action) => role switch
    {
        RoomRole.Host => true,
        RoomRole.CoHost => action is not (RoomAction.MakeHost or RoomAction.RevokeCoHost),
        _ => SelfActions.Contains(action),
    };

    public static TheoryData<RoomRole, RoomAction> EveryPair()
    {
        var data = new TheoryData<RoomRole, RoomAction>();
        foreach (var role in Enum.GetValues<RoomRole>())
        {
            foreach (var action in Enum.GetValues<RoomAction>())
            {
                data.Add(role, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Role_table_matches_the_written_out_table(RoomRole role, RoomAction action) =>
        Assert.Equal(Expected(role, action), RoomPermissions.RoleMay(role, action));

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Restrictive_settings_take_only_self_unmute_and_self_rename_from_participants_and_guests(RoomRole role, RoomAction action)
    {
        var restrictive = new RoomSettings(AllowParticipantsUnmute: false, AllowRenameSelf: false);
        var restricted = role is RoomRole.Participant or RoomRole.Guest
            && action is RoomAction.UnmuteSelf or RoomAction.RenameSelf;
        Assert.Equal(Expected(role, action) && !restricted, RoomPermissions.IsAllowed(role, action, restrictive));
        Assert.Equal(Expected(role, action), RoomPermissions.IsAllowed(role, action, new RoomSettings()));
    }

    [Theory]
    [InlineData(RoomRole.Participant)]
    [InlineData(RoomRole.Guest)]
    public void Ask_to_unmute_lets_a_participant_unmute_when_self_unmute_is_off(RoomRole role)
    {
        var settings = new RoomSettings(AllowParticipantsUnmute: false);
        Assert.False(RoomPermissions.IsAllowed(role, RoomAction.UnmuteSelf, settings));
        Assert.True(RoomPermissions.IsAllowed(role, RoomAction.UnmuteSelf, settings, unmuteInvited: true));
    }

    [Fact]
    public void An_undefined_action_is_refused_to_everyone()
    {
        foreach (var role in Enum.GetValues<RoomRole>())
        {
            Assert.False(RoomPermissions.RoleMay(role, (RoomAction)999));
        }
    }
}
