using Confab.Server.Meetings;

namespace Confab.Server.Tests.Units;

public sealed class IsoTimesTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData("2026-06-01T14:00:00Z", "2026-06-01T14:00:00Z")]        // UTC
    [InlineData("2026-06-01T16:00:00+02:00", "2026-06-01T14:00:00Z")]   // offset
    [InlineData("2026-06-01T16:00:00", "2026-06-01T14:00:00Z")]         // local, CEST = UTC+2
    [InlineData("2026-01-15T16:00:00", "2026-01-15T15:00:00Z")]         // local, CET = UTC+1
    [InlineData("2026-06-01T16:00", "2026-06-01T14:00:00Z")]            // no seconds
    [InlineData("2026-06-01T14:00:00.750Z", "2026-06-01T14:00:00Z")]    // fraction dropped
    public void Parses_to_utc_whole_seconds(string text, string expected)
    {
        Assert.True(IsoTimes.TryParseUtc(text, Berlin, out var utc, out _));
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(expected, Confab.Server.Api.ApiJson.FormatTime(utc));
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("2026-13-01T10:00:00Z")]
    [InlineData("2026-06-01")]
    [InlineData("2026-06-01 10:00:00")]
    [InlineData("1999-12-31T10:00:00Z")]
    [InlineData("2100-01-01T00:00:00Z")]
    [InlineData("")]
    public void Refuses_what_is_not_an_iso_time_in_range(string text)
    {
        Assert.False(IsoTimes.TryParseUtc(text, Berlin, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Refuses_a_local_time_skipped_by_the_spring_dst_change()
    {
        // Berlin jumps from 02:00 to 03:00 on 29 March 2026.
        Assert.False(IsoTimes.TryParseUtc("2026-03-29T02:30:00", Berlin, out _, out var error));
        Assert.Contains("daylight-saving", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_text_never_throws()
    {
        var random = new Random(12345);
        const string alphabet = "0123456789-:TZ+.x ";
        for (var i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(0, 30)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }
            _ = IsoTimes.TryParseUtc(new string(chars), Berlin, out _, out _);
        }
    }
}
