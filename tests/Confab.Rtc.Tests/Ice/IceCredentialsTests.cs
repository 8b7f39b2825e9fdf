using Confab.Rtc.Ice;

namespace Confab.Rtc.Tests.Ice;

public class IceCredentialsTests
{
    [Fact]
    public void Generate_GivesIceCharsOfTheRequiredLengths()
    {
        IceCredentials a = IceCredentials.Generate();
        IceCredentials b = IceCredentials.Generate();
        Assert.True(a.Ufrag.Length >= IceCredentials.MinUfragLength);
        Assert.True(a.Password.Length >= IceCredentials.MinPasswordLength);
        Assert.True(IceCredentials.IsValid(a.Ufrag, IceCredentials.MinUfragLength));
        Assert.True(IceCredentials.IsValid(a.Password, IceCredentials.MinPasswordLength));
        Assert.NotEqual(a.Password, b.Password);
        Assert.Equal(a.Password, System.Text.Encoding.ASCII.GetString(a.PasswordBytes));
    }

    [Theory]
    [InlineData("abc", "0123456789012345678901")]     // ufrag of 3
    [InlineData("abcd", "012345678901234567890")]     // password of 21
    [InlineData("ab:d", "0123456789012345678901")]    // ':' is not an ice-char
    [InlineData("abcd", "01234567890123456789 01")]   // space is not an ice-char
    [InlineData(null, "0123456789012345678901")]
    public void InvalidValues_AreRefused(string? ufrag, string password)
    {
        Assert.False(IceCredentials.TryCreate(ufrag, password, out _));
        Assert.ThrowsAny<ArgumentException>(() => new IceCredentials(ufrag!, password));
    }

    [Fact]
    public void MinimumValues_AreAccepted()
    {
        Assert.True(IceCredentials.TryCreate("a+/9", "ABCDEFGHIJKLMNOPQRSTU+", out IceCredentials? c));
        Assert.Equal("a+/9", c!.Ufrag);
    }

    [Theory]
    [InlineData("srv:brw", "srv", "brw")]
    [InlineData("a:b:c", "a", "b:c")]
    public void Username_SplitsAtFirstColon(string username, string first, string second)
    {
        Assert.True(IceUsername.TrySplit(System.Text.Encoding.ASCII.GetBytes(username), out ReadOnlySpan<byte> a, out ReadOnlySpan<byte> b));
        Assert.Equal(first, System.Text.Encoding.ASCII.GetString(a));
        Assert.Equal(second, System.Text.Encoding.ASCII.GetString(b));
    }

    [Theory]
    [InlineData("nocolon")]
    [InlineData(":brw")]
    [InlineData("srv:")]
    [InlineData("")]
    public void Username_WithoutTwoParts_DoesNotSplit(string username)
    {
        Assert.False(IceUsername.TrySplit(System.Text.Encoding.ASCII.GetBytes(username), out _, out _));
    }
}
