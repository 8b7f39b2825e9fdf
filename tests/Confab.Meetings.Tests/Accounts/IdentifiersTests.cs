using System.Buffers.Text;
using System.Text.RegularExpressions;
using Confab.Meetings.Accounts;

namespace Confab.Meetings.Tests.Accounts;

public partial class IdentifiersTests
{
    private const int Draws = 2000;

    [GeneratedRegex("^[1-9][0-9]{10}$")]
    private static partial Regex MeetingIdShape();

    [GeneratedRegex("^[1-9][0-9]{9}$")]
    private static partial Regex PmiShape();

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex PasscodeShape();

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex TokenShape();

    [Fact]
    public void Meeting_ids_are_11_digits_without_a_leading_zero()
    {
        var ids = Enumerable.Range(0, Draws).Select(_ => Identifiers.NewMeetingId()).ToList();
        Assert.All(ids, id => Assert.Matches(MeetingIdShape(), id));
        AssertEveryDigitAppears(ids.Select(id => id[1..]));
        Assert.Equal(9, ids.Select(id => id[0]).Distinct().Count()); // 1..9 all drawn first
        // 2000 draws from 9e10 values collide with probability about 2e-5.
        Assert.Equal(Draws, ids.Distinct().Count());
    }

    [Fact]
    public void Pmis_are_10_digits_without_a_leading_zero()
    {
        var ids = Enumerable.Range(0, Draws).Select(_ => Identifiers.NewPmi()).ToList();
        Assert.All(ids, id => Assert.Matches(PmiShape(), id));
        AssertEveryDigitAppears(ids.Select(id => id[1..]));
        // 200 draws from 9e9 values collide with probability about 2e-6.
        Assert.Equal(200, ids.Take(200).Distinct().Count());
    }

    [Fact]
    public void Passcodes_are_6_digits_leading_zero_allowed()
    {
        var codes = Enumerable.Range(0, Draws).Select(_ => Identifiers.NewPasscode()).ToList();
        Assert.All(codes, code => Assert.Matches(PasscodeShape(), code));
        AssertEveryDigitAppears(codes);
        Assert.Contains(codes, code => code[0] == '0'); // P(miss) = 0.9^2000
    }

    [Fact]
    public void Opaque_tokens_are_256_bit_base64url_without_padding()
    {
        var tokens = Enumerable.Range(0, Draws).Select(_ => Identifiers.NewOpaqueToken()).ToList();
        Assert.All(tokens, token =>
        {
            Assert.Matches(TokenShape(), token);
            Assert.Equal(32, Base64Url.DecodeFromChars(token).Length);
        });
        Assert.Equal(Draws, tokens.Distinct().Count());
    }

    private static void AssertEveryDigitAppears(IEnumerable<string> digits)
    {
        var seen = digits.SelectMany(s => s).Distinct().Order().ToArray();
        Assert.Equal("0123456789".ToCharArray(), seen);
    }
}
