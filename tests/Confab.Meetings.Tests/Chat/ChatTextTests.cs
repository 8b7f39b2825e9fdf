using Confab.Meetings.Chat;

namespace Confab.Meetings.Tests.Chat;

public class ChatTextTests
{
    [Theory]
    [InlineData("hello", "hello")]
    [InlineData("  two\nlines\tand a tab \n", "two\nlines\tand a tab")]
    [InlineData("<b>not html</b>", "<b>not html</b>")]
    public void Text_is_trimmed_and_kept_as_plain_text(string text, string expected)
    {
        Assert.True(ChatText.TryNormalise(text, out var normalised, out _));
        Assert.Equal(expected, normalised);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n\t ")]
    [InlineData("nul\0inside")]
    [InlineData("bell\a")]
    [InlineData("carriage\rreturn")]
    [InlineData("escape\u001b[31m")]
    [InlineData("next\u0085line")]
    public void Empty_text_and_control_characters_are_refused(string? text)
    {
        Assert.False(ChatText.TryNormalise(text, out _, out var problem));
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void Text_is_at_most_4000_characters_after_trimming()
    {
        Assert.True(ChatText.TryNormalise("  " + new string('a', 4000) + "  ", out _, out _));
        Assert.False(ChatText.TryNormalise(new string('a', 4001), out _, out _));
    }

    [Theory]
    [InlineData("abcdefgh", true)]
    [InlineData("A1_-b2C3", true)]
    [InlineData("abcdefg", false)]
    [InlineData("abc defgh", false)]
    [InlineData("abcdefgh!", false)]
    [InlineData("ábcdefgh", false)]
    [InlineData(null, false)]
    public void Client_ids_are_8_to_64_safe_characters(string? clientId, bool valid)
    {
        Assert.Equal(valid, ChatText.IsValidClientId(clientId));
        Assert.True(ChatText.IsValidClientId(new string('x', 64)));
        Assert.False(ChatText.IsValidClientId(new string('x', 65)));
    }

    [Theory]
    [InlineData("👍", true)]
    [InlineData("👨‍👩‍👧‍👦", true)]
    [InlineData("+1", true)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("x\n", false)]
    [InlineData("12345678901234567", false)]
    public void Emoji_are_1_to_16_characters_without_spaces(string emoji, bool valid)
    {
        Assert.Equal(valid, ChatText.IsValidEmoji(emoji));
    }
}
