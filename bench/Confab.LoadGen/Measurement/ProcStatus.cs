using System.Globalization;

namespace Confab.LoadGen.Measurement;

/// <summary>
/// Memory lines of <c>/proc/&lt;pid&gt;/status</c> (proc(5)), e.g. <c>VmRSS:	    1972 kB</c>:
/// the resident set size (VmRSS) and its peak (VmHWM), in kibibytes.
/// </summary>
public static class ProcStatus
{
    public const string ResidentSetKey = "VmRSS";
    public const string PeakResidentSetKey = "VmHWM";

    /// <summary>Finds "<paramref name="key"/>: N kB" in the file's text; false when absent or malformed.</summary>
    public static bool TryReadKilobytes(string? statusText, string key, out long kilobytes)
    {
        kilobytes = 0;
        if (statusText is null)
        {
            return false;
        }

        foreach (string line in statusText.Split('\n'))
        {
            int colon = line.IndexOf(':');
            if (colon != key.Length || !line.StartsWith(key, StringComparison.Ordinal))
            {
                continue;
            }

            string[] parts = line[(colon + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 2
                && parts[1] == "kB"
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out kilobytes);
        }

        return false;
    }
}
