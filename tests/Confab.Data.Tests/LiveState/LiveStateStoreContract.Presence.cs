using Confab.Data.Tests.Engines;
using Confab.Meetings.LiveState;

namespace Confab.Data.Tests.LiveState;

/// <summary>The contract, part two: presence with its time to live, and the user and meeting mappings.</summary>
public abstract partial class LiveStateStoreContract
{
    /// <summary>The TTL the expiry test sets: short on a real clock, the design's 60 s on a manual one.</summary>
    protected abstract TimeSpan ExpiringPresenceTtl { get; }

    /// <summary>Lets at least <paramref name="ttl"/> pass, returning once <paramref name="expired"/> holds (bounded).</summary>
    protected abstract Task LetPresenceExpireAsync(TimeSpan ttl, Func<Task<bool>> expired);

    protected static Presence InMeeting(string? meetingId = "m1") => new("in_meeting", meetingId, "desktop", DesignTime);

    /// <summary>The design's presence TTL (seed §5.1: "TTL: 60 seconds (refreshed by heartbeat)").</summary>
    protected static readonly TimeSpan DesignPresenceTtl = TimeSpan.FromSeconds(60);

    [EngineFact]
    public async Task Presence_RoundTripsEveryField()
    {
        await Store.SetPresenceAsync("u1", InMeeting(), DesignPresenceTtl);

        Assert.Equal(InMeeting(), await Store.GetPresenceAsync("u1"));
    }

    [EngineFact]
    public async Task Presence_LastActiveIsKeptToTheWholeSecond()
    {
        await Store.SetPresenceAsync("u1", InMeeting() with { LastActive = DesignTime.AddMilliseconds(999) }, DesignPresenceTtl);

        Assert.Equal(DesignTime, (await Store.GetPresenceAsync("u1"))?.LastActive);
    }

    [EngineFact]
    public async Task Presence_SetAgainReplacesIt_DroppingTheMeeting()
    {
        await Store.SetPresenceAsync("u1", InMeeting(), DesignPresenceTtl);
        var online = new Presence("online", null, "mobile", DesignTime.AddSeconds(30));

        await Store.SetPresenceAsync("u1", online, DesignPresenceTtl);

        Assert.Equal(online, await Store.GetPresenceAsync("u1"));
    }

    [EngineFact]
    public async Task Presence_IsGoneOnceItsTtlHasPassed()
    {
        await Store.SetPresenceAsync("u1", InMeeting(), ExpiringPresenceTtl);
        await Store.SetPresenceAsync("u2", InMeeting(), ExpiringPresenceTtl * 1000);
        Assert.NotNull(await Store.GetPresenceAsync("u1"));

        await LetPresenceExpireAsync(ExpiringPresenceTtl, async () => await Store.GetPresenceAsync("u1") is null);

        Assert.Null(await Store.GetPresenceAsync("u1"));
        Assert.Equal(InMeeting(), await Store.GetPresenceAsync("u2"));
    }

    [EngineFact]
    public async Task Presence_IsRemoved_AndUnknownUsersHaveNone()
    {
        await Store.SetPresenceAsync("u1", InMeeting(), DesignPresenceTtl);

        await Store.RemovePresenceAsync("u1");
        await Store.RemovePresenceAsync("never-seen");

        Assert.Null(await Store.GetPresenceAsync("u1"));
        Assert.Null(await Store.GetPresenceAsync("never-seen"));
    }

    [EngineFact]
    public async Task Presence_WithoutAPositiveTtl_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.SetPresenceAsync("u1", InMeeting(), TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.SetPresenceAsync("u1", InMeeting(), TimeSpan.FromSeconds(-1)));
        Assert.Null(await Store.GetPresenceAsync("u1"));
    }

    [EngineFact]
    public async Task UserConnection_IsSetReplacedAndRemoved()
    {
        Assert.Null(await Store.GetUserConnectionAsync("u1"));

        await Store.SetUserConnectionAsync("u1", "signaling-server-3.us-west-1");
        Assert.Equal("signaling-server-3.us-west-1", await Store.GetUserConnectionAsync("u1"));

        await Store.SetUserConnectionAsync("u1", "signaling-server-7.us-west-1");
        Assert.Equal("signaling-server-7.us-west-1", await Store.GetUserConnectionAsync("u1"));

        await Store.RemoveUserConnectionAsync("u1");
        Assert.Null(await Store.GetUserConnectionAsync("u1"));
    }

    [EngineFact]
    public async Task MeetingSfu_IsSetAndReplaced_PerMeeting()
    {
        Assert.Null(await Store.GetMeetingSfuAsync("m1"));

        await Store.SetMeetingSfuAsync("m1", "sfu-us-west-2.example:5004");
        await Store.SetMeetingSfuAsync("m2", "sfu-eu-1.example:5004");
        await Store.SetMeetingSfuAsync("m1", "sfu-us-west-3.example:5004");

        Assert.Equal("sfu-us-west-3.example:5004", await Store.GetMeetingSfuAsync("m1"));
        Assert.Equal("sfu-eu-1.example:5004", await Store.GetMeetingSfuAsync("m2"));
    }
}
