using System.Security.Cryptography;
using System.Text;
using Confab.Server.Media;

namespace Confab.Server.Signaling;

/// <summary>
/// Resume (docs/signaling.md): a socket lost without a <c>leave</c> leaves its participant in the meeting for
/// <see cref="ResumeGracePeriod"/>; a new socket presenting the resume token takes the participant over — the others
/// see no leave and no join. Its media peer stays through the grace period (transports, producers, consumers:
/// packets that still arrive are forwarded). A resume with <c>iceRestart</c> (the client still holds its two peer
/// connections) keeps that peer and restarts ICE on both transports; a resume without it replaces the peer with a
/// new one on new transports.
/// </summary>
internal sealed partial class LiveMeeting
{
    /// <summary>The socket of <paramref name="connection"/> ended without a leave: keep the participant and its media.</summary>
    public async Task DetachAsync(MeetingConnection connection)
    {
        await _gate.WaitAsync();
        try
        {
            if (HasEnded || !IsCurrent(connection) || connection.Detached)
            {
                return;
            }
            connection.Detached = true;
            if (_mediaPeers.TryGetValue(connection.ParticipantId, out var peer))
            {
                await _media.DetachAsync(peer);
            }
            connection.Close("detached");
            connection.DetachTimer = _time.CreateTimer(static state =>
            {
                var (meeting, lost) = ((LiveMeeting, MeetingConnection))state!;
                _ = meeting.ExpireAsync(lost);
            }, (this, connection), ResumeGracePeriod, Timeout.InfiniteTimeSpan);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Hands the participant holding <paramref name="resumeToken"/> to a new connection; null when no participant of
    /// this meeting holds it (wrong token, grace period over, meeting ended). A connection still attached (the server
    /// had not noticed the loss yet) is closed as replaced. With <paramref name="iceRestart"/> the participant's media
    /// peer is kept: after <c>resumed</c> and <c>meeting-state</c> the media room sends <c>welcome</c> (with
    /// <c>iceRestart</c>) and a subscribe offer with new ICE credentials; without it the peer is rebuilt. With
    /// <paramref name="chatAfter"/> the chat messages after that id come first, as <c>chat-history</c> pages: under the gate,
    /// before any later delivery, so the participant gets each message once, in order.
    /// </summary>
    public async Task<MeetingConnection?> ResumeAsync(string resumeToken, int outboxCapacity, bool iceRestart, Guid? chatAfter = null)
    {
        await _gate.WaitAsync();
        try
        {
            if (HasEnded)
            {
                return null;
            }
            var token = Encoding.ASCII.GetBytes(resumeToken);
            var old = _connections.Values.FirstOrDefault(c => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(c.ResumeToken), token));
            if (old is null)
            {
                return null;
            }
            old.DetachTimer?.Dispose();
            if (!old.Detached && _mediaPeers.TryGetValue(old.ParticipantId, out var attachedPeer))
            {
                await _media.DetachAsync(attachedPeer); // the loss was not noticed yet: nothing more for the old socket
            }
            old.Close("replaced");
            var resumed = old.Successor(outboxCapacity);
            _connections[resumed.ParticipantId] = resumed;
            _views.Remove(resumed.ParticipantId);
            DevPeer? kept = null;
            if (_mediaPeers.TryGetValue(resumed.ParticipantId, out var oldPeer))
            {
                if (iceRestart)
                {
                    kept = oldPeer;
                }
                else
                {
                    // The client lost its peer connections (a reload): the old transports have nobody at the other end.
                    _mediaPeers.Remove(resumed.ParticipantId);
                    await _media.LeaveAsync(oldPeer);
                }
            }
            Send(resumed, new
            {
                type = "resumed",
                participantId = resumed.ParticipantId,
                meetingId = MeetingId,
                resumeToken = resumed.ResumeToken,
                resumeWithinSeconds = (int)ResumeGracePeriod.TotalSeconds,
            });
            SendChangedViews();
            if (chatAfter is { } after)
            {
                await SendMissedChatAsync(resumed, after);
            }
            if (kept is not null && !await _media.ResumeAsync(kept, resumed.Outbox))
            {
                _mediaPeers.Remove(resumed.ParticipantId);
            }
            await ReconcileMediaAsync();
            return resumed;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ExpireAsync(MeetingConnection lost)
    {
        try
        {
            await _gate.WaitAsync();
            try
            {
                if (HasEnded || !IsCurrent(lost) || !lost.Detached)
                {
                    return;
                }
                _connections.Remove(lost.ParticipantId);
                _views.Remove(lost.ParticipantId);
                await ApplyAsync(_room.Leave(lost.ParticipantId).Events);
                await EndIfNobodyWaitsForHostAsync();
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogError(e, "Meeting {Meeting}: ending the lost connection of {Participant} failed", MeetingId, lost.ParticipantId);
        }
    }

    /// <summary>Whether the participant is in its resume grace period (its socket lost, not yet resumed or expired).</summary>
    public async Task<bool> IsDetachedAsync(string participantId)
    {
        await _gate.WaitAsync();
        try
        {
            return _connections.TryGetValue(participantId, out var connection) && connection.Detached;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsCurrent(MeetingConnection connection) =>
        _connections.TryGetValue(connection.ParticipantId, out var current) && ReferenceEquals(current, connection);
}
