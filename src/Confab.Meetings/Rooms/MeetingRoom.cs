using System.Text;
using Confab.Meetings.Accounts;

namespace Confab.Meetings.Rooms;

/// <summary>
/// The in-memory state machine of one live meeting. Every request names the actor's participant id and answers
/// a <see cref="RoomResult"/>; a refused request changes nothing (every check runs before the first change).
/// Not thread-safe: the server serialises the requests of one meeting.
/// </summary>
/// <remarks>
/// Decisions, following Zoom where the issue leaves a choice:
/// <list type="bullet">
/// <item>Join before host off: people who arrive before the host are held ("waiting for host"): they are in the
/// roster but see only themselves, and media starts when the host arrives. With it on, the first arrival starts
/// the meeting. Only the host's account starts a meeting; co-host accounts skip the waiting room but are held too.</item>
/// <item>The waiting room applies whether or not the host is present (it wins over join before host: people wait
/// there until a host or co-host admits them); host and co-host accounts skip it.</item>
/// <item>Locked meetings refuse everyone but host and co-host accounts; the participant cap counts the roster
/// and the waiting room, and the host's account always gets in.</item>
/// <item>Removed people are remembered by account (guests by the key their browser keeps, else by participant id) and refused unless
/// <see cref="RoomSettings.AllowRemovedToRejoin"/>. Denying someone in the waiting room does not bar them.</item>
/// <item>A started meeting always has a host while anyone signed-in is present: when the host leaves, the
/// longest-present co-host takes over, else the longest-present signed-in participant. Guests never become host.
/// The host's account takes the role back when it joins; the temporary host returns to its base role.
/// "Make host" makes the former host a plain participant, as Zoom does.</item>
/// <item>The free plan's time cap clock starts when the roster first reaches the plan's threshold while live
/// (the third person, like Zoom) and keeps running if people later leave.</item>
/// </list>
/// </remarks>
public sealed partial class MeetingRoom
{
    public const int MaxDisplayNameLength = 64;

    private readonly TimeProvider _time;
    private readonly PlanLimits _limits;
    private readonly IReadOnlySet<string> _coHostUserIds;
    private readonly Dictionary<string, RoomParticipant> _participants = new(StringComparer.Ordinal);
    private readonly List<WaitingParticipant> _waiting = [];
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    private long _nextJoinOrder;

    public MeetingRoom(MeetingRoomOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        Options = options;
        _time = time;
        _limits = PlanLimits.For(options.HostAccountType);
        _coHostUserIds = options.CoHostUserIds ?? new HashSet<string>();
        Settings = options.Settings;
        EmptyGracePeriod = options.EmptyGracePeriod ?? MeetingRoomOptions.DefaultEmptyGracePeriod;
    }

    public MeetingRoomOptions Options { get; }
    public RoomSettings Settings { get; private set; }
    public RoomStatus Status { get; private set; } = RoomStatus.WaitingForHost;
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public MeetingEndReason? EndReason { get; private set; }
    public TimeSpan EmptyGracePeriod { get; }

    /// <summary>When the last person left a started meeting; null while anyone is present.</summary>
    public DateTimeOffset? EmptySince { get; private set; }

    /// <summary>When the plan's time cap clock started; null when no cap applies (yet).</summary>
    public DateTimeOffset? TimeCapStartedAt { get; private set; }

    public string? HostParticipantId => _participants.Values.FirstOrDefault(p => p.Role == RoomRole.Host)?.ParticipantId;

    /// <summary>The roster, longest present first.</summary>
    public IReadOnlyList<RoomParticipant> Participants => [.. _participants.Values.OrderBy(p => p.JoinOrder)];

    /// <summary>The waiting room, first arrival first.</summary>
    public IReadOnlyList<WaitingParticipant> WaitingRoom => [.. _waiting];

    public RoomParticipant? Find(string participantId) => _participants.GetValueOrDefault(participantId);

