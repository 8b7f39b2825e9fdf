using System.Text.Json;
using System.Threading.Channels;
using Confab.Meetings.Chat;

namespace Confab.Server.Signaling;

/// <summary>
/// The chat's store-then-deliver pipeline. A checked message gets its id under the meeting's gate and its store call starts
/// at once; the gate is released while it is in flight, so many messages are being stored together. One loop per meeting
/// takes the results in id order: only once a message is stored (durable) is it acknowledged to its sender and delivered,
/// so every recipient sees the meeting's messages in id order and nothing that was not stored.
/// </summary>
internal sealed partial class LiveMeeting
{
    /// <summary>
    /// Messages being stored at once in one meeting; beyond, a send is refused as <c>chat-unavailable</c>. Well under a
    /// connection's outbox (16,384): the sender of them all gets an ack and a delivery for each when they complete together.
    /// </summary>
    public const int ChatInFlightLimit = 4096;

    private readonly Channel<PendingChat> _chatPipeline = Channel.CreateBounded<PendingChat>(new BoundedChannelOptions(ChatInFlightLimit)
    {
        SingleReader = false, // the loop, and history requests peeking under the gate
        SingleWriter = true, // under the gate
        FullMode = BoundedChannelFullMode.Wait,
    });

    private Task? _chatPipelineLoop;

    private sealed record PendingChat(MeetingConnection Connection, ChatMessage Message, Task<ChatAppendResult> Stored, string Request);

    // Under the gate: rate limit, then start storing; the pipeline acknowledges and delivers.
    private void StoreAndDeliver(MeetingConnection connection, ChatMessage message, string type)
    {
        if (!_chatRate.TryTake(message.From))
        {
            SendChatError(connection, "rate-limited",
                $"at most {_chatRate.Capacity} messages in {ChatRateLimiter.Window.TotalSeconds:0} seconds", type, message.ClientId);
            return;
        }
        // Only the gate's holder writes and takes: under it, the count is what is in flight.
        if (_chatPipeline.Reader.Count >= ChatInFlightLimit)
        {
            // Refused before it reaches the store: a refused message is never stored.
            _chatRate.Refund(message.From);
            SendChatError(connection, "chat-unavailable", "too many chat messages are being stored; try again", type, message.ClientId);
            return;
        }
        _chatPipelineLoop ??= Task.Run(RunChatPipelineAsync);
        _chatPipeline.Writer.TryWrite(new PendingChat(connection, message, _chat.AppendAsync(message), type));
    }

    private async Task RunChatPipelineAsync()
    {
        var reader = _chatPipeline.Reader;
        var turn = new List<PendingChat>();
        while (await reader.WaitToReadAsync())
        {
            if (!reader.TryPeek(out var first))
            {
                continue;
            }
            await WhenSettled(first.Stored);
            await _gate.WaitAsync();
            try
            {
                // This one and every following one already stored, in order, under one turn of the gate.
                while (reader.TryPeek(out var next) && next.Stored.IsCompleted)
                {
                    reader.TryRead(out _);
                    turn.Add(next);
                }
                CompleteTurn(turn);
            }
            finally
            {
                turn.Clear();
                _gate.Release();
            }
        }
    }

    private static async Task WhenSettled(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Read by Complete.
        }
    }

    // Under the gate: the messages stored in this turn, in id order. Each sender hears of its own first (ack or error); then
    // each recipient gets, in one socket message, those it may see (ChatDeliveries).
    private void CompleteTurn(List<PendingChat> turn)
    {
        if (HasEnded)
        {
            return; // every connection is closed
        }
        var delivered = new List<ChatMessage>(turn.Count);
        foreach (var (connection, message, stored, type) in turn)
        {
            if (!stored.IsCompletedSuccessfully)
            {
                _chatRate.Refund(message.From);
                _logger.LogError(stored.Exception?.GetBaseException(), "Meeting {Meeting}: the chat store failed", MeetingId);
                SendChatError(connection, "chat-unavailable", "the chat could not be stored or read; try again", type, message.ClientId);
                continue;
            }
            var result = stored.Result;
            Send(CurrentConnectionOf(connection), ChatWire.Ack(result.Message));
            if (!result.Created)
            {
                _chatRate.Refund(message.From);
                continue;
            }
            NoteSentFile(result.Message);
            delivered.Add(result.Message);
        }
        if (delivered.Count == 0)
        {
            return;
        }
        var deliveries = new ChatDeliveries(delivered);
        foreach (var recipient in _connections.Values)
        {
            var id = recipient.ParticipantId;
            if (_room.ReceivesMeetingTraffic(id))
            {
                foreach (var json in deliveries.For(ChatReaderOf(id)))
                {
                    SendJson(recipient, json);
                }
            }
        }
    }

    // The sender may have resumed on a new socket while its message was stored: the acknowledgement goes to the new one.
    private MeetingConnection CurrentConnectionOf(MeetingConnection connection) =>
        _connections.TryGetValue(connection.ParticipantId, out var current) ? current : connection;

    /// <summary>
    /// Under the gate: the page of a history request without the messages still in the pipeline. Stores finish out of
    /// order, so a page read now may hold a later message stored before an earlier one; those come to the reader by delivery,
    /// in order, and a page that stopped at them says it has no more.
    /// </summary>
    private ChatPage WithoutMessagesInFlight(ChatPage page)
    {
        // The oldest message in the pipeline: ids are given in order, and the pipeline completes them in that order.
        if (!_chatPipeline.Reader.TryPeek(out var oldest) || page.Messages.Count == 0 || page.Messages[^1].Id.CompareTo(oldest.Message.Id) < 0)
        {
            return page;
        }
        var before = oldest.Message.Id;
        return new ChatPage([.. page.Messages.Where(m => m.Id.CompareTo(before) < 0)], false);
    }

    // Under the gate, when the meeting ends: the loop finishes what is in flight (sending nothing) and stops.
    private void EndChatPipeline() => _chatPipeline.Writer.TryComplete();
}
