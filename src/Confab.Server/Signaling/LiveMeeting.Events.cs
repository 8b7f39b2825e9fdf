using Confab.Meetings.Rooms;
using Confab.Server.Media;

namespace Confab.Server.Signaling;

/// <summary>What follows a room change: telling the right people, media in or out, history and live state, the end.</summary>
internal sealed partial class LiveMeeting
{
    // What each connection was last told about its own situation (in the meeting or not; holding controls or not).
    private readonly Dictionary<string, (bool InMeeting, bool Controls)> _views = new(StringComparer.Ordinal);

    // Under the gate.
    private async Task ApplyAsync(IReadOnlyList<RoomEvent> events)
    {
        // Recorded before anyone hears of it: what a client is told is already in the history and the live state.
        await _persistence.RecordAsync(MeetingId, _room, events, id => _connections.GetValueOrDefault(id));
        NoteChatMembership(events);
        await EnforceMediaAsync(events);
        foreach (var e in events)
        {
            Deliver(MeetingEventMessages.From(e, NameOf, _room.Find));
        }
        foreach (var e in events)
        {
            switch (e)
            {
                case Removed removed:
                    CloseConnection(removed.ParticipantId, "removed");
                    break;
                case Denied denied:
                    CloseConnection(denied.ParticipantId, "denied");
                    break;
                case MeetingEnded:
                    HasEnded = true;
                    break;
            }
        }
        if (!HasEnded)
        {
            SendChangedViews();
        }
        await ReconcileMediaAsync();
        if (HasEnded)
        {
            foreach (var connection in _connections.Values.ToList())
            {
                CloseConnection(connection.ParticipantId, "meeting-ended");
            }
            await _ticker.DisposeAsync();
            EndChatPipeline();
            _ended(this);
        }
    }

    private void Deliver(EventMessage message)
    {
        foreach (var connection in _connections.Values)
        {
            var id = connection.ParticipantId;
            bool inMeeting = _room.ReceivesMeetingTraffic(id);
            bool gets = message.Audience.HasFlag(EventAudience.Everyone)
                || (message.Audience.HasFlag(EventAudience.Subject) && id == message.Subject)
                || (message.Audience.HasFlag(EventAudience.InMeeting) && inMeeting)
                || (message.Audience.HasFlag(EventAudience.Hosts) && inMeeting && HoldsControls(id));
            if (gets)
            {
                Send(connection, message.Body);
            }
        }
    }

    // A full picture for whoever entered the meeting, left it, or gained or lost host controls.
    private void SendChangedViews()
    {
        foreach (var connection in _connections.Values.Where(c => !c.Detached))
        {
            var id = connection.ParticipantId;
            var view = (InMeeting: _room.ReceivesMeetingTraffic(id), Controls: HoldsControls(id));
            if (_views.TryGetValue(id, out var last) && last == view)
            {
                continue;
            }
            _views[id] = view;
            var self = _room.Find(id);
            var waitingIndex = _room.WaitingRoom.ToList().FindIndex(w => w.ParticipantId == id);
            string state = view.InMeeting ? "in-meeting" : waitingIndex >= 0 ? "waiting" : "waiting-for-host";
            Send(connection, new
            {
                type = "meeting-state",
                state,
                you = self is null ? null : MeetingEventMessages.Participant(self),
                status = MeetingEventMessages.Kebab(_room.Status.ToString()),
                settings = view.InMeeting ? MeetingEventMessages.Settings(_room.Settings) : null,
                participants = view.InMeeting ? _room.Participants.Select(MeetingEventMessages.Participant).ToList() : null,
                waiting = view.InMeeting && view.Controls
                    ? _room.WaitingRoom.Select(w => new { participantId = w.ParticipantId, name = w.Request.DisplayName, since = w.Since }).ToList()
                    : null,
            });
        }
    }

    // Media peers exactly for the people admitted to the live meeting; a detached participant keeps its peer
    // through the resume grace period, and one is created only for an attached connection.
    private async Task ReconcileMediaAsync()
    {
        foreach (var (id, peer) in _mediaPeers.ToList())
        {
            if (!_connections.TryGetValue(id, out _) || !_room.ReceivesMeetingTraffic(id))
            {
                _mediaPeers.Remove(id);
                await _media.LeaveAsync(peer);
            }
        }
        foreach (var connection in _connections.Values.ToList())
        {
            var id = connection.ParticipantId;
            if (!connection.Detached && !_mediaPeers.ContainsKey(id) && _room.ReceivesMeetingTraffic(id))
            {
                var peer = await _media.JoinAsync(NameOf(id) ?? id, connection.Video, id, connection.Outbox);
                if (peer is null)
                {
                    SendError(connection, "media-full", "the media server cannot take more people in this meeting", "join");
                    continue;
                }
                _mediaPeers[id] = peer;
                if (_room.Find(id) is { } participant)
                {
                    // Muted on entry (or joined muted), or video off: held back from the first packet.
                    await _media.SetBlockedAsync(peer, TrackSource.Microphone, participant.Muted);
                    await _media.SetBlockedAsync(peer, TrackSource.Camera, !participant.VideoOn);
                    // A screen flows only while its owner holds a share the room granted.
                    await _media.SetBlockedAsync(peer, TrackSource.Screen, !participant.Sharing);
                }
            }
        }
    }

    // Mute, stop-video and the end of a share act on the SFU before anyone is told: a client that ignores them is
    // still not heard or seen. A granted share lets the owner's screen through.
    private async Task EnforceMediaAsync(IReadOnlyList<RoomEvent> events)
    {
        foreach (var e in events)
        {
            var (participantId, source, blocked) = e switch
            {
                Muted m => (m.ParticipantId, TrackSource.Microphone, true),
                Unmuted m => (m.ParticipantId, TrackSource.Microphone, false),
                VideoStopped m => (m.ParticipantId, TrackSource.Camera, true),
                VideoStarted m => (m.ParticipantId, TrackSource.Camera, false),
                ShareStopped m => (m.ParticipantId, TrackSource.Screen, true),
                ShareStarted m => (m.ParticipantId, TrackSource.Screen, false),
                _ => ((string?)null, TrackSource.Microphone, false),
            };
            if (participantId is not null && _mediaPeers.TryGetValue(participantId, out var peer))
            {
                await _media.SetBlockedAsync(peer, source, blocked);
            }
        }
    }

    private void CloseConnection(string participantId, string reason)
    {
        if (_connections.Remove(participantId, out var connection))
        {
            _views.Remove(participantId);
            connection.DetachTimer?.Dispose();
            connection.Close(reason);
        }
    }

    private bool HoldsControls(string participantId) => _room.Find(participantId)?.Role is RoomRole.Host or RoomRole.CoHost;

    private string? NameOf(string participantId) =>
        _room.Find(participantId)?.DisplayName
        ?? _room.WaitingRoom.FirstOrDefault(w => w.ParticipantId == participantId)?.Request.DisplayName;
}
