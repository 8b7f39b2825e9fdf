using System.Globalization;

namespace Confab.ChatBench;

/// <summary>The command line of the chat benchmark.</summary>
internal sealed record BenchSettings(
    Uri BaseUrl,
    string Database,
    IReadOnlyList<int> Rates,
    int Senders,
    int Receivers,
    int WarmupSeconds,
    int WindowSeconds,
    int DrainSeconds,
    int Refinements,
    int PrimeSeconds,
    int P99TargetMs,
    string Output)
{
    public const string Usage =
        "usage: Confab.ChatBench --base-url http://127.0.0.1:PORT --database NPGSQL-CONNECTION-STRING [--rates 500,1000,...] "
        + "[--senders 10] [--receivers 20] [--warmup 3] [--window 15] [--drain 2] [--refine 3] [--prime 10] [--p99-target-ms 50] [--out chat.json]";

    public static readonly IReadOnlyList<int> DefaultRates = [100, 250, 500, 1000, 2000, 5000, 10000, 12500, 15000, 20000];

    /// <summary>The meeting signaling endpoint of <see cref="BaseUrl"/>.</summary>
    public Uri Signaling => new UriBuilder(BaseUrl) { Scheme = BaseUrl.Scheme == "https" ? "wss" : "ws", Path = "/sfu/ws" }.Uri;

    public static BenchSettings? Parse(string[] args, out string? problem)
    {
        problem = null;
        Uri? baseUrl = null;
        string? database = null;
        IReadOnlyList<int> rates = DefaultRates;
        int senders = 10, receivers = 20, warmup = 3, window = 15, drain = 2, refinements = 3, prime = 10, p99Target = 50;
        string output = "chat.json";
        for (int i = 0; i < args.Length; i += 2)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            bool ok = args[i] switch
            {
                "--base-url" => Uri.TryCreate(value, UriKind.Absolute, out baseUrl),
                "--database" => (database = value) is { Length: > 0 },
                "--rates" => TryRates(value, out rates),
                "--senders" => TryCount(value, 1, 100, out senders),
                "--receivers" => TryCount(value, 1, 90, out receivers),
                "--warmup" => TryCount(value, 0, 60, out warmup),
                "--window" => TryCount(value, 1, 600, out window),
                "--drain" => TryCount(value, 0, 60, out drain),
                "--refine" => TryCount(value, 0, 10, out refinements),
                "--prime" => TryCount(value, 0, 600, out prime),
                "--p99-target-ms" => TryCount(value, 1, 60_000, out p99Target),
                "--out" => (output = value ?? "") is { Length: > 0 },
                _ => false,
            };
            if (!ok)
            {
                problem = $"bad argument {args[i]} {value}";
                return null;
            }
        }
        if (baseUrl is null || database is null)
        {
            problem = "--base-url and --database are required";
            return null;
        }
        return new BenchSettings(baseUrl, database, rates, senders, receivers, warmup, window, drain, refinements, prime, p99Target, output);
    }

    private static bool TryCount(string? value, int min, int max, out int count) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count >= min && count <= max;

    private static bool TryRates(string? value, out IReadOnlyList<int> rates)
    {
        var parsed = new List<int>();
        foreach (var part in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryCount(part, 1, 1_000_000, out int rate))
            {
                rates = [];
                return false;
            }
            parsed.Add(rate);
        }
        rates = parsed;
        return parsed.Count > 0;
    }
}
