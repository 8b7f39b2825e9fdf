using System.Collections.Concurrent;
using System.Text.Json;

namespace Confab.Client.Signaling;

/// <summary>How to enter a meeting (docs/signaling.md, join): the meeting ID and one way in.</summary>
public sealed record MeetingJoin(string MeetingId, string Name, string? Passcode = null, string? LinkToken = null, string? AccessToken = null);

/// <summary>
/// The meeting signaling (docs/signaling.md) on the same socket and media code: join a meeting by ID; once admitted
/// the server's media `welcome` arrives and <see cref="PublishAsync"/> works as in a development room.
/// </summary>
public sealed partial class SfuDevClient
{
    private readonly ConcurrentQueue<string> _meetingEvents = new();
    private TaskCompletionSource<string>? _joined;

    /// <summary>The last `meeting-state` state: `in-meeting`, `waiting` or `waiting-for-host`.</summary>
    public string? MeetingState { get; private set; }

    /// <summary>The last `meeting-state` message as received (JSON).</summary>
    public string? MeetingStateJson { get; private set; }

    /// <summary>The `event` names received, in order.</summary>
    public IReadOnlyList<string> MeetingEvents => [.. _meetingEvents];

    /// <summary>Connects, sends the meeting `join` and waits for `joined`; returns the participant id.</summary>
    public async Task<string> JoinMeetingAsync(MeetingJoin join, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(join);
        if (_receiveLoop is not null)
        {
            throw new InvalidOperationException("Join once per client.");
        }
        await _socket.ConnectAsync(_endpoint, cancellationToken).ConfigureAwait(false);
        var joined = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _joined = joined;
        _welcome = new TaskCompletionSource<WelcomeInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        var socket = _socket;
        _receiveLoop = Task.Run(() => ReceiveLoopAsync(socket), CancellationToken.None);
        await SendAsync(SignalingMessages.MeetingJoin(join, SignalingMessages.VideoReception(_options)), cancellationToken).ConfigureAwait(false);
        return await joined.Task.WaitAsync(_options.ReplyTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until the meeting lets this client's media in (the media room's `welcome`).</summary>
    public Task<WelcomeInfo> WaitForMediaAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        (_welcome ?? throw new InvalidOperationException("Join first.")).Task.WaitAsync(timeout, cancellationToken);

    /// <summary>Sends a meeting request, e.g. <c>("admit", new { participantId })</c>.</summary>
    public Task SendMeetingRequestAsync(string type, object? fields = null, CancellationToken cancellationToken = default) =>
        SendAsync(SignalingMessages.Request(type, fields), cancellationToken);

    // The receive loop's share of the meeting messages.
    private void OnMeetingMessage(string type, JsonElement message)
    {
        switch (type)
        {
            case "joined" when SignalingMessages.GetString(message, "participantId") is { } participantId:
                _meetingId = SignalingMessages.GetString(message, "meetingId");
                ResumeToken = SignalingMessages.GetString(message, "resumeToken");
                _joined?.TrySetResult(participantId);
                break;
            case "resumed" when SignalingMessages.GetString(message, "participantId") is { } participantId:
                ResumeToken = SignalingMessages.GetString(message, "resumeToken");
                _resumed?.TrySetResult(participantId);
                break;
            case "meeting-state":
                MeetingState = SignalingMessages.GetString(message, "state");
                MeetingStateJson = message.GetRawText();
                break;
            case "event" when SignalingMessages.GetString(message, "event") is { } name:
                _meetingEvents.Enqueue(name);
                break;
        }
    }
}
