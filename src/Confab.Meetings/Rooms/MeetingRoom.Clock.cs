namespace Confab.Meetings.Rooms;

/// <summary>Time-driven ends: the empty-meeting grace period and the plan's time cap, and the explicit ends.</summary>
public sealed partial class MeetingRoom
{
    private bool _timeLimitWarned;

    /// <summary>
    /// Called by the server's timer: ends a meeting left empty for <see cref="EmptyGracePeriod"/>, warns
    /// <see cref="MeetingRoomOptions.TimeLimitWarningLead"/> before the plan's time cap and ends the meeting at it.
    /// Reads the room's <see cref="TimeProvider"/>; answers an empty list when nothing is due.
    /// </summary>
    public IReadOnlyList<RoomEvent> Tick()
    {
        var events = new List<RoomEvent>();
        if (Status != RoomStatus.Live)
        {
            return events;
        }

        var now = _time.GetUtcNow();
        if (EmptySince is { } emptySince && now - emptySince >= EmptyGracePeriod)
        {
            End(MeetingEndReason.EmptyGracePeriodExpired, events);
            return events;
        }

        if (TimeCapStartedAt is { } capStart && _limits.GroupMeetingTimeCap is { } cap)
        {
            var remaining = capStart + cap - now;
            if (remaining <= TimeSpan.Zero)
            {
                End(MeetingEndReason.TimeLimitReached, events);
            }
            else if (!_timeLimitWarned && remaining <= MeetingRoomOptions.TimeLimitWarningLead)
            {
                _timeLimitWarned = true;
                events.Add(new TimeLimitWarning(remaining));
            }
        }

        return events;
    }

    /// <summary>"End meeting for all".</summary>
    public RoomResult EndForAll(string actorId)
    {
        if (Authorise(actorId, RoomAction.EndForAll) is { } error)
        {
            return error;
        }

        var events = new List<RoomEvent>();
        End(MeetingEndReason.EndedByHost, events);
        return RoomResult.Success(events);
    }

    /// <summary>The REST end action: the server has already authorised the caller.</summary>
    public RoomResult EndByApi()
    {
        if (Status == RoomStatus.Ended)
        {
            return RoomError.Ended;
        }

        var events = new List<RoomEvent>();
        End(MeetingEndReason.EndedByApi, events);
        return RoomResult.Success(events);
    }

    private void End(MeetingEndReason reason, List<RoomEvent> events)
    {
        Status = RoomStatus.Ended;
        EndedAt = _time.GetUtcNow();
        EndReason = reason;
        EmptySince = null;
        _participants.Clear();
        _waiting.Clear();
        events.Add(new MeetingEnded(reason));
    }
}
