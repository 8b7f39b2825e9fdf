namespace Confab.Server.Cluster;

/// <summary>
/// Where each live meeting lives (docs/adr/0012): one node — its home — holds the meeting's room, its SFU room and its
/// chat sequence; a client that reaches another node is relayed to the home.
/// </summary>
internal interface IMeetingHomes
{
    /// <summary>
    /// Null when the meeting lives here (claimed now when no live node held it); else the name of the live node that
    /// holds it.
    /// </summary>
    Task<string?> ClaimOrFindAsync(string meetingId, CancellationToken cancellationToken);

    /// <summary>Keeps this node's claim on the meetings live here; returns those whose claim another node took.</summary>
    Task<IReadOnlyList<string>> RenewAsync(IReadOnlyCollection<string> meetingIds);

    /// <summary>Gives the meeting up (it ended here).</summary>
    Task ReleaseAsync(string meetingId);
}

/// <summary>One node, no Redis: every meeting lives here.</summary>
internal sealed class LocalMeetingHomes : IMeetingHomes
{
    public Task<string?> ClaimOrFindAsync(string meetingId, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task<IReadOnlyList<string>> RenewAsync(IReadOnlyCollection<string> meetingIds) => Task.FromResult<IReadOnlyList<string>>([]);

    public Task ReleaseAsync(string meetingId) => Task.CompletedTask;
}
