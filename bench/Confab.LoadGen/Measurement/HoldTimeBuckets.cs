using System.Globalization;
using System.Text.RegularExpressions;

namespace Confab.LoadGen.Measurement;

/// <summary>
/// Confab's own measure of the latency it adds: the cumulative <c>confab_media_hold_time_us_bucket</c> counts its
/// /metrics endpoint exports (how many forwarded datagrams were held at most <c>le</c> µs, from the kernel's receive
/// timestamp to the send of the copy). Two scrapes bracket a window; quantiles are interpolated within a bucket.
/// </summary>
public sealed partial class HoldTimeBuckets
{
    private readonly SortedDictionary<double, long> _cumulative;

    private HoldTimeBuckets(SortedDictionary<double, long> cumulative) => _cumulative = cumulative;

    /// <summary>Reads the buckets from Prometheus text; null when the text has none.</summary>
    public static HoldTimeBuckets? Parse(string metricsText)
    {
        ArgumentNullException.ThrowIfNull(metricsText);
        var cumulative = new SortedDictionary<double, long>();
        foreach (Match match in BucketLine().Matches(metricsText))
        {
            double bound = match.Groups["le"].Value == "+Inf" ? double.PositiveInfinity
                : double.Parse(match.Groups["le"].Value, CultureInfo.InvariantCulture);
            cumulative[bound] = long.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture);
        }
        return cumulative.ContainsKey(double.PositiveInfinity) ? new HoldTimeBuckets(cumulative) : null;
    }

    /// <summary>Scrapes <paramref name="metrics"/>; null when unreachable or without the buckets.</summary>
    public static async Task<HoldTimeBuckets?> ScrapeAsync(HttpClient http, Uri metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            return Parse(await http.GetStringAsync(metrics, cancellationToken).ConfigureAwait(false));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Datagrams counted in all buckets.</summary>
    public long Total => _cumulative[double.PositiveInfinity];

    /// <summary>
    /// The quantile <paramref name="q"/> (0..1) of what was counted after <paramref name="earlier"/> (µs), linear
    /// within its bucket; -1 when nothing was counted. In the open last bucket it is that bucket's lower bound.
    /// </summary>
    public double QuantileSince(HoldTimeBuckets earlier, double q)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        long total = Total - earlier.Total;
        if (total <= 0)
        {
            return -1;
        }
        double rank = Math.Max(1, Math.Ceiling(Math.Clamp(q, 0, 1) * total));
        double lowerBound = 0;
        long below = 0;
        foreach ((double bound, long count) in _cumulative)
        {
            long inWindow = count - (earlier._cumulative.TryGetValue(bound, out long before) ? before : 0);
            if (inWindow >= rank)
            {
                if (double.IsPositiveInfinity(bound))
                {
                    return lowerBound;
                }
                return lowerBound + ((bound - lowerBound) * (rank - below) / Math.Max(1, inWindow - below));
            }
            lowerBound = bound;
            below = inWindow;
        }
        return lowerBound;
    }

    [GeneratedRegex(@"^confab_media_hold_time_us_bucket(?:_total)?\{[^}]*le=""(?<le>[^""]+)""[^}]*\}\s+(?<count>\d+)", RegexOptions.Multiline)]
    private static partial Regex BucketLine();
}
