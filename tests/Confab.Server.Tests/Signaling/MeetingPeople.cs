using Confab.Server.Tests.Infrastructure;

namespace Confab.Server.Tests.Signaling;

/// <summary>
/// People who join a scheduled meeting over the signaling socket, for the chat tests: each joined person has its socket,
/// participant id and resume token; client ids are unique per test class (<paramref name="clientIdPrefix"/>).
/// </summary>
internal sealed class MeetingPeople(ServerFixture fixture, string clientIdPrefix)
{
    private int _clientIds;

    public sealed record Person(SignalingTestClient Socket, string Id, string Token) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Socket.DisposeAsync();
    }

    public Task<MeetingSignalingTests.Meeting> ScheduleAsync(bool waitingRoom = false) => MeetingSignalingTests.ScheduleAsync(fixture, waitingRoom);

    public async Task<Person> JoinAsync(object join, string expectedState = "in-meeting")
    {
        var socket = await SignalingTestClient.ConnectAsync(fixture);
        await socket.SendAsync(join);
        var joined = await socket.WaitForTypeAsync("joined");
        var state = await socket.WaitForTypeAsync("meeting-state");
        Assert.Equal(expectedState, state.GetProperty("state").GetString());
        return new Person(socket, joined.GetProperty("participantId").GetString()!, joined.GetProperty("resumeToken").GetString()!);
    }

    public Task<Person> JoinAsHostAsync(MeetingSignalingTests.Meeting m) =>
        JoinAsync(new { type = "join", meetingId = m.Id, accessToken = m.HostToken, name = "Hana Host" });

    public Task<Person> JoinAsGuestAsync(MeetingSignalingTests.Meeting m, string name, string expectedState = "in-meeting") =>
        JoinAsync(new { type = "join", meetingId = m.Id, passcode = m.Passcode, name }, expectedState);

    public string NewClientId() => $"{clientIdPrefix}-{Interlocked.Increment(ref _clientIds):D4}-{Guid.NewGuid():N}"[..32];
}
