using System.Text.Json;

namespace Confab.LoadGen.Janus;

/// <summary>One stream of a publisher as the videoroom lists it ("streams": [{"type","mindex","mid","codec"}]).</summary>
public sealed record VideoRoomStream(string Type, int MIndex, string Mid, string? Codec);

/// <summary>A publisher as listed in "joined" and "event" messages.</summary>
public sealed record VideoRoomPublisher(long Id, string? Display, IReadOnlyList<VideoRoomStream> Streams);

/// <summary>
/// The videoroom plugin's data in a message ("plugindata.data"): the "videoroom" kind ("created",
/// "joined", "event", "attached", "updated", "participants", "destroyed", ...) and the fields the load
/// generator uses. A plugin error is a "videoroom": "event" with "error_code" and "error".
/// </summary>
public sealed class VideoRoomEvent
{
    public string Kind { get; init; } = "";

    public long? Room { get; init; }

    /// <summary>"joined": our publisher id.</summary>
    public long? Id { get; init; }

    /// <summary>"joined": our private id (ties subscriptions to the publisher).</summary>
    public long? PrivateId { get; init; }

    /// <summary>Publishers announced (in "joined" or as new publishers in an "event").</summary>
    public IReadOnlyList<VideoRoomPublisher> Publishers { get; init; } = [];

    /// <summary>"leaving": the id of a publisher that left (null when absent or "ok" for our own leave).</summary>
    public long? Leaving { get; init; }

    /// <summary>"unpublished": the id of a publisher that stopped publishing.</summary>
    public long? Unpublished { get; init; }

    /// <summary>"configured": "ok".</summary>
    public bool Configured { get; init; }

    /// <summary>"started": "ok".</summary>
    public bool Started { get; init; }

    /// <summary>Our own streams after publish, or the subscribed streams in "attached"/"updated".</summary>
    public IReadOnlyList<VideoRoomStream> Streams { get; init; } = [];

    public int? ErrorCode { get; init; }

    public string? Error { get; init; }

    public bool IsError => ErrorCode is not null;

    /// <summary>Reads plugin data; false when it has no "videoroom" kind.</summary>
    public static bool TryRead(JsonElement? data, out VideoRoomEvent? roomEvent)
    {
        roomEvent = null;
        if (data is not JsonElement d || d.ValueKind != JsonValueKind.Object
            || JanusMessage.ReadString(d, "videoroom") is not string kind)
        {
            return false;
        }

        roomEvent = new VideoRoomEvent
        {
            Kind = kind,
            Room = JanusMessage.ReadInt64(d, "room"),
            Id = JanusMessage.ReadInt64(d, "id"),
            PrivateId = JanusMessage.ReadInt64(d, "private_id"),
            Publishers = ReadPublishers(d),
            Leaving = JanusMessage.ReadInt64(d, "leaving"),
            Unpublished = JanusMessage.ReadInt64(d, "unpublished"),
            Configured = JanusMessage.ReadString(d, "configured") == "ok",
            Started = JanusMessage.ReadString(d, "started") == "ok",
            Streams = ReadStreams(d),
            ErrorCode = JanusMessage.ReadInt64(d, "error_code") is long code ? (int)code : null,
            Error = JanusMessage.ReadString(d, "error"),
        };
        return true;
    }

    private static List<VideoRoomPublisher> ReadPublishers(JsonElement data)
    {
        var publishers = new List<VideoRoomPublisher>();
        if (!data.TryGetProperty("publishers", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            return publishers;
        }

        foreach (JsonElement item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && JanusMessage.ReadInt64(item, "id") is long id)
            {
                publishers.Add(new VideoRoomPublisher(id, JanusMessage.ReadString(item, "display"), ReadStreams(item)));
            }
        }

        return publishers;
    }

    private static List<VideoRoomStream> ReadStreams(JsonElement owner)
    {
        var streams = new List<VideoRoomStream>();
        if (!owner.TryGetProperty("streams", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            return streams;
        }

        foreach (JsonElement item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object
                && JanusMessage.ReadString(item, "type") is string type
                && JanusMessage.ReadInt64(item, "mindex") is long mindex
                && JanusMessage.ReadString(item, "mid") is string mid)
            {
                streams.Add(new VideoRoomStream(type, (int)mindex, mid, JanusMessage.ReadString(item, "codec")));
            }
        }

        return streams;
    }
}
