namespace Confab.Server.Tests.Cluster;

/// <summary>
/// Two server processes sharing PostgreSQL and Redis (docs/adr/0012): the meeting lives on the node its first person
/// reached; people on the other node are relayed to it, and the chat reaches exactly the people it is for.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TwoNodeChatTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task Public_and_private_messages_reach_exactly_their_people_on_both_nodes()
    {
        ServerCluster.EnsureAvailable();
        await using var cluster = await ServerCluster.StartAsync(nodes: 2, redisDatabase: 11);
        var meeting = await ClusterMeeting.ScheduleAsync(cluster);
        await using var host = await meeting.JoinAsHostAsync(node: 0);
        await using var ana = await meeting.JoinAsGuestAsync(node: 1, "Ana");
        await using var ben = await meeting.JoinAsGuestAsync(node: 1, "Ben");
        await using var cat = await meeting.JoinAsGuestAsync(node: 0, "Cat");

        // Each waits for its acknowledgement, so the ids follow this order.
        var hello = await SendAsync(host, "hello everyone");
        var anaToCat = await SendAsync(ana, "psst, Cat", to: cat);
        var benToAna = await SendAsync(ben, "psst, Ana", to: ana);
        var catToAll = await SendAsync(cat, "hi all");
        var last = await SendAsync(host, "last one");

        // Delivery is in id order: once a person has the last message, everything meant for them has come.
        ChatPeer[] everyone = [host, ana, ben, cat];
        foreach (var peer in everyone)
        {
            await WaitUntilAsync(() => peer.Received.ContainsKey(last), $"{peer.Name} receives the last message");
        }
        AssertReceivedExactly(host, hello, catToAll, last);
        AssertReceivedExactly(ana, hello, anaToCat, benToAna, catToAll, last);
        AssertReceivedExactly(ben, hello, benToAna, catToAll, last);
        AssertReceivedExactly(cat, hello, anaToCat, catToAll, last);
        Assert.All(everyone, p => Assert.Empty(p.Errors));

        // Where things live: the meeting on node 0 (its first person came there); each guest's socket on its own node.
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(cluster.RedisConnectionString);
        var db = redis.GetDatabase();
        string? home = await db.StringGetAsync($"meeting:{meeting.Id}:home");
        string? anaNode = await db.StringGetAsync($"user_connection:guest:{ana.ParticipantId}");
        string? catNode = await db.StringGetAsync($"user_connection:guest:{cat.ParticipantId}");
        Assert.NotNull(home);
        Assert.Equal(home, catNode);
        Assert.NotEqual(home, anaNode);
        Assert.Equal(anaNode, (string?)await db.StringGetAsync($"user_connection:guest:{ben.ParticipantId}"));
    }

    private static async Task<Guid> SendAsync(ChatPeer from, string text, ChatPeer? to = null)
    {
        string clientId = "c" + Guid.NewGuid().ToString("N");
        await from.SendChatAsync(clientId, text, to?.ParticipantId);
        await WaitUntilAsync(() => from.Acknowledged.ContainsKey(clientId), $"{from.Name}'s '{text}' is acknowledged");
        return from.Acknowledged[clientId];
    }

    private static void AssertReceivedExactly(ChatPeer peer, params Guid[] expected)
    {
        var received = peer.Received;
        Assert.Equal(expected.Order(), received.Keys.Order());
        Assert.All(received, r => Assert.Equal(1, r.Value));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            // Woken by any peer's change would be finer; the conditions here span several peers, so poll at a short interval.
            await Task.Delay(20, timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            if (timeout.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"waited {Patience.TotalSeconds:0} s until {what}");
            }
        }
    }
}

/// <summary>The cluster tests start server processes: one class at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "Server cluster";
}
