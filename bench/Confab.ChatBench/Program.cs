using System.Globalization;
using System.Text.Json;
using Confab.ChatBench;
using Confab.ChatBench.Load;
using Confab.ChatBench.Protocol;

// Chat throughput and delivery delay (issue 6), against a running Confab.Server on PostgreSQL (bench/chat.sh starts one).
// After an unreported priming run, for each offered rate (RateSearch: the list lowest first, then halving the gap above the
// last that held) a new meeting: receivers that only read, senders that send public text messages on an open-loop schedule
// (warm-up, then the measured window, then a drain). The highest rate that holds (StepResult: nothing lost, refused or
// delivered twice) with a delivery p99 within the target (--p99-target-ms, the issue's 50 ms) is chat_msgs_per_s_persisted,
// and that p99 chat_delivery_ms_p99; the highest that holds at any delay is chat_msgs_per_s_lossless. Everything goes to
// the --out file as JSON.
var settings = BenchSettings.Parse(args, out var problem);
if (settings is null)
{
    Console.Error.WriteLine(problem);
    Console.Error.WriteLine(BenchSettings.Usage);
    return 2;
}

using var http = new HttpClient { BaseAddress = settings.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
string hostToken = await BenchMeeting.RegisterHostAsync(http, CancellationToken.None);
var step = new RateStep(settings, http, hostToken);
if (settings.PrimeSeconds > 0)
{
    // A cold server compiles and fills its pools while the first messages wait: the first rate would pay for it. A run at
    // the lowest rate, not reported, does that first.
    var priming = await step.RunAsync(settings.Rates.Min(), 0, settings.PrimeSeconds, CancellationToken.None);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"priming ({settings.PrimeSeconds} s at {priming.OfferedPerSecond}/s, not reported): {priming.Acked} of {priming.Sent} acked, delay p99 {priming.DelayP99Ms:F1} ms"));
}
var results = new List<StepResult>();
var search = new RateSearch(settings.Rates, settings.Refinements);
while (search.Next() is { } rate)
{
    var result = await step.RunAsync(rate, settings.WarmupSeconds, settings.WindowSeconds, CancellationToken.None);
    results.Add(result);
    var problems = result.Problems();
    search.Record(rate, problems.Count == 0);
    string verdict = problems.Count == 0 ? "holds" : "does not hold: " + string.Join("; ", problems);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{rate,6}/s offered: {result.AchievedPerSecond,8:F0}/s sent, {result.Sent} sent, {result.Acked} acked, {result.Persisted} stored, delay p50 {result.DelayP50Ms:F1} p99 {result.DelayP99Ms:F1} max {result.DelayMaxMs:F1} ms: {verdict}"));
}
var lossless = results.Where(r => r.Holds).MaxBy(r => r.OfferedPerSecond);
var best = results.Where(r => r.Holds && r.DelayP99Ms <= settings.P99TargetMs).MaxBy(r => r.OfferedPerSecond);

var report = new
{
    senders = settings.Senders,
    receivers = settings.Receivers,
    warmupSeconds = settings.WarmupSeconds,
    windowSeconds = settings.WindowSeconds,
    drainSeconds = settings.DrainSeconds,
    primeSeconds = settings.PrimeSeconds,
    refinements = settings.Refinements,
    p99TargetMs = settings.P99TargetMs,
    chat_msgs_per_s_lossless = lossless?.OfferedPerSecond ?? 0,
    chat_delivery_ms_p99_lossless = lossless?.DelayP99Ms,
    chat_msgs_per_s_persisted = best?.OfferedPerSecond ?? 0,
    chat_delivery_ms_p99 = best?.DelayP99Ms,
    chat_delivery_ms_p50 = best?.DelayP50Ms,
    steps = results.OrderBy(r => r.OfferedPerSecond).Select(r => new
    {
        offered = r.OfferedPerSecond,
        achieved = Math.Round(r.AchievedPerSecond, 1),
        sent = r.Sent,
        acked = r.Acked,
        refused = r.Refused,
        persisted = r.Persisted,
        missing = r.Missing,
        duplicates = r.Duplicates,
        unexpected = r.Unexpected,
        receiversWithOtherIds = r.ReceiversWithOtherIds,
        socketsClosedByServer = r.SocketsClosedByServer,
        samples = r.DelaySamples,
        p50Ms = r.DelayP50Ms,
        p99Ms = r.DelayP99Ms,
        maxMs = r.DelayMaxMs,
        generatorCores = Math.Round(r.GeneratorCores, 2),
        holds = r.Holds,
        problems = r.Problems(),
    }),
};
await File.WriteAllTextAsync(settings.Output, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"chat_msgs_per_s_persisted {report.chat_msgs_per_s_persisted}, chat_delivery_ms_p99 {report.chat_delivery_ms_p99?.ToString("F1", CultureInfo.InvariantCulture) ?? "none"} (p99 target {settings.P99TargetMs} ms); chat_msgs_per_s_lossless {report.chat_msgs_per_s_lossless}"));
return 0;
