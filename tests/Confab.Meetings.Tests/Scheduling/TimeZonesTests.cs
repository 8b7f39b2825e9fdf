using Confab.Meetings.Scheduling;

namespace Confab.Meetings.Tests.Scheduling;

public class TimeZonesTests
{
    [Theory]
    [InlineData("America/New_York", "America/New_York")]
    [InlineData("Europe/Berlin", "Europe/Berlin")]
    [InlineData("UTC", "UTC")]
    [InlineData("Etc/UTC", "Etc/UTC")]
    [InlineData("Asia/Kolkata", "Asia/Kolkata")]
    [InlineData("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires")]
    [InlineData("America/Port-au-Prince", "America/Port-au-Prince")]
    [InlineData("Etc/GMT+5", "Etc/GMT+5")]
    public void Finds_iana_zones(string id, string expectedId)
    {
        Assert.True(TimeZones.TryFind(id, out var zone));
        Assert.Equal(expectedId, zone.Id);
    }

    [Fact]
    public void Found_zone_has_the_right_rules()
    {
        Assert.True(TimeZones.TryFind("America/New_York", out var zone));
        Assert.Equal(TimeSpan.FromHours(-5), zone.GetUtcOffset(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromHours(-4), zone.GetUtcOffset(new DateTimeOffset(2026, 7, 15, 12, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("Not/AZone")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/localtime")]
    [InlineData("America//New_York")]
    [InlineData("America/New_York/")]
    [InlineData("America/New York")]
    [InlineData("America/New_York\0")]
    [InlineData("Eastern Standard Time")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("Europe/Berlinxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public void Refuses_garbage_and_windows_ids(string? id)
    {
        Assert.False(TimeZones.TryFind(id!, out var zone));
        Assert.NotNull(zone);
    }

    [Fact]
    public void Random_strings_never_throw()
    {
        var random = new Random(12345);
        const string alphabet = "abcXYZ019/_-+. \\:*?\"<>|é";
        for (var i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(0, 80)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }
            _ = TimeZones.TryFind(new string(chars), out _);
        }
    }
}
