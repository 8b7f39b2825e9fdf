using Confab.Server.Tests.Infrastructure;

namespace Confab.Server.Tests.Cluster;

/// <summary>A meeting scheduled on a cluster (no waiting room), and people joining it on chosen nodes.</summary>
internal sealed record ClusterMeeting(ServerCluster Cluster, string Id, string Passcode, string HostToken)
{
    public static async Task<ClusterMeeting> ScheduleAsync(ServerCluster cluster)
    {
        var (client, token) = await cluster.NewUserAsync();
        using (client)
        {
            var meeting = await TestApi.CreateMeetingAsync(client, new
            {
                topic = "Across nodes",
                type = 2,
                start_time = "2026-06-01T14:00:00Z",
                settings = new { waiting_room = false },
            });
            return new ClusterMeeting(cluster, TestApi.IdOf(meeting), meeting.GetProperty("password").GetString()!, token);
        }
    }

    public Task<ChatPeer> JoinAsHostAsync(int node) =>
        ChatPeer.JoinAsync(Endpoint(node), "host", new { type = "join", v = 1, meetingId = Id, accessToken = HostToken, name = "Hana Host" });

    public Task<ChatPeer> JoinAsGuestAsync(int node, string name) =>
        ChatPeer.JoinAsync(Endpoint(node), name, new { type = "join", v = 1, meetingId = Id, passcode = Passcode, name });

    public Uri Endpoint(int node) => Cluster.SignalingEndpointOf(node) ?? throw new InvalidOperationException($"node {node} is down");
}
