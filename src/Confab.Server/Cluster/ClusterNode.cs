namespace Confab.Server.Cluster;

/// <summary>
/// This server process as a node of the cluster: its name in the live state (<c>user_connection</c>, <c>meeting_sfu</c>,
/// the meeting homes of docs/adr/0012) and the name of its relay channel. Unique per process start, so a node that
/// restarts is a new node and the old one's leases simply expire.
/// </summary>
internal sealed class ClusterNode
{
    public string Name { get; } =
        $"{Environment.MachineName}:{Environment.ProcessId}:{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}";
}
