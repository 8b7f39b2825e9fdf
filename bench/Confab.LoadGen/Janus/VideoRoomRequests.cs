using System.Text.Json.Nodes;

namespace Confab.LoadGen.Janus;

/// <summary>
/// Bodies of the videoroom plugin's requests (Janus 1.x, janus_videoroom.c and its documentation), sent
/// inside <see cref="JanusRequests.Message"/>.
/// </summary>
public static class VideoRoomRequests
{
    /// <summary>
    /// "create": a room that fits a load run — up to <paramref name="maxPublishers"/> publishers, each
    /// allowed <paramref name="bitrateBitsPerSecond"/> (REMB cap), Opus and VP8, optional simulcast-friendly
    /// settings left at their defaults. Not permanent (never written to the configuration file).
    /// </summary>
    public static JsonObject CreateRoom(long room, int maxPublishers, int bitrateBitsPerSecond) => new()
    {
        ["request"] = "create",
        ["room"] = room,
        ["permanent"] = false,
        ["publishers"] = maxPublishers,
        ["bitrate"] = bitrateBitsPerSecond,
        ["bitrate_cap"] = false,
        ["fir_freq"] = 0,
        ["audiocodec"] = "opus",
        ["videocodec"] = "vp8",
        ["notify_joining"] = false,
    };

    /// <summary>"destroy" a room.</summary>
    public static JsonObject DestroyRoom(long room) => new() { ["request"] = "destroy", ["room"] = room };

    /// <summary>"join" as a publisher (no media yet: <see cref="Publish"/> follows with the offer).</summary>
    public static JsonObject JoinAsPublisher(long room, string display) => new()
    {
        ["request"] = "join",
        ["ptype"] = "publisher",
        ["room"] = room,
        ["display"] = display,
    };

    /// <summary>"publish", sent with our JSEP offer; Janus replies with a "configured" event and its answer.</summary>
    public static JsonObject Publish(int bitrateBitsPerSecond) => new()
    {
        ["request"] = "publish",
        ["bitrate"] = bitrateBitsPerSecond,
    };

    /// <summary>
    /// "join" as a subscriber to whole feeds (all their streams) in one multistream handle; Janus replies with
    /// an "attached" event and its JSEP offer.
    /// </summary>
    public static JsonObject JoinAsSubscriber(long room, IEnumerable<long> feeds, long? privateId = null)
        => JoinAsSubscriber(room, feeds.Select(feed => (feed, (string?)null)), privateId);

    /// <summary>
    /// "join" as a subscriber to chosen streams: (feed, mid) pairs, a null mid meaning all of that feed's streams.
    /// </summary>
    public static JsonObject JoinAsSubscriber(long room, IEnumerable<(long Feed, string? Mid)> streams, long? privateId = null)
    {
        var list = new JsonArray();
        foreach ((long feed, string? mid) in streams)
        {
            var stream = new JsonObject { ["feed"] = feed };
            if (mid is not null)
            {
                stream["mid"] = mid;
            }

            list.Add(stream);
        }

        var body = new JsonObject
        {
            ["request"] = "join",
            ["ptype"] = "subscriber",
            ["room"] = room,
            ["streams"] = list,
        };
        if (privateId is long id)
        {
            body["private_id"] = id;
        }

        return body;
    }

    /// <summary>"subscribe" to more feeds on an existing subscriber handle; Janus replies "updated" with a new offer.</summary>
    public static JsonObject Subscribe(IEnumerable<long> feeds)
    {
        var streams = new JsonArray();
        foreach (long feed in feeds)
        {
            streams.Add(new JsonObject { ["feed"] = feed });
        }

        return new JsonObject { ["request"] = "subscribe", ["streams"] = streams };
    }

    /// <summary>"start", sent with our JSEP answer to the subscriber offer.</summary>
    public static JsonObject Start() => new() { ["request"] = "start" };

    /// <summary>"listparticipants" in a room (a synchronous request).</summary>
    public static JsonObject ListParticipants(long room) => new() { ["request"] = "listparticipants", ["room"] = room };

    /// <summary>"leave" the room.</summary>
    public static JsonObject Leave() => new() { ["request"] = "leave" };
}
