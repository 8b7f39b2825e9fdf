using System.Globalization;

namespace Confab.Data.LiveState;

/// <summary>
/// Times in the state and presence hashes are Unix time in whole seconds (seed §5.1: <c>"start_time": "1705000000"</c>).
/// Both stores keep exactly that precision, so a value reads back the same from either.
/// </summary>
internal static class UnixSeconds
{
    private static readonly long MinSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>The instant as stored: whole seconds, in UTC.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    public static string Format(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seconds)
            || seconds < MinSeconds || seconds > MaxSeconds)
        {
            return false;
        }

        time = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }
}
