namespace Confab.Server.Cluster;

/// <summary>The Redis keys and channels of the cluster (docs/adr/0012), beside the live state's keys of seed §5.1.</summary>
internal static class ClusterKeys
{
    /// <summary><c>node:{name}</c> — exists while the node lives (a heartbeat renews its time to live).</summary>
    public const string NodePrefix = "node:";

    public static string Node(string nodeName) => NodePrefix + nodeName;

    /// <summary><c>meeting:{id}:home</c> — the node whose process holds the live meeting, with a lease.</summary>
    public static string MeetingHome(string meetingId) => $"meeting:{meetingId}:home";

    /// <summary><c>relay:{node}</c> — the pub/sub channel a node reads its relayed signaling from.</summary>
    public static string RelayChannel(string nodeName) => $"relay:{nodeName}";
}
