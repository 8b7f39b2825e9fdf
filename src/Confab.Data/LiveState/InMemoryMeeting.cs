using Confab.Meetings.LiveState;

namespace Confab.Data.LiveState;

/// <summary>
/// Everything the in-memory store keeps for one meeting — the counterpart of the meeting's Redis keys. Guarded
/// by <see cref="Gate"/>. Once empty it is <see cref="Detached"/> and dropped, as Redis drops an emptied key;
/// a writer that still holds it then starts over with a fresh one.
/// </summary>
internal sealed class InMemoryMeeting
{
    public Lock Gate { get; } = new();

    public bool Detached { get; set; }

    /// <summary>The state without its count (which lives in <see cref="ParticipantCount"/>); null until set.</summary>
    public MeetingLiveState? State { get; set; }

    /// <summary>The participant_count field: null when absent, as in a hash no one has written yet.</summary>
    public long? ParticipantCount { get; set; }

    public Dictionary<string, LiveParticipant> Participants { get; } = new(StringComparer.Ordinal);

    /// <summary>Oldest first.</summary>
    public List<WaitingEntry> WaitingRoom { get; } = [];

    public Dictionary<string, string> BreakoutRooms { get; } = new(StringComparer.Ordinal);

    public string? SfuServer { get; set; }

    public bool IsEmpty =>
        State is null && ParticipantCount is null && Participants.Count == 0 && WaitingRoom.Count == 0
        && BreakoutRooms.Count == 0 && SfuServer is null;

    public int IndexOfWaiting(string participantId) =>
        WaitingRoom.FindIndex(entry => string.Equals(entry.ParticipantId, participantId, StringComparison.Ordinal));
}
