using System.Text.Json;
using Microsoft.Playwright;

namespace Confab.E2E.Tests;

/// <summary>One browser page in the SFU development room, with what it decodes per remote peer.</summary>
internal sealed class DevRoomPage
{
    private static readonly TimeSpan MediaTimeout = TimeSpan.FromSeconds(45);

    private DevRoomPage(IBrowserContext context, IPage page, string name)
    {
        Context = context;
        Page = page;
        Name = name;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public string Name { get; }

    public string PeerId { get; private set; } = "";

    public static async Task<DevRoomPage> JoinAsync(IBrowser browser, Uri baseUrl, string room, string name, bool simulcast = false)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var joined = new DevRoomPage(context, page, name);
        string query = $"dev/sfu.html?room={room}&name={name}" + (simulcast ? "&simulcast=1" : "");
        await page.GotoAsync(new Uri(baseUrl, query).ToString());
        await page.WaitForFunctionAsync("() => window.confab && window.confab.state.peerId");
        joined.PeerId = await page.EvaluateAsync<string>("() => window.confab.state.peerId");
        return joined;
    }

    public async Task<Dictionary<string, PeerMedia>> MediaByPeerAsync()
    {
        var text = await Page.EvaluateAsync<string>("async () => JSON.stringify(await window.confab.mediaByPeer())");
        using var json = JsonDocument.Parse(text);
        var result = new Dictionary<string, PeerMedia>();
        foreach (var property in json.RootElement.EnumerateObject())
        {
            result[property.Name] = new PeerMedia(
                property.Value.GetProperty("framesDecoded").GetInt64(),
                property.Value.GetProperty("audioPacketsReceived").GetInt64());
        }
        return result;
    }

    /// <summary>
    /// Waits until video frames decoded and audio packets received grow for every one of <paramref name="peerIds"/>
    /// (compared with the first reading in which all of them had started).
    /// </summary>
    public async Task WaitForMediaGrowingFromAsync(IReadOnlyCollection<string> peerIds)
    {
        var deadline = DateTime.UtcNow + MediaTimeout;
        Dictionary<string, PeerMedia>? baseline = null;
        while (true)
        {
            var now = await MediaByPeerAsync();
            bool allStarted = peerIds.All(id => now.TryGetValue(id, out var m) && m.FramesDecoded > 0 && m.AudioPacketsReceived > 0);
            if (allStarted && baseline is null)
            {
                baseline = now;
            }
            else if (allStarted && baseline is not null && peerIds.All(id =>
                now[id].FramesDecoded > baseline[id].FramesDecoded && now[id].AudioPacketsReceived > baseline[id].AudioPacketsReceived))
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                var errors = await ErrorsAsync();
                throw new TimeoutException(
                    $"{Name}: media from [{string.Join(", ", peerIds)}] did not keep growing; saw {JsonSerializer.Serialize(now)}; page errors: {string.Join(" | ", errors)}");
            }
            // Stats change at the browser's pace: wait for the next animation frames rather than a fixed delay.
            await Page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        }
    }

    /// <summary>
    /// Waits until RTCP reports from the SFU reached this page: receiver reports about what it publishes
    /// (remote-inbound-rtp on the publish connection) and sender reports about what it receives
    /// (remote-outbound-rtp on the subscribe connection).
    /// </summary>
    public Task WaitForReportsFromTheSfuAsync() => Page.WaitForFunctionAsync(@"async () => {
        const kinds = async (pc) => { const seen = new Set(); (await pc.getStats()).forEach(s => seen.add(s.type)); return seen; };
        return (await kinds(window.confab.publishPc)).has('remote-inbound-rtp')
            && (await kinds(window.confab.subscribePc)).has('remote-outbound-rtp');
    }", null, new() { Timeout = (float)MediaTimeout.TotalMilliseconds });

    // How many simulcast layers (rids) the page's video is sending, by its outbound-rtp statistics.
    private const string SendingLayersScript = @"async () => {
        let layers = 0;
        (await window.confab.publishPc.getStats()).forEach(s => { if (s.type === 'outbound-rtp' && s.kind === 'video' && s.rid && s.packetsSent > 0) layers++; });
        return layers;
    }";

    /// <summary>Waits until this page's video goes out in at least <paramref name="layers"/> simulcast layers.</summary>
    public Task WaitForSendingLayersAsync(int layers) => Page.WaitForFunctionAsync(
        $"async () => (await ({SendingLayersScript})()) >= {layers}", null, new() { Timeout = (float)MediaTimeout.TotalMilliseconds });

    public Task<string[]> ErrorsAsync() => Page.EvaluateAsync<string[]>("() => window.confab.state.errors");

    public Task<string[]> KnownPeersAsync() => Page.EvaluateAsync<string[]>("() => [...window.confab.state.peers.keys()]");

    public async Task LeaveAsync()
    {
        await Page.ClickAsync("#leave");
        await Context.CloseAsync();
    }
}

internal sealed record PeerMedia(long FramesDecoded, long AudioPacketsReceived);
