using Confab.Meetings.Chat;
using Confab.Meetings.Rooms;
using Confab.Server.Media;
using Confab.Server.Meetings;
using Microsoft.Extensions.Options;

namespace Confab.Server.Signaling;

/// <summary>The meetings live on this server, started by the first join and forgotten when they end.</summary>
internal sealed class LiveMeetingRegistry(
    MediaWorkerHost media, IOptions<MediaOptions> mediaOptions, MeetingPersistence persistence, IChatStore chat, IChatFileRecords chatFiles,
    MonotonicUuidV7 chatIds, IOptions<Chat.ChatOptions> chatOptions,
    Cluster.IMeetingHomes homes, TimeProvider time, ILoggerFactory loggers)
{
    private readonly Dictionary<string, LiveMeeting> _meetings = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _meetings.Count;
            }
        }
    }

    /// <summary>The ids of the meetings live here (their home leases are renewed while they are).</summary>
    public IReadOnlyCollection<string> MeetingIds()
    {
        lock (_lock)
        {
            return [.. _meetings.Keys];
        }
    }

    public LiveMeeting? Find(string meetingId)
    {
        lock (_lock)
        {
            return _meetings.GetValueOrDefault(meetingId);
        }
    }

    /// <summary>The live meeting of the grant's meeting, started here when it is not live (or has just ended).</summary>
    public LiveMeeting GetOrStart(JoinGrant grant)
    {
        var record = grant.Meeting;
        lock (_lock)
        {
            if (_meetings.TryGetValue(record.MeetingId, out var existing) && !existing.HasEnded)
            {
                return existing;
            }
            var settings = MeetingSettings.FromJson(record.Settings);
            var options = new MeetingRoomOptions(
                record.MeetingId,
                record.Topic ?? "Meeting",
                record.HostUserId.ToString(),
                grant.HostAccountType,
                new RoomSettings(WaitingRoomOn: settings.WaitingRoom, MuteOnEntry: settings.MuteUponEntry, JoinBeforeHost: settings.JoinBeforeHost));
            var mediaRoom = new DevRoom($"meeting-{record.MeetingId}", media.Worker, mediaOptions.Value.CheckedMaxPeersPerRoom(),
                loggers.CreateLogger<DevRoom>()) { FirstSelectionWait = mediaOptions.Value.CheckedFirstSelectionWait() };
            var meeting = new LiveMeeting(options, mediaRoom, persistence, chat, chatFiles, chatIds,
                chatOptions.Value.CheckedRateLimitMessages(), time, loggers.CreateLogger<LiveMeeting>(), Forget);
            _meetings[record.MeetingId] = meeting;
            return meeting;
        }
    }

    private void Forget(LiveMeeting meeting)
    {
        lock (_lock)
        {
            if (!_meetings.TryGetValue(meeting.MeetingId, out var current) || current != meeting)
            {
                return;
            }
            _meetings.Remove(meeting.MeetingId);
        }
        _ = ReleaseHomeAsync(meeting.MeetingId);
    }

    private async Task ReleaseHomeAsync(string meetingId)
    {
        try
        {
            await homes.ReleaseAsync(meetingId);
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException or InvalidOperationException)
        {
            // The lease expires by itself.
            loggers.CreateLogger<LiveMeetingRegistry>().LogWarning(e, "Releasing the home of meeting {Meeting} failed", meetingId);
        }
    }
}
