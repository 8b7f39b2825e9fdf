using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Confab.JoinBench;
using Confab.Testing;
using Microsoft.Playwright;

// Join to first frame (issue 5): a host sits in a meeting with the camera on; one guest at a time opens the join
// link in Chromium, presses Join on the pre-join screen, and the page notes when the first video frame of the host
// is presented (requestVideoFrameCallback). The time from the click to that frame, for each join, goes to the
// output file as JSON; the median is the headline. Loopback, the server's embedded defaults. Before the measured
// joins, --warmup joins go the same way unreported: a server that has just started spends a core compiling its code
// for the first minute (the database layer above all), which a server in service has long done.
//
// After each first frame the guest watches for --watch-ms more, and the bench reads how that video played (freezes,
// frames dropped): a first picture that then stands still is no faster join.
//
// usage: Confab.JoinBench [--joins N] [--warmup N] [--watch-ms MS] [--out FILE]
int joins = 10;
int warmup = 5;
int watchMs = 4000;
string output = "join-latency.json";
for (int i = 0; i < args.Length - 1; i += 2)
{
    switch (args[i])
    {
        case "--joins" when int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int n) && n is > 0 and <= 100:
            joins = n;
            break;
        case "--warmup" when int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int w) && w is >= 0 and <= 100:
            warmup = w;
            break;
        case "--watch-ms" when int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int m) && m is >= 0 and <= 60_000:
            watchMs = m;
            break;
        case "--out":
            output = args[i + 1];
            break;
        default:
            Console.Error.WriteLine($"unknown or bad argument {args[i]} {args[i + 1]}; usage: --joins 1..100 --warmup 0..100 --watch-ms 0..60000 --out FILE");
            return 2;
    }
}

await using var server = await ServerProcess.StartAsync();
using var http = server.CreateClient();
var (joinPath, tokens) = await HostAccount.CreateMeetingAsync(http);

var (playwright, browser) = await ChromiumBrowser.LaunchAsync();
using (playwright)
await using (browser)
{
    var hostContext = await browser.NewContextAsync(new() { BaseURL = server.BaseUrl.ToString(), ViewportSize = new() { Width = 1280, Height = 720 } });
    var host = await hostContext.NewPageAsync();
    await host.GotoAsync("/");
    await host.EvaluateAsync("t => localStorage.setItem('confab.tokens', JSON.stringify(t))", tokens);
    await JoinPage.JoinAsync(host, joinPath, name: null);
    string hostId = await host.EvaluateAsync<string>("() => window.confabMeeting.roster.selfId");

    var samples = new List<double>();
    var hostWidths = new List<int>();
    var firstSeconds = new List<FirstSeconds>();
    for (int i = -warmup; i < joins; i++)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = server.BaseUrl.ToString(), ViewportSize = new() { Width = 1280, Height = 720 } });
        var guest = await context.NewPageAsync();
        double ms = await JoinPage.MeasureJoinToFirstFrameAsync(guest, joinPath, i < 0 ? $"Early guest {warmup + i + 1}" : $"Guest {i + 1}", hostId);
        var played = await JoinPage.WatchFirstSecondsAsync(guest, watchMs);
        // What the host is encoding as the guest joins: each simulcast layer, and the widest (its sender ramps up to 1280
        // wide within half a minute; on a small machine that encoding competes with the joining page for the CPU).
        var sending = await host.EvaluateAsync<HostSending>(@"async () => {
            const layers = [];
            let widest = 0;
            (await window.confabMeeting.publisher.pc.getStats()).forEach(s => {
                if (s.type !== 'outbound-rtp' || s.kind !== 'video') return;
                layers.push(`${s.rid}: ${s.frameWidth || 0}w ${s.framesEncoded} frames ${s.keyFramesEncoded} key ${s.pliCount} pli ${s.qualityLimitationReason}`);
                if (s.framesEncoded > 0) widest = Math.max(widest, s.frameWidth || 0);
            });
            return { widest, layers: layers.join(' | ') };
        }");
        if (i >= 0)
        {
            samples.Add(ms);
            hostWidths.Add(sending.Widest);
            firstSeconds.Add(played);
        }
        Console.WriteLine("  host sends: " + sending.Layers);
        Console.WriteLine(i < 0
            ? string.Create(CultureInfo.InvariantCulture, $"warm-up join {warmup + i + 1}: {ms:F0} ms")
            : string.Create(CultureInfo.InvariantCulture, $"join {i + 1}: {ms:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  first {watchMs} ms after it: {played.Freezes} freezes ({played.FrozenMs} ms), {played.FramesDropped} frames dropped, {played.FramesDecoded} decoded"));
        await guest.GetByRole(AriaRole.Button, new() { Name = "Leave", Exact = true }).ClickAsync();
        await guest.GetByTestId("meeting-over").WaitForAsync();
        await context.CloseAsync();
    }

    var sorted = samples.Order().ToList();
    double median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    await File.WriteAllTextAsync(output, JsonSerializer.Serialize(new
    {
        joins = samples,
        hostWidths,
        warmup,
        watchMs,
        freezes = firstSeconds.Select(f => f.Freezes),
        frozenMs = firstSeconds.Select(f => f.FrozenMs),
        framesDropped = firstSeconds.Select(f => f.FramesDropped),
        p50 = median,
        min = sorted[0],
        max = sorted[^1],
    }));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"join_to_first_frame_ms_p50 {median:F0} (min {sorted[0]:F0}, max {sorted[^1]:F0}, n {samples.Count})"));
}
return 0;

/// <summary>The host's video senders at one moment: the widest layer being encoded, and every layer for the log.</summary>
internal sealed class HostSending
{
    public int Widest { get; set; }

    public string Layers { get; set; } = "";
}
