using System.Text.Json;
using Confab.Data.LiveState;
using Confab.Data.Tests.Engines;
using Confab.Meetings.LiveState;
using StackExchange.Redis;

namespace Confab.Data.Tests.LiveState;

/// <summary>
/// The contract on <see cref="RedisLiveStateStore"/> against a real Redis (<c>CONFAB_TEST_REDIS</c>), each test
/// under its own key prefix; plus what only Redis shows: the exact key layout and the TTL on the key.
/// </summary>
[RequiresRedis]
public sealed class RedisLiveStateStoreTests : LiveStateStoreContract, IClassFixture<RedisFixture>, IAsyncLifetime
{
    /// <summary>How long a 1 s TTL may take to be seen as expired (Redis expires lazily or within its active cycle).</summary>
    private static readonly TimeSpan ExpiryDeadline = TimeSpan.FromSeconds(10);

    private readonly RedisFixture _redis;
    private readonly string _prefix = RedisFixture.NewKeyPrefix("livestate");
    private readonly RedisLiveStateStore _store;

    public RedisLiveStateStoreTests(RedisFixture redis)
    {
        _redis = redis;
        _store = new RedisLiveStateStore(redis.Connection, _prefix);
    }

    protected override ILiveStateStore Store => _store;

    // Long enough that a loaded machine still reads the presence before it expires; short enough to keep the test quick.
    protected override TimeSpan ExpiringPresenceTtl => TimeSpan.FromSeconds(3);

    /// <summary>Redis keeps real time: wait for the expiry to be seen, with a bounded deadline.</summary>
    protected override Task LetPresenceExpireAsync(TimeSpan ttl, Func<Task<bool>> expired) =>
        Poll.UntilAsync(expired, ttl + ExpiryDeadline, "the presence to expire");

    private IDatabase Raw => _redis.Connection.GetDatabase();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _redis.DeleteKeysUnderAsync(_prefix);

    [RedisFact]
    public async Task Keys_FollowTheDesignLayout_WithTheirRedisTypes()
    {
        await WriteOneOfEverythingAsync();

        Assert.Equal(
            ["meeting:m1:breakout_rooms", "meeting:m1:participants", "meeting:m1:state", "meeting:m1:waiting_room",
             "meeting_sfu:m1", "presence:u1", "user_connection:u1"],
            await _redis.KeysUnderAsync(_prefix));
        Assert.Equal(RedisType.Hash, await Raw.KeyTypeAsync(_prefix + "meeting:m1:state"));
        Assert.Equal(RedisType.Hash, await Raw.KeyTypeAsync(_prefix + "meeting:m1:participants"));
        Assert.Equal(RedisType.Hash, await Raw.KeyTypeAsync(_prefix + "presence:u1"));
        Assert.Equal(RedisType.String, await Raw.KeyTypeAsync(_prefix + "user_connection:u1"));
        Assert.Equal(RedisType.String, await Raw.KeyTypeAsync(_prefix + "meeting_sfu:m1"));
        Assert.Equal(RedisType.List, await Raw.KeyTypeAsync(_prefix + "meeting:m1:waiting_room"));
        Assert.Equal(RedisType.Hash, await Raw.KeyTypeAsync(_prefix + "meeting:m1:breakout_rooms"));
    }

