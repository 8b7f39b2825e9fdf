using Confab.Meetings.Rooms;

namespace Confab.Meetings.Chat;

public enum ChatAudience
{
    /// <summary>Everyone in the meeting.</summary>
    Everyone,
    /// <summary>The sender and the hosts and co-hosts: a participant's public message while only hosts may be written to.</summary>
    Hosts,
    /// <summary>The sender and one recipient.</summary>
    Private,
}

/// <summary>
/// Who may write to whom (the host setting <see cref="ChatWith"/>). Hosts and co-hosts may always chat, publicly and privately.
/// For participants and guests:
/// <list type="bullet">
/// <item><see cref="ChatWith.NoOne"/>: nothing.</item>
/// <item><see cref="ChatWith.Hosts"/>: privately to a host or co-host, or publicly — then only the hosts and co-hosts (and the
/// sender) receive it.</item>
/// <item><see cref="ChatWith.Everyone"/>: publicly only.</item>
/// <item><see cref="ChatWith.EveryoneAndPrivate"/>: publicly and privately to anyone.</item>
/// </list>
/// </summary>
public static class ChatPolicy
{
    /// <summary>The audience a new text message gets, or null when the sender may not write it.</summary>
    /// <param name="recipient">The private recipient's role; null for a public message.</param>
    public static ChatAudience? AudienceOfSend(RoomRole sender, RoomRole? recipient, RoomSettings settings)
    {
        if (HoldsControls(sender))
        {
            return recipient is null ? ChatAudience.Everyone : ChatAudience.Private;
        }
        return (settings.ChatWith, recipient) switch
        {
            (ChatWith.EveryoneAndPrivate, null) or (ChatWith.Everyone, null) => ChatAudience.Everyone,
            (ChatWith.EveryoneAndPrivate, not null) => ChatAudience.Private,
            (ChatWith.Hosts, null) => ChatAudience.Hosts,
            (ChatWith.Hosts, { } role) when HoldsControls(role) => ChatAudience.Private,
            _ => null,
        };
    }

    /// <summary>
    /// Whether the sender may react on a message whose audience is <paramref name="audience"/>; for a private one
    /// <paramref name="otherParty"/> is the role of the other person in the conversation. A reaction reaches the same audience as
    /// its message, so it is a message to that audience.
    /// </summary>
    public static bool MayReact(RoomRole sender, ChatAudience audience, RoomRole? otherParty, RoomSettings settings)
    {
        if (HoldsControls(sender))
        {
            return true;
        }
        return (settings.ChatWith, audience) switch
        {
            (ChatWith.EveryoneAndPrivate, _) => true,
            (ChatWith.Everyone, ChatAudience.Everyone) => true,
            (ChatWith.Hosts, ChatAudience.Hosts) => true,
            (ChatWith.Hosts, ChatAudience.Private) => otherParty is { } role && HoldsControls(role),
            _ => false,
        };
    }

    private static bool HoldsControls(RoomRole role) => role is RoomRole.Host or RoomRole.CoHost;
}
