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

    // Installed before the click: the click's time, and the time the first frame of the host's tile is presented.
    private const string Stopwatch = @"hostId => {
        const bench = window.__joinBench = { clickedAt: 0, firstFrameAt: 0 };
        document.addEventListener('click', e => {
            const button = e.target.closest && e.target.closest('button');
            if (button && button.textContent.trim() === 'Join' && !bench.clickedAt) bench.clickedAt = performance.now();
        }, true);
        const watch = () => {
            const video = document.querySelector(`.tile[data-participant-id='${hostId}'] video`);
            if (video && !video.__benchWatched) {
                video.__benchWatched = true;
                video.requestVideoFrameCallback(() => { if (!bench.firstFrameAt) bench.firstFrameAt = performance.now(); });
            }
        };
        new MutationObserver(watch).observe(document.body, { subtree: true, childList: true });
        const poll = async () => {
            const pc = window.confabMeeting && window.confabMeeting.subscriber && window.confabMeeting.subscriber.pc;
            if (pc) {
                (await pc.getStats()).forEach(s => {
                    if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
                    if (s.packetsReceived > 0 && !bench.videoPacket) { bench.videoPacket = 1; performance.mark('confab:video-packet'); }
                    if (s.framesReceived > 0 && !bench.videoFrame) { bench.videoFrame = 1; performance.mark('confab:video-frame-received'); }
                    if (s.framesDecoded > 0 && !bench.videoDecoded) { bench.videoDecoded = 1; performance.mark('confab:video-decoded'); }
                });
            }
            if (!bench.firstFrameAt) setTimeout(poll, 5);
        };
        poll();
    }";

    /// <summary>Milliseconds from pressing Join to the first presented video frame of <paramref name="hostId"/>.</summary>
    public static async Task<double> MeasureJoinToFirstFrameAsync(IPage page, string joinPath, string name, string hostId)
    {
        await OpenPreJoinAsync(page, joinPath, name);
        await page.EvaluateAsync(Stopwatch, hostId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        await page.WaitForFunctionAsync("() => window.__joinBench.firstFrameAt > 0", null, new() { Timeout = 30_000 });
        Console.WriteLine("  " + await page.EvaluateAsync<string>(@"() => performance.getEntriesByType('mark')
            .filter(m => m.name.startsWith('confab:') && m.startTime >= window.__joinBench.clickedAt)
            .map(m => `${m.name.slice(7)} ${(m.startTime - window.__joinBench.clickedAt).toFixed(0)}`).join(', ')"));
        return await page.EvaluateAsync<double>("() => window.__joinBench.firstFrameAt - window.__joinBench.clickedAt");
    }

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
