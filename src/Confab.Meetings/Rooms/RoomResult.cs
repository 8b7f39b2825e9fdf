namespace Confab.Meetings.Rooms;

/// <summary>The answer to a request: the events it caused, or the reason it was refused.</summary>
public sealed record RoomResult
{
    private RoomResult(IReadOnlyList<RoomEvent> events, RoomError? error)
    {
        Events = events;
        Error = error;
    }

    public IReadOnlyList<RoomEvent> Events { get; }
    public RoomError? Error { get; }
    public bool Succeeded => Error is null;

    public static RoomResult Success(IReadOnlyList<RoomEvent> events) => new(events, null);
    public static RoomResult Failure(RoomError error) => new([], error);

    public static implicit operator RoomResult(RoomError error) => Failure(error);
}
