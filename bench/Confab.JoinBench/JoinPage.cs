using Microsoft.Playwright;

namespace Confab.JoinBench;

/// <summary>The pre-join screen's Join, and the page's own clock around it.</summary>
internal static class JoinPage
{
    /// <summary>Opens the join link, waits for the camera preview, presses Join and waits until in the meeting.</summary>
    public static async Task JoinAsync(IPage page, string joinPath, string? name)
    {
        await OpenPreJoinAsync(page, joinPath, name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Meeting controls" }).WaitForAsync(new() { Timeout = 30_000 });
    }

    // Installed before the click: the click's time, and the time the first frame of the host's tile is presented. The
    // bench waits on a promise the frame callback resolves: nothing polls the page it measures.
    private const string Stopwatch = @"hostId => {
        const bench = window.__joinBench = { clickedAt: 0, firstFrameAt: 0 };
        bench.firstFrame = new Promise(resolve => bench.presented = resolve);
        document.addEventListener('click', e => {
            const button = e.target.closest && e.target.closest('button');
            if (button && button.textContent.trim() === 'Join' && !bench.clickedAt) bench.clickedAt = performance.now();
        }, true);
        const watch = () => {
            const video = document.querySelector(`.tile[data-participant-id='${hostId}'] video`);
            if (video && !video.__benchWatched) {
                video.__benchWatched = true;
                video.requestVideoFrameCallback(() => {
                    if (!bench.firstFrameAt) bench.firstFrameAt = performance.now();
                    bench.presented();
                });
            }
        };
        new MutationObserver(watch).observe(document.body, { subtree: true, childList: true });
    }";

    /// <summary>Milliseconds from pressing Join to the first presented video frame of <paramref name="hostId"/>.</summary>
    public static async Task<double> MeasureJoinToFirstFrameAsync(IPage page, string joinPath, string name, string hostId)
    {
        await OpenPreJoinAsync(page, joinPath, name);
        await page.EvaluateAsync(Stopwatch, hostId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        await page.EvaluateAsync("() => window.__joinBench.firstFrame.then(() => true)").WaitAsync(TimeSpan.FromSeconds(30));
        Console.WriteLine("  " + await page.EvaluateAsync<string>(@"() => performance.getEntriesByType('mark')
            .filter(m => m.name.startsWith('confab:') && m.startTime >= window.__joinBench.clickedAt)
            .map(m => `${m.name.slice(7)} ${(m.startTime - window.__joinBench.clickedAt).toFixed(0)}`).join(', ')"));
        return await page.EvaluateAsync<double>("() => window.__joinBench.firstFrameAt - window.__joinBench.clickedAt");
    }

    /// <summary>
    /// How the host's video played in the guest's first <paramref name="watchMs"/> after its first frame (the stopwatch of
    /// <see cref="MeasureJoinToFirstFrameAsync"/> must have run on <paramref name="page"/>): Chromium's freezes (a frame
    /// shown much longer than the ones before it) and frames it dropped before showing them. A first picture that then
    /// stands still is no faster join.
    /// </summary>
    public static async Task<FirstSeconds> WatchFirstSecondsAsync(IPage page, int watchMs) =>
        await page.EvaluateAsync<FirstSeconds>(@"async watchMs => {
            const bench = window.__joinBench;
            await new Promise(r => setTimeout(r, Math.max(0, bench.firstFrameAt + watchMs - performance.now())));
            const seen = { freezes: 0, frozenMs: 0, framesDropped: 0, framesDecoded: 0 };
            (await window.confabMeeting.subscriber.connection.getStats()).forEach(s => {
                if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
                seen.freezes += s.freezeCount || 0;
                seen.frozenMs += Math.round((s.totalFreezesDuration || 0) * 1000);
                seen.framesDropped += s.framesDropped || 0;
                seen.framesDecoded += s.framesDecoded || 0;
            });
            return seen;
        }", watchMs);

    private static async Task OpenPreJoinAsync(IPage page, string joinPath, string? name)
    {
        await page.GotoAsync(joinPath);
        await page.WaitForFunctionAsync("() => { const v = document.querySelector('video'); return !!v && v.readyState >= 2 && v.videoWidth > 0; }");
        if (name is not null)
        {
            await page.GetByLabel("Your name").FillAsync(name);
        }
    }
}

/// <summary>A guest's first seconds of the host's video: freezes, their total length, frames dropped and decoded.</summary>
internal sealed class FirstSeconds
{
    public int Freezes { get; set; }

    public int FrozenMs { get; set; }

    public int FramesDropped { get; set; }

    public int FramesDecoded { get; set; }
}
