using System.Globalization;
using Confab.Meetings.LiveState;
using StackExchange.Redis;

namespace Confab.Data.LiveState;

/// <summary>
/// The <c>meeting:{id}:state</c> and <c>presence:{user}</c> hashes as Redis fields (seed §5.1). Reads never
/// throw: false means a stored field is missing or malformed.
/// </summary>
internal static class RedisHashCodec
{
    private const string True = "true";
    private const string False = "false";

    public static HashEntry[] WriteState(MeetingLiveState state)
    {
        var fields = new List<HashEntry>(6)
        {
            new(StateFields.Status, state.Status),
            new(StateFields.HostId, state.HostId),
            new(StateFields.StartTime, UnixSeconds.Format(state.StartTime)),
            new(StateFields.ParticipantCount, state.ParticipantCount),
            new(StateFields.Recording, state.Recording ? True : False),
        };
        if (state.SfuServer is not null)
        {
            fields.Add(new(StateFields.SfuServer, state.SfuServer));
        }

        return [.. fields];
    }

    /// <summary>
    /// True with a null <paramref name="state"/> when no state was set (the hash is absent, or holds only a
    /// participant_count made by an increment); false when a field is malformed.
    /// </summary>
    public static bool TryReadState(HashEntry[] fields, out MeetingLiveState? state)
    {
        state = null;
        var byName = ToDictionary(fields);
        if (!byName.TryGetValue(StateFields.Status, out string? status))
        {
            return true;
        }

        long count = 0;
        bool? recording = byName.GetValueOrDefault(StateFields.Recording) switch
        {
            True => true,
            False => false,
            _ => null,
        };
        if (!byName.TryGetValue(StateFields.HostId, out string? hostId)
            || !UnixSeconds.TryParse(byName.GetValueOrDefault(StateFields.StartTime), out DateTimeOffset startTime)
            || (byName.TryGetValue(StateFields.ParticipantCount, out string? countText)
                && !long.TryParse(countText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count))
            || recording is null)
        {
            return false;
        }

        state = new MeetingLiveState(status, hostId, startTime, count, recording.Value, byName.GetValueOrDefault(StateFields.SfuServer));
        return true;
    }

    public static HashEntry[] WritePresence(Presence presence)
    {
        var fields = new List<HashEntry>(4)
        {
            new(PresenceFields.Status, presence.Status),
            new(PresenceFields.Device, presence.Device),
            new(PresenceFields.LastActive, UnixSeconds.Format(presence.LastActive)),
        };
        if (presence.MeetingId is not null)
        {
            fields.Add(new(PresenceFields.MeetingId, presence.MeetingId));
        }

        return [.. fields];
    }

    /// <summary>True with a null <paramref name="presence"/> when the hash is absent; false when malformed.</summary>
    public static bool TryReadPresence(HashEntry[] fields, out Presence? presence)
    {
        presence = null;
        if (fields.Length == 0)
        {
            return true;
        }

        var byName = ToDictionary(fields);
        if (!byName.TryGetValue(PresenceFields.Status, out string? status)
            || !byName.TryGetValue(PresenceFields.Device, out string? device)
            || !UnixSeconds.TryParse(byName.GetValueOrDefault(PresenceFields.LastActive), out DateTimeOffset lastActive))
        {
            return false;
        }

        presence = new Presence(status, byName.GetValueOrDefault(PresenceFields.MeetingId), device, lastActive);
        return true;
    }

    private static Dictionary<string, string> ToDictionary(HashEntry[] fields)
    {
        var byName = new Dictionary<string, string>(fields.Length, StringComparer.Ordinal);
        foreach (var field in fields)
        {
            byName[field.Name.ToString()] = field.Value.ToString();
        }

        return byName;
    }
}
