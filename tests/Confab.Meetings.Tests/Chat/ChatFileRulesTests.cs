using System.Text;
using Confab.Meetings.Chat;

namespace Confab.Meetings.Tests.Chat;

/// <summary>The checks on chat files: allowed types and their signatures, names, and the stored description.</summary>
public sealed class ChatFileRulesTests
{
    [Theory]
    [InlineData("image/png", "image/png")]
    [InlineData("IMAGE/PNG", "image/png")]
    [InlineData("image/jpg", "image/jpeg")]
    [InlineData("text/plain; charset=utf-8", "text/plain")]
    [InlineData("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    public void Allowed_types_are_normalised(string declared, string expected)
    {
        Assert.True(ChatFileTypes.TryNormalise(declared, out var type));
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("text/html")]
    [InlineData("image/svg+xml")]
    [InlineData("application/x-msdownload")]
    [InlineData("application/octet-stream")]
    [InlineData("application/javascript")]
    [InlineData(";;;")]
    public void Other_types_are_refused(string? declared) => Assert.False(ChatFileTypes.TryNormalise(declared, out _));

    [Theory]
    [InlineData("image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, true)]
    [InlineData("image/png", new byte[] { 0x89, 0x50, 0x4E }, false)]
    [InlineData("image/jpeg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, true)]
    [InlineData("image/gif", new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, true)]
    [InlineData("image/webp", new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50 }, true)]
    [InlineData("image/webp", new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45 }, false)]
    [InlineData("application/pdf", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, true)]
    [InlineData("application/zip", new byte[] { 0x50, 0x4B, 0x03, 0x04 }, true)]
    [InlineData("application/zip", new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, false)]
    [InlineData("text/plain", new byte[] { 0x68, 0x69 }, true)]
    [InlineData("text/plain", new byte[] { 0x68, 0x00, 0x69 }, false)]
    [InlineData("text/plain", new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, false)]
    [InlineData("text/csv", new byte[] { 0x23, 0x21, 0x2F, 0x62 }, false)]
    public void The_first_bytes_must_fit_the_type(string type, byte[] head, bool fits) =>
        Assert.Equal(fits, ChatFileTypes.MatchesContent(type, head));

    [Theory]
    [InlineData("<!doctype html>")]
    [InlineData("  \n <svg/>")]
    [InlineData("\uFEFF<html>")]
    [InlineData("<?xml version=\"1.0\"?>")]
    public void Markup_is_not_text(string start) =>
        Assert.False(ChatFileTypes.MatchesContent("text/plain", Encoding.UTF8.GetBytes(start)));

    [Theory]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\ann\\photo.png", "photo.png")]
    [InlineData("evil\u202Egnp.exe", "evilgnp.exe")]
    [InlineData("tab\there\n.txt", "tabhere.txt")]
    [InlineData(".hidden", "hidden")]
    [InlineData("dir/", "file")]
    [InlineData("   ", "file")]
    [InlineData(null, "file")]
    [InlineData("Grüße 😀.txt", "Grüße 😀.txt")]
    public void Names_are_sanitised(string? name, string expected) => Assert.Equal(expected, ChatFileNames.Sanitise(name));

    [Fact]
    public void Long_names_are_cut_keeping_the_extension_and_whole_characters()
    {
        var name = ChatFileNames.Sanitise(new string('a', 198) + "😀😀.docx");
        Assert.True(name.Length <= ChatFileNames.MaxLength);
        Assert.EndsWith(".docx", name, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(name[^6]));
    }

    [Fact]
    public void The_stored_description_reads_back_and_bad_content_is_refused_without_throwing()
    {
        var file = new ChatFileRef(Guid.NewGuid(), "a \"quoted\" name.txt", 42, "text/plain");
        Assert.True(ChatFileContent.TryRead(ChatFileContent.Write(file), out var back));
        Assert.Equal(file, back);
        foreach (var bad in new[] { null, "", "hello", "{", "[]", "{\"id\":\"x\",\"name\":\"n\",\"size\":1,\"contentType\":\"t\"}", "{\"id\":null}" })
        {
            Assert.False(ChatFileContent.TryRead(bad, out _));
        }
    }
}
