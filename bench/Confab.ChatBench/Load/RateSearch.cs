namespace Confab.ChatBench.Load;

/// <summary>
/// Which offered rate to try next: the listed rates, lowest first, until one does not hold; then up to
/// <paramref name="refinements"/> rates halfway between the highest that held (or 0) and the lowest that did not, rounded to
/// two significant digits, so the answer is not only as fine as the list.
/// </summary>
internal sealed class RateSearch(IReadOnlyList<int> rates, int refinements)
{
    private int _listed;
    private int _refined;
    private int _highestHeld;
    private int? _lowestFailed;

    /// <summary>The next rate to try, or null when the search is over.</summary>
    public int? Next()
    {
        if (_lowestFailed is not { } failed)
        {
            return _listed < rates.Count ? rates[_listed] : null;
        }
        if (_refined >= refinements)
        {
            return null;
        }
        int halfway = TwoSignificantDigits(_highestHeld + ((failed - _highestHeld) / 2));
        return halfway > _highestHeld && halfway < failed ? halfway : null;
    }

    public void Record(int rate, bool holds)
    {
        if (_lowestFailed is null)
        {
            _listed++;
        }
        else
        {
            _refined++;
        }
        if (holds)
        {
            _highestHeld = Math.Max(_highestHeld, rate);
        }
        else
        {
            _lowestFailed = Math.Min(_lowestFailed ?? int.MaxValue, rate);
        }
    }

    internal static int TwoSignificantDigits(int rate)
    {
        int unit = 1;
        while (rate / unit >= 100)
        {
            unit *= 10;
        }
        return rate / unit * unit;
    }
}
