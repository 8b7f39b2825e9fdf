using Confab.Meetings.Chat;
using Confab.Server.Chat;
using Confab.Server.Signaling;
using Confab.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Confab.Server.Tests.Signaling;

/// <summary>
/// A meeting hands at most <see cref="LiveMeeting.ChatInFlightLimit"/> messages to the store at once: the next is refused
/// before it reaches the store (a refused message is never stored), and those in flight are acknowledged once stored.
/// </summary>
public sealed class ChatInFlightLimitTests(HeldChatStoreServerFixture fixture) : IClassFixture<HeldChatStoreServerFixture>
{
    [Fact]
    public async Task Beyond_the_in_flight_limit_a_message_is_refused_and_never_stored()
    {
        var people = new MeetingPeople(fixture, "held");
        var store = (HeldChatStore)fixture.App.Services.GetRequiredService<IChatStore>();
        var m = await people.ScheduleAsync();
        await using var host = await people.JoinAsHostAsync(m);

        var clientIds = Enumerable.Range(0, LiveMeeting.ChatInFlightLimit + 1).Select(i => $"held-{i:D5}").ToList();
        foreach (var clientId in clientIds)
        {
            await host.Socket.SendAsync(new { type = "chat-send", clientId, text = "while the store is slow" });
        }
        var refusal = await host.Socket.WaitForTypeAsync("error");
        Assert.Equal("chat-unavailable", refusal.GetProperty("code").GetString());
        Assert.Equal(clientIds[^1], refusal.GetProperty("clientId").GetString());
        Assert.Equal(LiveMeeting.ChatInFlightLimit, store.Appends);
        Assert.DoesNotContain(clientIds[^1], store.ClientIds);

        store.Release();
        var lastAck = await host.Socket.WaitForAsync(
            msg => SignalingTestClient.Type(msg) == "chat-ack" && msg.GetProperty("clientId").GetString() == clientIds[^2], "the last ack");
        Assert.Equal(LiveMeeting.ChatInFlightLimit, host.Socket.Seen.Count(msg => SignalingTestClient.Type(msg) == "chat-ack"));
        Assert.Equal(LiveMeeting.ChatInFlightLimit, store.Appends);

        // Stored together, they are delivered together (in `chats` as they complete): each once, in the order sent.
        var acks = host.Socket.Seen.Where(msg => SignalingTestClient.Type(msg) == "chat-ack")
            .ToDictionary(msg => msg.GetProperty("messageId").GetString()!, msg => msg.GetProperty("clientId").GetString()!);
        await host.Socket.WaitForAsync(msg => SignalingTestClient.Type(msg) == "chat"
            && acks[msg.GetProperty("message").GetProperty("id").GetString()!] == clientIds[^2], "the last delivery");
        var delivered = host.Socket.Seen.Where(msg => SignalingTestClient.Type(msg) == "chat")
            .Select(msg => acks[msg.GetProperty("message").GetProperty("id").GetString()!]).ToList();
        Assert.Equal(clientIds[..^1], delivered);
    }
}

/// <summary>A server whose chat store holds every append until <see cref="HeldChatStore.Release"/>, with no flood limit.</summary>
public sealed class HeldChatStoreServerFixture() : ServerFixture(new SqliteEngine(), services =>
{
    services.Replace(ServiceDescriptor.Singleton<IChatStore>(new HeldChatStore()));
    services.Configure<ChatOptions>(o => o.RateLimitMessages = ChatOptions.LargestRateLimitMessages);
});

/// <summary>A chat store that completes appends only once released, and counts them.</summary>
public sealed class HeldChatStore : IChatStore
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _clientIds = new();

    public int Appends => _clientIds.Count;

    public IReadOnlyCollection<string> ClientIds => _clientIds;

    public void Release() => _released.TrySetResult();

    public async Task<ChatAppendResult> AppendAsync(ChatMessage message, CancellationToken cancellationToken = default)
    {
        _clientIds.Enqueue(message.ClientId);
        await _released.Task;
        return new ChatAppendResult(message, true);
    }

    public Task<ChatMessage?> FindByClientIdAsync(string meetingId, string from, string clientId, CancellationToken cancellationToken = default) =>
        Task.FromResult<ChatMessage?>(null);

    public Task<ChatMessage?> FindAsync(string meetingId, Guid messageId, CancellationToken cancellationToken = default) =>
        Task.FromResult<ChatMessage?>(null);

    public Task<ChatPage> ListAsync(string meetingId, Guid? after, int limit, ChatReader reader, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatPage([], false));

    public Task<int> DeleteSentBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) => Task.FromResult(0);
}
