using System.Globalization;

namespace Confab.Meetings.Scheduling;

/// <summary>
/// Zoom numbers week days 1..7 starting on Sunday (1 = Sunday, 7 = Saturday); .NET numbers them 0..6 from Sunday.
/// </summary>
internal static class ZoomWeekDays
{
    public const int Sunday = 1;
    public const int Saturday = 7;

    public static bool IsValid(int zoomDay) => zoomDay is >= Sunday and <= Saturday;

    public static DayOfWeek ToDayOfWeek(int zoomDay) => (DayOfWeek)(zoomDay - 1);

    /// <summary>
    /// Reads weekly_days, e.g. "2,4,6" (Mon, Wed, Fri). Each entry is one digit 1..7, entries are distinct,
    /// spaces around an entry are tolerated. On failure <paramref name="problem"/> says what is wrong.
    /// </summary>
    public static bool TryParse(string? text, out IReadOnlyList<DayOfWeek> days, out string problem)
    {
        days = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "weekly_days is required for a weekly recurrence: a comma-separated list of days 1..7 (1 = Sunday).";
            return false;
        }

        var seen = new List<DayOfWeek>(7);
        foreach (var rawEntry in text.Split(','))
        {
            var entry = rawEntry.Trim();
            if (!int.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var zoomDay) || entry.Length != 1 || !IsValid(zoomDay))
            {
                problem = $"weekly_days entry \"{Shorten(entry)}\" is not a day number 1..7 (1 = Sunday, 7 = Saturday).";
                return false;
            }

            var day = ToDayOfWeek(zoomDay);
            if (seen.Contains(day))
            {
                problem = $"weekly_days lists day {zoomDay} more than once.";
                return false;
            }
            seen.Add(day);
        }

        seen.Sort();
        days = seen;
        problem = "";
        return true;
    }

    /// <summary>Echoes at most a few characters of bad input back in a message.</summary>
    private static string Shorten(string entry) => entry.Length <= 10 ? entry : entry[..10] + "…";
}
