using Confab.Server.Tests.Infrastructure;

namespace Confab.Server.Tests.Signaling;

/// <summary>
/// Passcode guessing over the meeting signaling, on a server of its own (the throttle counts per client address,
/// and every test client has the same one).
/// </summary>
public abstract class MeetingJoinThrottleTests
{
    private readonly ServerFixture _fixture;

    protected MeetingJoinThrottleTests(ServerFixture fixture)
    {
        _fixture = fixture;
        fixture.EnsureAvailable();
    }

    [SkippableFact]
    public async Task A_wrong_passcode_and_an_unknown_meeting_get_the_same_answer_and_guessing_is_throttled()
    {
        var m = await MeetingSignalingTests.ScheduleAsync(_fixture, waitingRoom: false);
        await using var socket = await SignalingTestClient.ConnectAsync(_fixture);

        await socket.SendAsync(new { type = "join", meetingId = m.Id, passcode = "000000x", name = "Eve" });
        var wrong = await socket.WaitForTypeAsync("error");
        await socket.SendAsync(new { type = "join", meetingId = "98765432109", passcode = m.Passcode, name = "Eve" });
        var unknown = await socket.WaitForTypeAsync("error");
        Assert.Equal("join-refused", wrong.GetProperty("code").GetString());
        Assert.Equal(wrong.GetRawText(), unknown.GetRawText());

        // The same socket (and client address) keeps guessing until the throttle stops it.
        string? code = null;
        for (int i = 0; i < 20 && code != "too-many-attempts"; i++)
        {
            await socket.SendAsync(new { type = "join", meetingId = m.Id, passcode = $"guess{i}", name = "Eve" });
            code = await socket.WaitForErrorAsync();
        }
        Assert.Equal("too-many-attempts", code);

        // Even the right passcode waits now.
        await socket.SendAsync(new { type = "join", meetingId = m.Id, passcode = m.Passcode, name = "Eve" });
        Assert.Equal("too-many-attempts", await socket.WaitForErrorAsync());
    }
}

public sealed class SqliteMeetingJoinThrottleTests(SqliteServerFixture fixture)
    : MeetingJoinThrottleTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresMeetingJoinThrottleTests(PostgresServerFixture fixture)
    : MeetingJoinThrottleTests(fixture), IClassFixture<PostgresServerFixture>;