    /// <summary>True when this person may receive the meeting's media and chat: admitted, and the meeting live.</summary>
    public bool ReceivesMeetingTraffic(string participantId) =>
        Status == RoomStatus.Live && _participants.ContainsKey(participantId);

    public RoomResult Join(JoinRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Status == RoomStatus.Ended)
        {
            return RoomError.Ended;
        }

        if (NormaliseName(request.DisplayName) is not { } name)
        {
            return RoomError.InvalidName;
        }

        if (_participants.ContainsKey(request.ParticipantId) || IndexInWaitingRoom(request.ParticipantId) >= 0)
        {
            return RoomError.AlreadyPresent;
        }

        var baseRole = BaseRoleOf(request.UserId);
        if (baseRole != RoomRole.Host && _removed.Contains(RemovalKey(request.UserId, request.ParticipantId, request.GuestKey)) && !Settings.AllowRemovedToRejoin)
        {
            return RoomError.Removed;
        }

        var holdsControls = baseRole is RoomRole.Host or RoomRole.CoHost;
        if (Settings.Locked && !holdsControls)
        {
            return RoomError.Locked;
        }

        if (baseRole != RoomRole.Host && _participants.Count + _waiting.Count >= _limits.MaxParticipants)
        {
            return RoomError.RoomFull;
        }

        request = request with { DisplayName = name };
        var now = _time.GetUtcNow();
        var events = new List<RoomEvent>();
        if (!holdsControls && Settings.WaitingRoomOn)
        {
            _waiting.Add(new WaitingParticipant(request, baseRole, now));
            events.Add(new PutInWaitingRoom(request.ParticipantId, null));
            return RoomResult.Success(events);
        }

        Enter(request, baseRole, now, events);

        if (Status == RoomStatus.WaitingForHost)
        {
            if (baseRole == RoomRole.Host || Settings.JoinBeforeHost)
            {
                Start(now, events);
            }
            else
            {
                events.Add(new HeldUntilHostArrives(request.ParticipantId));
            }
        }

        if (Status == RoomStatus.Live)
        {
            AfterRosterChange(events);
        }

