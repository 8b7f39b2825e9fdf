namespace Confab.Meetings.Rooms;

/// <summary>A person's role in a live meeting. Controls act only on someone of a lower <see cref="RoomRoleRank"/>.</summary>
public enum RoomRole
{
    Host,
    CoHost,
    Participant,
    /// <summary>Joined without a signed-in account. A guest may be made co-host but never host.</summary>
    Guest,
}

public static class RoomRoleRank
{
    /// <summary>Host 2, co-host 1, participant and guest 0.</summary>
    public static int Rank(this RoomRole role) => role switch
    {
        RoomRole.Host => 2,
        RoomRole.CoHost => 1,
        _ => 0,
    };
}