    [RedisFact]
    public async Task Hashes_HoldTheDesignFields_AsTheDesignWritesThem()
    {
        await WriteOneOfEverythingAsync();

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["status"] = "active",
                ["host_id"] = "host-1",
                ["start_time"] = "1705000000",
                ["participant_count"] = "15",
                ["recording"] = "true",
                ["sfu_server"] = "sfu-us-west-1.example",
            },
            await RawHashAsync("meeting:m1:state"));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["status"] = "in_meeting",
                ["meeting_id"] = "m1",
                ["device"] = "desktop",
                ["last_active"] = "1705000000",
            },
            await RawHashAsync("presence:u1"));
        Assert.Equal("signaling-server-3.us-west-1", (string?)await Raw.StringGetAsync(_prefix + "user_connection:u1"));
        Assert.Equal("sfu-us-west-2.example:5004", (string?)await Raw.StringGetAsync(_prefix + "meeting_sfu:m1"));
        Assert.Equal(new Dictionary<string, string> { ["room_1"] = """["user_a"]""" }, await RawHashAsync("meeting:m1:breakout_rooms"));
    }

    [RedisFact]
    public async Task StateFlags_AreWrittenTrueOrFalse_AndAnUnsetSfuLeavesNoField()
    {
        await Store.SetMeetingStateAsync("m1", ActiveState());
        await Store.SetMeetingStateAsync("m1", ActiveState(sfuServer: null) with { Recording = false });

        var state = await RawHashAsync("meeting:m1:state");
        Assert.Equal("false", state["recording"]);
        Assert.DoesNotContain("sfu_server", state.Keys);
    }

    [RedisFact]
    public async Task ParticipantsAndWaitingEntries_AreSnakeCaseJson()
    {
        await WriteOneOfEverythingAsync();

        string participant = (await Raw.HashGetAsync(_prefix + "meeting:m1:participants", "p1")).ToString();
        using (var json = JsonDocument.Parse(participant))
        {
            Assert.Equal(["user_id", "name", "role", "muted", "video_on", "joined_at"], PropertyNames(json));
            Assert.Equal("Alice", json.RootElement.GetProperty("name").GetString());
            Assert.Equal("host", json.RootElement.GetProperty("role").GetString());
            Assert.False(json.RootElement.GetProperty("muted").GetBoolean());
        }

        string waiting = (await Raw.ListGetByIndexAsync(_prefix + "meeting:m1:waiting_room", 0)).ToString();
        using (var json = JsonDocument.Parse(waiting))
        {
            Assert.Equal(["participant_id", "user_id", "name", "since"], PropertyNames(json));
            Assert.Equal("p2", json.RootElement.GetProperty("participant_id").GetString());
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("user_id").ValueKind);
        }
    }

    [RedisFact]
    public async Task Presence_KeyCarriesItsTtl_AndAHeartbeatRearmsIt()
    {
        var firstTtl = TimeSpan.FromSeconds(20);
        await Store.SetPresenceAsync("u1", InMeeting(), firstTtl);
        var ttlAfterFirst = await Raw.KeyTimeToLiveAsync(_prefix + "presence:u1");

        await Store.SetPresenceAsync("u1", InMeeting(), DesignPresenceTtl);
        var ttlAfterHeartbeat = await Raw.KeyTimeToLiveAsync(_prefix + "presence:u1");

        Assert.NotNull(ttlAfterFirst);
        Assert.InRange(ttlAfterFirst.Value, TimeSpan.FromMilliseconds(1), firstTtl);
        Assert.NotNull(ttlAfterHeartbeat);
        Assert.InRange(ttlAfterHeartbeat.Value, firstTtl * 2, DesignPresenceTtl);
    }

    [RedisFact]
    public async Task MeetingKeys_HaveNoTtl()
    {
        await WriteOneOfEverythingAsync();

        foreach (string key in new[] { "meeting:m1:state", "meeting:m1:participants", "meeting:m1:waiting_room", "meeting_sfu:m1", "user_connection:u1" })
        {
            Assert.Null(await Raw.KeyTimeToLiveAsync(_prefix + key));
        }
    }

    [RedisFact]
    public async Task RemoveMeeting_DeletesEveryKeyOfTheMeeting()
    {
        await WriteOneOfEverythingAsync();

        await Store.RemoveMeetingAsync("m1");

        Assert.Equal(["presence:u1", "user_connection:u1"], await _redis.KeysUnderAsync(_prefix));
    }

    [RedisFact]
    public async Task MalformedStoredValues_GiveAClearError()
    {
        await Raw.HashSetAsync(_prefix + "meeting:m1:participants", "p1", "not json");
        await Raw.HashSetAsync(_prefix + "meeting:m1:state", [new("status", "active"), new("host_id", "h"), new("start_time", "yesterday")]);
        await Raw.HashSetAsync(_prefix + "presence:u1", "status", "online");
        await Raw.ListRightPushAsync(_prefix + "meeting:m1:waiting_room", "{\"participant_id\":42");

        var participants = await Assert.ThrowsAsync<InvalidDataException>(() => Store.GetParticipantsAsync("m1"));
        Assert.Contains("meeting:m1:participants", participants.Message);
        Assert.Contains("p1", participants.Message);
        await Assert.ThrowsAsync<InvalidDataException>(() => Store.GetMeetingStateAsync("m1"));
        await Assert.ThrowsAsync<InvalidDataException>(() => Store.GetPresenceAsync("u1"));
        await Assert.ThrowsAsync<InvalidDataException>(() => Store.GetWaitingRoomAsync("m1"));

        // The waiting-room scripts step over an entry they cannot read.
        Assert.False(await Store.RemoveWaitingAsync("m1", "p1"));
        await Store.EnqueueWaitingAsync("m1", Waiting("p1", "Alice"));
        Assert.Equal(2, await Raw.ListLengthAsync(_prefix + "meeting:m1:waiting_room"));
    }

    private async Task WriteOneOfEverythingAsync()
    {
        await Store.SetMeetingStateAsync("m1", ActiveState());
        await Store.SetParticipantAsync("m1", new LiveParticipant("p1", "u1", "Alice", "host", Muted: false, VideoOn: true, DesignTime));
        await Store.SetPresenceAsync("u1", InMeeting(), DesignPresenceTtl);
        await Store.SetUserConnectionAsync("u1", "signaling-server-3.us-west-1");
        await Store.SetMeetingSfuAsync("m1", "sfu-us-west-2.example:5004");
        await Store.EnqueueWaitingAsync("m1", new WaitingEntry("p2", null, "Bob", DesignTime));
        await Store.SetBreakoutRoomsAsync("m1", new Dictionary<string, string> { ["room_1"] = """["user_a"]""" });
    }

    private async Task<Dictionary<string, string>> RawHashAsync(string key) =>
        (await Raw.HashGetAllAsync(_prefix + key)).ToDictionary(field => field.Name.ToString(), field => field.Value.ToString());

    private static string[] PropertyNames(JsonDocument json) =>
        [.. json.RootElement.EnumerateObject().Select(property => property.Name)];
}
