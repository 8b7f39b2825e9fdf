using System.Buffers;
using System.Text;
using System.Text.Json;
using Confab.ChatBench.Protocol;

namespace Confab.ChatBench.Tests.Protocol;

public class IncomingFrameTests
{
    private static IncomingFrame Parse(object message) => IncomingFrame.Parse(JsonSerializer.SerializeToUtf8Bytes(message));

    [Fact]
    public void A_delivery_gives_the_sequence_and_the_scheduled_time_of_its_text()
    {
        var id = Guid.CreateVersion7();
        var frame = Parse(new
        {
            type = "chat",
            message = new
            {
                id, from = "p1", fromName = "Sender 1", to = (string?)null, toHosts = false, type = "text",
                text = BenchMessage.Text(42, 123_456_789), file = (object?)null, reactsTo = (Guid?)null, at = DateTimeOffset.UtcNow,
            },
        });
        Assert.Equal(new IncomingFrame(FrameKind.Chat, 42, 123_456_789, id, null), frame);
    }

    [Fact]
    public void A_batch_of_deliveries_gives_each_benchmark_message_in_order()
    {
        var (first, second) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var frames = new List<IncomingFrame>();
        IncomingFrame.ParseInto(JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = "chats",
            messages = new object[]
            {
                new { id = first, from = "p1", type = "text", text = BenchMessage.Text(5, 111) },
                new { id = Guid.CreateVersion7(), from = "p2", type = "text", text = "not the benchmark's" },
                new { id = second, from = "p1", type = "text", text = BenchMessage.Text(6, 222), at = DateTimeOffset.UtcNow },
            },
        }), frames);
        Assert.Equal([new IncomingFrame(FrameKind.Chat, 5, 111, first, null), new IncomingFrame(FrameKind.Chat, 6, 222, second, null)], frames);
    }

    [Fact]
    public void An_ack_and_a_refusal_name_the_sequence_of_their_client_id()
    {
        var id = Guid.CreateVersion7();
        Assert.Equal(new IncomingFrame(FrameKind.Ack, 7, 0, id, null),
            Parse(new { type = "chat-ack", clientId = BenchMessage.ClientId(7), messageId = id, at = DateTimeOffset.UtcNow }));
        var refusal = Parse(new { type = "error", code = "rate-limited", message = "slow down", request = "chat-send", clientId = BenchMessage.ClientId(9) });
        Assert.Equal(FrameKind.Error, refusal.Kind);
        Assert.Equal(9, refusal.Sequence);
        Assert.Equal("rate-limited", refusal.ErrorCode);
    }

    [Fact]
    public void Other_messages_and_chat_that_is_not_the_benchmarks_are_skipped()
    {
        Assert.Equal(FrameKind.Other, Parse(new { type = "event", @event = "participant-joined", participantId = "p2" }).Kind);
        Assert.Equal(FrameKind.Other, Parse(new { type = "chat", message = new { text = "hello there" } }).Kind);
        Assert.Equal(FrameKind.Other, Parse(new { type = "chat-ack", clientId = "someone-else-1" }).Kind);
        Assert.Equal(FrameKind.Other, IncomingFrame.Parse("[]"u8).Kind);
    }

    [Fact]
    public void The_send_request_carries_the_client_id_and_text_the_parser_reads_back()
    {
        var output = new ArrayBufferWriter<byte>();
        BenchMessage.WriteSend(output, 12, 3456);
        using var request = JsonDocument.Parse(output.WrittenMemory);
        var root = request.RootElement;
        Assert.Equal("chat-send", root.GetProperty("type").GetString());
        Assert.Equal("bench-0000000012", root.GetProperty("clientId").GetString());
        Assert.Equal(12, BenchMessage.SequenceOfClientId(Encoding.UTF8.GetBytes(root.GetProperty("clientId").GetString()!)));
        Assert.True(BenchMessage.TryReadText(Encoding.UTF8.GetBytes(root.GetProperty("text").GetString()!), out long sequence, out long at));
        Assert.Equal((12, 3456), (sequence, at));
    }
}
