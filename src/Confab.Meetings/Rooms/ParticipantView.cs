namespace Confab.Meetings.Rooms;

/// <summary>One roster line as others see it.</summary>
public sealed record RosterEntry(
    string ParticipantId,
    string DisplayName,
    RoomRole Role,
    bool Muted,
    bool VideoOn,
    bool HandRaised,
    bool Sharing);

/// <summary>
/// What one person may see. Someone in the waiting room, or held until the host arrives, sees only the meeting's
/// name and themselves, and receives no media or chat. Admitted people in a live meeting see the roster; hosts and
/// co-hosts also see the waiting room.
/// </summary>
public sealed record ParticipantView(
    string MeetingName,
    RoomStatus Status,
    string ParticipantId,
    string DisplayName,
    bool InWaitingRoom,
    bool ReceivesMeetingTraffic,
    IReadOnlyList<RosterEntry> Roster,
    IReadOnlyList<string> WaitingRoom);

public sealed partial class MeetingRoom
{
    /// <summary>The view of one person, or null when they are neither in the roster nor waiting.</summary>
    public ParticipantView? ViewFor(string participantId)
    {
        var name = Options.MeetingName;
        var waitingIndex = IndexInWaitingRoom(participantId);
        if (waitingIndex >= 0)
        {
            var waiting = _waiting[waitingIndex].Request;
            return new ParticipantView(name, Status, participantId, waiting.DisplayName, true, false, [], []);
        }

        if (!_participants.TryGetValue(participantId, out var self))
        {
            return null;
        }

        if (Status != RoomStatus.Live)
        {
            return new ParticipantView(name, Status, participantId, self.DisplayName, false, false, [ToEntry(self)], []);
        }

        var roster = Participants.Select(ToEntry).ToList();
        IReadOnlyList<string> waitingRoom = self.Role.Rank() > 0 ? [.. _waiting.Select(w => w.ParticipantId)] : [];
        return new ParticipantView(name, Status, participantId, self.DisplayName, false, true, roster, waitingRoom);
    }

    private static RosterEntry ToEntry(RoomParticipant p) =>
        new(p.ParticipantId, p.DisplayName, p.Role, p.Muted, p.VideoOn, p.HandRaised, p.Sharing);
}
