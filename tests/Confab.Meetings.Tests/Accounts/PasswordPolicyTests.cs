using Confab.Meetings.Accounts;
using Confab.Meetings.Scheduling;

namespace Confab.Meetings.Tests.Accounts;

public class PasswordPolicyTests
{
    private const string TooShort = "The password must be at least 8 characters long.";
    private const string TooLong = "The password must be at most 128 characters long.";
    private const string NeedsLetterAndDigit = "The password must contain at least one letter and one digit.";
    private const string ContainsEmail = "The password must not contain your e-mail address's name.";
    private const string Common = "This password is among the most commonly used ones; choose another.";

    [Theory]
    [InlineData("correct7horse", "ada@example.com")]
    [InlineData("Tr0ub4dor&3x", "ada@example.com")]
    [InlineData("a1b2c3d4e5", null)]
    [InlineData("äöü12345xyz", "ada@example.com")]
    [InlineData("rivers4ever", "bob@example.com")] // "bob" is too short to compare
    [InlineData("xk9mqz2w", "")]
    public void Accepts(string password, string? email) => Assert.Empty(Messages(password, email));

    [Theory]
    [InlineData(null, "ada@example.com", "A password is required.")]
    [InlineData("", "ada@example.com", "A password is required.")]
    [InlineData("ab12", "ada@example.com", TooShort)]
    [InlineData("abcdefgh", "ada@example.com", NeedsLetterAndDigit)]
    [InlineData("83749201", "ada@example.com", NeedsLetterAndDigit)]
    [InlineData("!!!!????", "ada@example.com", NeedsLetterAndDigit)]
    [InlineData("lovelace2026", "lovelace@example.com", ContainsEmail)]
    [InlineData("my-LoveLace-9", "lovelace@example.com", ContainsEmail)]
    [InlineData("ada.lovelace1", "Ada.Lovelace@example.com", ContainsEmail)]
    [InlineData("password1", "ada@example.com", Common)]
    [InlineData("Password1", "ada@example.com", Common)]
    [InlineData("QWERTY123", "ada@example.com", Common)]
    [InlineData("iloveyou1", "ada@example.com", Common)]
    public void Refuses_with_a_clear_message(string? password, string? email, string expected) =>
        Assert.Contains(expected, Messages(password, email));

    [Fact]
    public void Reports_every_problem()
    {
        Assert.Equal([TooShort, NeedsLetterAndDigit], Messages("abc", "ada@example.com"));
        Assert.Equal([NeedsLetterAndDigit, Common], Messages("12345678", "ada@example.com"));
    }

    [Fact]
    public void Length_bounds_are_8_and_128()
    {
        Assert.Empty(Messages("abcdefg1", null));
        Assert.Equal([TooShort], Messages("abcdef1", null));
        Assert.Empty(Messages(new string('x', 127) + "1", null));
        Assert.Equal([TooLong], Messages(new string('x', 128) + "1", null));
    }

    [Fact]
    public void Length_counts_characters_not_utf16_units()
    {
        // Seven scalar values, fourteen UTF-16 code units.
        Assert.Equal([TooShort], Messages("😀😀😀😀😀a1", null));
    }

    [Fact]
    public void Errors_go_under_the_given_field()
    {
        var errors = new FieldErrors();
        PasswordPolicy.Validate("x", null, errors, "new_password");
        Assert.Equal(["new_password"], errors.ToDictionary().Keys);
    }

    private static string[] Messages(string? password, string? email)
    {
        var errors = new FieldErrors();
        PasswordPolicy.Validate(password, email, errors);
        return errors.ToDictionary().TryGetValue("password", out var messages) ? messages : [];
    }
}