        return RoomResult.Success(events);
    }

    /// <summary>Leaving works from the roster and from the waiting room.</summary>
    public RoomResult Leave(string actorId)
    {
        if (Status == RoomStatus.Ended)
        {
            return RoomError.Ended;
        }

        var events = new List<RoomEvent>();
        var waitingIndex = IndexInWaitingRoom(actorId);
        if (waitingIndex >= 0)
        {
            _waiting.RemoveAt(waitingIndex);
            events.Add(new LeftWaitingRoom(actorId));
            return RoomResult.Success(events);
        }

        if (!_participants.Remove(actorId, out var leaving))
        {
            return RoomError.NotFound;
        }

        if (leaving.Sharing)
        {
            events.Add(new ShareStopped(actorId));
        }

        events.Add(new ParticipantLeft(actorId));
        if (Status == RoomStatus.Live)
        {
            AfterRosterChange(events);
        }

        return RoomResult.Success(events);
    }

    /// <summary>Adds someone to the roster; the host's account takes the host role back from whoever holds it.</summary>
    private void Enter(JoinRequest request, RoomRole baseRole, DateTimeOffset now, List<RoomEvent> events)
    {
        var previousHost = baseRole == RoomRole.Host ? DemoteCurrentHost(events) : null;
        var muted = request.Muted || (Settings.MuteOnEntry && baseRole != RoomRole.Host);
        var participant = new RoomParticipant(
            request.ParticipantId, request.UserId, request.DisplayName,
            Role: baseRole, baseRole,
            muted, request.VideoOn, HandRaised: false, Sharing: false, now, _nextJoinOrder++, request.Device,
            UnmuteInvited: false, request.GuestKey);
        _participants.Add(request.ParticipantId, participant);
        events.Add(new ParticipantJoined(participant.ParticipantId, participant.DisplayName, participant.Role));
        if (baseRole == RoomRole.Host)
        {
            events.Add(new HostChanged(participant.ParticipantId, previousHost));
        }
    }

    private void Start(DateTimeOffset now, List<RoomEvent> events)
    {
        Status = RoomStatus.Live;
        StartedAt = now;
        events.Add(new MeetingStarted(now));
    }

    /// <summary>The host's account is taking the host role back: whoever holds it returns to their base role.</summary>
    private string? DemoteCurrentHost(List<RoomEvent> events)
    {
        var previous = HostParticipantId;
        if (previous is not null)
        {
            var former = _participants[previous];
            SetRole(former, former.BaseRole == RoomRole.Host ? RoomRole.Participant : former.BaseRole, events);
        }

        return previous;
    }

    /// <summary>Keeps a host while anyone signed-in is present, tracks the empty grace period and the cap clock.</summary>
    private void AfterRosterChange(List<RoomEvent> events)
    {
        if (HostParticipantId is null)
        {
            var successor = _participants.Values
                .Where(p => !p.IsGuest)
                .OrderBy(p => p.Role == RoomRole.CoHost ? 0 : 1)
                .ThenBy(p => p.JoinOrder)
                .FirstOrDefault();
            if (successor is not null)
            {
                SetRole(successor, RoomRole.Host, events);
                events.Add(new HostChanged(successor.ParticipantId, null));
            }
        }

        var now = _time.GetUtcNow();
        EmptySince = _participants.Count == 0 ? EmptySince ?? now : null;
        if (TimeCapStartedAt is null && _limits.TimeCapFor(_participants.Count) is not null)
        {
            TimeCapStartedAt = now;
        }
    }

    private void SetRole(RoomParticipant participant, RoomRole role, List<RoomEvent> events)
    {
        if (participant.Role == role)
        {
            return;
        }

        _participants[participant.ParticipantId] = participant with { Role = role };
        events.Add(new RoleChanged(participant.ParticipantId, role));
    }

    private RoomRole BaseRoleOf(string? userId) =>
        userId is null ? RoomRole.Guest
        : userId == Options.HostUserId ? RoomRole.Host
        : _coHostUserIds.Contains(userId) ? RoomRole.CoHost
        : RoomRole.Participant;

    // A guest is known by the key their browser keeps (the join's guestKey), else only by this stay's participant id.
    private static string RemovalKey(string? userId, string participantId, string? guestKey) =>
        userId is not null ? "user:" + userId : guestKey is not null ? "guest-key:" + guestKey : "guest:" + participantId;

    private int IndexInWaitingRoom(string participantId) =>
        _waiting.FindIndex(w => w.ParticipantId == participantId);

    /// <summary>Trimmed, 1 to <see cref="MaxDisplayNameLength"/> characters, no control characters; else null.</summary>
    internal static string? NormaliseName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxDisplayNameLength || trimmed.Any(char.IsControl))
        {
            return null;
        }

        return trimmed;
    }

    /// <summary>Every piece of state as text, in a fixed order: tests compare it before and after a refused request.</summary>
    internal string DescribeState()
    {
        var text = new StringBuilder();
        text.AppendLine($"status={Status} started={StartedAt:O} ended={EndedAt:O} reason={EndReason}");
        text.AppendLine($"settings={Settings}");
        text.AppendLine($"empty={EmptySince:O} cap={TimeCapStartedAt:O} warned={_timeLimitWarned} next={_nextJoinOrder}");
        foreach (var p in _participants.Values.OrderBy(p => p.JoinOrder))
        {
            text.AppendLine($"participant {p}");
        }

        foreach (var w in _waiting)
        {
            text.AppendLine($"waiting {w}");
        }

        foreach (var r in _removed.Order(StringComparer.Ordinal))
        {
            text.AppendLine($"removed {r}");
        }

        return text.ToString();
    }
}
