using Confab.Server.Cluster;

namespace Confab.Server.Tests.Units;

public sealed class RelayEnvelopeTests
{
    [Fact]
    public void A_message_with_newlines_in_its_payload_survives_the_round_trip()
    {
        var envelope = new RelayEnvelope(RelayKind.In, "0123abcd", "host-a:42:beef01", "{\"type\":\"chat-send\",\n\"text\":\"two\nlines\"}");
        Assert.True(RelayEnvelope.TryParse(envelope.Format(), out var parsed));
        Assert.Equal(envelope, parsed);
    }

    [Fact]
    public void An_empty_payload_is_kept_empty()
    {
        Assert.True(RelayEnvelope.TryParse(new RelayEnvelope(RelayKind.End, "c1", "n1", "").Format(), out var parsed));
        Assert.Equal(RelayKind.End, parsed.Kind);
        Assert.Equal("", parsed.Payload);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("i")]
    [InlineData("q\nc\nn\npayload")] // unknown kind
    [InlineData("i\n\nn\npayload")] // no connection
    [InlineData("i\nc\n\npayload")] // no sender node
    [InlineData("i\nc")] // cut short
    [InlineData("i\nc\nn")] // no payload line
    [InlineData("ix\nc\nn\np")]
    public void Malformed_relay_messages_are_refused(string? text) => Assert.False(RelayEnvelope.TryParse(text, out _));
}
