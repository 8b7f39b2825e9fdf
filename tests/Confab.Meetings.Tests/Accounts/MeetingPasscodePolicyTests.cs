using Confab.Meetings.Accounts;
using Confab.Meetings.Scheduling;

namespace Confab.Meetings.Tests.Accounts;

public class MeetingPasscodePolicyTests
{
    [Theory]
    [InlineData(null)] // generate one
    [InlineData("1")]
    [InlineData("123456")]
    [InlineData("aZ09@-_*xy")] // 10 characters, every allowed kind
    public void Accepts(string? passcode) => Assert.True(Validate(passcode).IsEmpty);

    [Theory]
    [InlineData("")]
    [InlineData("12345678901")] // 11 characters
    [InlineData("abc def")]
    [InlineData("pass!")]
    [InlineData("päss")]
    [InlineData("a;b")]
    [InlineData("a\nb")]
    public void Refuses(string passcode)
    {
        var errors = Validate(passcode);
        var messages = Assert.Single(errors.ToDictionary()).Value;
        Assert.NotEmpty(messages);
    }

    [Fact]
    public void Reports_under_the_given_field() =>
        Assert.Equal(["settings.password"], Validate("!", "settings.password").ToDictionary().Keys);

    private static FieldErrors Validate(string? passcode, string field = "password")
    {
        var errors = new FieldErrors();
        MeetingPasscodePolicy.Validate(passcode, errors, field);
        return errors;
    }
}
