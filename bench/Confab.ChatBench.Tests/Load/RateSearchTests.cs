using Confab.ChatBench.Load;

namespace Confab.ChatBench.Tests.Load;

public class RateSearchTests
{
    private static List<int> Tried(RateSearch search, Func<int, bool> holds)
    {
        var tried = new List<int>();
        while (search.Next() is { } rate)
        {
            tried.Add(rate);
            search.Record(rate, holds(rate));
        }
        return tried;
    }

    [Fact]
    public void The_list_is_tried_until_a_rate_fails_and_then_the_gap_is_halved()
    {
        var tried = Tried(new RateSearch([100, 250, 500, 1000], refinements: 3), rate => rate <= 300);
        Assert.Equal([100, 250, 500, 370, 310, 280], tried);
    }

    [Fact]
    public void When_the_first_rate_fails_the_search_goes_below_it_and_when_all_hold_it_ends_with_the_list()
    {
        Assert.Equal([100, 50, 25, 37], Tried(new RateSearch([100, 250], refinements: 3), rate => rate <= 30));
        Assert.Equal([100, 250], Tried(new RateSearch([100, 250], refinements: 3), _ => true));
        Assert.Equal([100], Tried(new RateSearch([100, 250], refinements: 0), _ => false));
    }

    [Theory]
    [InlineData(7, 7)]
    [InlineData(99, 99)]
    [InlineData(375, 370)]
    [InlineData(12_345, 12_000)]
    public void Halfway_rates_keep_two_significant_digits(int rate, int rounded) =>
        Assert.Equal(rounded, RateSearch.TwoSignificantDigits(rate));
}
