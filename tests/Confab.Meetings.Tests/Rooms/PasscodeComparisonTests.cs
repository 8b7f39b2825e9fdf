using Confab.Meetings.Rooms;

namespace Confab.Meetings.Tests.Rooms;

public class PasscodeComparisonTests
{
    public static TheoryData<string?, string?, bool> Cases() => new()
    {
        { "aB3dE9", "aB3dE9", true },
        { "aB3dE9", "ab3de9", false },
        { "aB3dE9", "aB3dE", false },
        { "aB3dE9", "aB3dE9 ", false },
        { "aB3dE9", "", false },
        { "aB3dE9", null, false },
        { "pässwörd", "pässwörd", true },
        // Unknown meeting: no passcode matches, not even an empty one or the stand-in's text.
        { null, "aB3dE9", false },
        { null, "", false },
        { null, null, false },
        { null, "\0unknown-meeting\0", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_only_an_exact_passcode_of_a_known_meeting(string? stored, string? supplied, bool expected) =>
        Assert.Equal(expected, PasscodeComparison.Matches(stored, supplied));

    [Fact]
    public void Random_mutations_of_a_passcode_never_match()
    {
        var random = new Random(12345);
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        for (var i = 0; i < 500; i++)
        {
            var passcode = new string([.. Enumerable.Range(0, random.Next(6, 11)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            Assert.True(PasscodeComparison.Matches(passcode, passcode));
            var chars = passcode.ToCharArray();
            var at = random.Next(chars.Length);
            chars[at] = chars[at] == 'a' ? 'b' : 'a';
            Assert.False(PasscodeComparison.Matches(passcode, new string(chars)));
        }
    }
}
