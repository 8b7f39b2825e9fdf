using Confab.Server.Signaling;
using Confab.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Confab.Server.Tests.Signaling;

/// <summary>
/// Confab:Signaling:JoinWithinSeconds: a signaling socket that has not joined in time is closed with <c>join-timeout</c>
/// (an idle socket, one sending junk, one whose join was refused); a joined one is not. On a server of its own, whose
/// fake clock the tests move.
/// </summary>
public sealed class JoinDeadlineTests : IClassFixture<JoinDeadlineServerFixture>
{
    private readonly JoinDeadlineServerFixture _fixture;

    public JoinDeadlineTests(JoinDeadlineServerFixture fixture)
    {
        _fixture = fixture;
        fixture.EnsureAvailable();
    }

    [SkippableFact]
    public async Task Sockets_that_have_not_joined_are_closed_when_the_time_to_join_runs_out_and_a_joined_one_stays()
    {
        var m = await MeetingSignalingTests.ScheduleAsync(_fixture, waitingRoom: false);
        await using var idle = await SignalingTestClient.ConnectAsync(_fixture);
        await using var refused = await SignalingTestClient.ConnectAsync(_fixture);
        await using var joined = await SignalingTestClient.ConnectAsync(_fixture);

        // Each socket's first answer shows the server is reading it, so its time to join is running.
        await idle.SendAsync(new { type = "ping" });
        Assert.Equal("not-joined", await idle.WaitForErrorAsync());
        await refused.SendAsync(new { type = "join", meetingId = m.Id, passcode = "wrong0", name = "Eve" });
        Assert.Equal("join-refused", await refused.WaitForErrorAsync());
        await joined.SendAsync(new { type = "join", meetingId = m.Id, accessToken = m.HostToken, name = "Hana Host" });
        await joined.WaitForTypeAsync("joined");

        // A second short of the limit all three are open.
        _fixture.Time.Advance(JoinDeadlineServerFixture.JoinWithin - TimeSpan.FromSeconds(1));
        await idle.SendAsync(new { type = "ping" });
        Assert.Equal("not-joined", await idle.WaitForErrorAsync());
        await refused.SendAsync(new { type = "ping" });
        Assert.Equal("not-joined", await refused.WaitForErrorAsync());

        _fixture.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SignalingSocket.JoinTimeoutReason, await idle.WaitForCloseAsync());
        Assert.Equal(SignalingSocket.JoinTimeoutReason, await refused.WaitForCloseAsync());

        // The joined socket is still answered after the limit.
        await joined.SendAsync(new { type = "ping" });
        await joined.WaitForTypeAsync("pong");
        Assert.Null(joined.ClosedWith);
    }
}

/// <summary>A server whose sockets have 5 seconds (of its fake clock) to join.</summary>
public sealed class JoinDeadlineServerFixture() : ServerFixture(new SqliteEngine(),
    services => services.Configure<SignalingOptions>(o => o.JoinWithinSeconds = (int)JoinWithin.TotalSeconds))
{
    public static readonly TimeSpan JoinWithin = TimeSpan.FromSeconds(5);
}
