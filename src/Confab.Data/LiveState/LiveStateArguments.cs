using Confab.Meetings.LiveState;

namespace Confab.Data.LiveState;

/// <summary>The argument checks both stores share, so they refuse exactly the same input.</summary>
internal static class LiveStateArguments
{
    public static void Id(string id, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(id, paramName);
    }

    public static void State(MeetingLiveState state, string paramName)
    {
        ArgumentNullException.ThrowIfNull(state, paramName);
        ArgumentException.ThrowIfNullOrEmpty(state.Status, paramName + ".Status");
        ArgumentNullException.ThrowIfNull(state.HostId, paramName + ".HostId");
    }

    public static void Participant(LiveParticipant participant, string paramName)
    {
        ArgumentNullException.ThrowIfNull(participant, paramName);
        ArgumentException.ThrowIfNullOrEmpty(participant.ParticipantId, paramName + ".ParticipantId");
        ArgumentNullException.ThrowIfNull(participant.Name, paramName + ".Name");
        ArgumentNullException.ThrowIfNull(participant.Role, paramName + ".Role");
    }

    public static void Presence(Presence presence, TimeSpan ttl, string paramName)
    {
        ArgumentNullException.ThrowIfNull(presence, paramName);
        ArgumentException.ThrowIfNullOrEmpty(presence.Status, paramName + ".Status");
        ArgumentNullException.ThrowIfNull(presence.Device, paramName + ".Device");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero, nameof(ttl));
    }

    public static void Waiting(WaitingEntry entry, string paramName)
    {
        ArgumentNullException.ThrowIfNull(entry, paramName);
        ArgumentException.ThrowIfNullOrEmpty(entry.ParticipantId, paramName + ".ParticipantId");
        ArgumentNullException.ThrowIfNull(entry.Name, paramName + ".Name");
    }

    public static void Rooms(IReadOnlyDictionary<string, string> rooms, string paramName)
    {
        ArgumentNullException.ThrowIfNull(rooms, paramName);
        foreach (var (roomId, json) in rooms)
        {
            ArgumentException.ThrowIfNullOrEmpty(roomId, paramName);
            ArgumentNullException.ThrowIfNull(json, paramName + "[" + roomId + "]");
        }
    }
}
