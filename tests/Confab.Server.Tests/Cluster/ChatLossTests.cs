using Npgsql;

namespace Confab.Server.Tests.Cluster;

/// <summary>
/// Issue 6's loss test: 50 people send 200 messages each while one of the two nodes is killed midway and started again.
/// Afterwards every message is stored exactly once and everyone received every message meant for them exactly once —
/// compared by id.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ChatLossTests
{
    private const int People = 50;
    private const int MessagesEach = 200;
    private const int InFlightEach = 8;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [SkippableFact]
    public async Task Fifty_people_send_200_messages_each_while_a_node_restarts_and_nothing_is_lost_or_doubled()
    {
        ServerCluster.EnsureAvailable();
        await using var cluster = await ServerCluster.StartAsync(nodes: 2, redisDatabase: 12,
            new Dictionary<string, string> { ["Confab__Chat__RateLimitMessages"] = "1000000" });
        var meeting = await ClusterMeeting.ScheduleAsync(cluster);
        // The host reaches node 0 first: the meeting lives there. Every other person is on node 1 (relayed).
        var peers = new List<ChatPeer> { await meeting.JoinAsHostAsync(node: 0) };
        for (int i = 1; i < People; i++)
        {
            peers.Add(await meeting.JoinAsGuestAsync(node: i % 2, $"Person {i:D2}"));
        }
        try
        {
            using var stop = new CancellationTokenSource();
            var loops = peers.Select((peer, index) => Task.Run(() => RunPersonAsync(meeting, peer, index, peers, stop.Token))).ToList();

            await WaitUntilAsync(() => peers.Sum(p => p.Acknowledged.Count) >= People * MessagesEach / 2 || loops.Any(l => l.IsFaulted),
                "half the messages are acknowledged", loops);
            await cluster.KillNodeAsync(1);
            await cluster.StartNodeAsync(1);

            await WaitUntilAsync(() => peers.All(p => p.Acknowledged.Count == MessagesEach), "every message is acknowledged", loops);
            var expected = ExpectedRecipients(peers);
            await WaitUntilAsync(() => peers.Select((p, i) => p.Received.Count == expected[i].Count).All(b => b),
                "everyone received as many messages as are meant for them", loops);
            await stop.CancelAsync();
            await Task.WhenAll(loops);

            // Received: exactly the messages meant for each person, each once.
            for (int i = 0; i < People; i++)
            {
                var received = peers[i].Received;
                Assert.True(expected[i].SetEquals(received.Keys), $"{peers[i].Name} did not receive exactly the messages meant for them");
                Assert.All(received, r => Assert.Equal(1, r.Value));
                Assert.Empty(peers[i].Errors);
            }
            // The restart was felt: everyone on node 1 resumed, the others did not need to.
            Assert.All(peers.Where((_, i) => i % 2 == 1), p => Assert.True(p.Resumes >= 1, $"{p.Name} never resumed"));
            Assert.All(peers.Where((_, i) => i % 2 == 0), p => Assert.Equal(0, p.Resumes));

            // Stored: every acknowledged message exactly once (the persister may still be moving the last ones).
            var acknowledged = peers.SelectMany(p => p.Acknowledged.Values).ToHashSet();
            Assert.Equal(People * MessagesEach, acknowledged.Count);
            List<Guid> stored = [];
            await WaitUntilAsync(() =>
            {
                stored = StoredMessageIds(cluster, meeting.Id);
                return stored.Count >= acknowledged.Count;
            }, "every message is in the database", loops);
            Assert.Equal(stored.Count, stored.Distinct().Count());
            Assert.True(acknowledged.SetEquals(stored), "the database does not hold exactly the acknowledged messages");
        }
        catch (Exception e) when (e is not Xunit.SkipException)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}{Environment.NewLine}{cluster.Output}");
        }
        finally
        {
            foreach (var peer in peers)
            {
                await peer.DisposeAsync();
            }
        }
    }

    // Person p's message k: private to the next person when k is a multiple of 10, else to everyone.
    private static string? RecipientOf(int sender, int k, IReadOnlyList<ChatPeer> peers) =>
        k % 10 == 0 ? peers[(sender + 1) % People].ParticipantId : null;

    private static string ClientIdOf(int sender, int k) => $"p{sender:D2}-m{k:D3}";

    private static async Task RunPersonAsync(ClusterMeeting meeting, ChatPeer peer, int index, IReadOnlyList<ChatPeer> peers, CancellationToken stop)
    {
        int next = 0;
        while (!stop.IsCancellationRequested)
        {
            if (!peer.Connected)
            {
                await ResumeAsync(meeting, peer, index, stop);
                continue;
            }
            while (next < MessagesEach && peer.UnacknowledgedCount < InFlightEach)
            {
                await peer.SendChatAsync(ClientIdOf(index, next), $"message {next} of {peer.Name}", RecipientOf(index, next, peers));
                next++;
            }
            await peer.WaitForChangeAsync(TimeSpan.FromMilliseconds(200));
        }
    }

    // Half the people of node 1 come back through node 0, the other half wait for node 1 to be up again.
    private static async Task ResumeAsync(ClusterMeeting meeting, ChatPeer peer, int index, CancellationToken stop)
    {
        int node = index % 4 == 3 ? 1 : 0;
        while (!stop.IsCancellationRequested)
        {
            if (meeting.Cluster.SignalingEndpointOf(node) is { } endpoint && await peer.TryResumeAsync(endpoint))
            {
                return;
            }
            await Task.Delay(100, CancellationToken.None); // the node is down or not listening yet: a client's reconnect back-off
        }
    }

    private static List<HashSet<Guid>> ExpectedRecipients(IReadOnlyList<ChatPeer> peers)
    {
        var expected = peers.Select(_ => new HashSet<Guid>()).ToList();
        for (int sender = 0; sender < People; sender++)
        {
            var acknowledged = peers[sender].Acknowledged;
            for (int k = 0; k < MessagesEach; k++)
            {
                var id = acknowledged[ClientIdOf(sender, k)];
                if (RecipientOf(sender, k, peers) is null)
                {
                    expected.ForEach(set => set.Add(id));
                }
                else
                {
                    expected[sender].Add(id);
                    expected[(sender + 1) % People].Add(id);
                }
            }
        }
        return expected;
    }

    private static List<Guid> StoredMessageIds(ServerCluster cluster, string meetingId)
    {
        using var connection = new NpgsqlConnection(cluster.DatabaseConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT message_id FROM chat_messages WHERE meeting_id = @m", connection);
        command.Parameters.AddWithValue("m", meetingId);
        using var reader = command.ExecuteReader();
        var ids = new List<Guid>();
        while (reader.Read())
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, IReadOnlyList<Task> loops)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (loops.FirstOrDefault(l => l.IsFaulted) is { } failed)
            {
                await failed; // a person's loop failed (e.g. resume-failed): that is the error to see
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"waited {Patience.TotalMinutes:0} min until {what}");
            }
            await Task.Delay(50);
        }
    }
}
