using System.Text.Json;
using Confab.Data.Database;
using Confab.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Person = Confab.Server.Tests.Signaling.MeetingPeople.Person;

namespace Confab.Server.Tests.Signaling;

/// <summary>In-meeting chat over the meeting signaling (docs/signaling.md, Chat), on each database engine.</summary>
public abstract class MeetingChatTests
{
    private readonly ServerFixture _fixture;
    private readonly MeetingPeople _people;

    protected MeetingChatTests(ServerFixture fixture)
    {
        _fixture = fixture;
        _people = new MeetingPeople(fixture, "client");
        fixture.EnsureAvailable();
    }


    /// <summary>Sends a text message and waits for its acknowledgement; returns the message id.</summary>
    private async Task<string> SayAsync(Person sender, string text, string? to = null, string? clientId = null)
    {
        clientId ??= _people.NewClientId();
        await sender.Socket.SendAsync(new { type = "chat-send", clientId, to, text });
        var ack = await sender.Socket.WaitForAsync(m => SignalingTestClient.Type(m) == "chat-ack" && m.GetProperty("clientId").GetString() == clientId,
            $"the ack of {clientId}");
        return ack.GetProperty("messageId").GetString()!;
    }

    private static Task<JsonElement> WaitForChatAsync(Person person, string messageId) =>
        person.Socket.WaitForAsync(m => IsChat(m, messageId), $"chat message {messageId}");

    private static bool IsChat(JsonElement m, string? messageId = null) =>
        SignalingTestClient.Type(m) == "chat" && (messageId is null || m.GetProperty("message").GetProperty("id").GetString() == messageId);

    private static int ChatsSeen(Person person, string messageId) => person.Socket.Seen.Count(m => IsChat(m, messageId));

    /// <summary>The answer to a refused request: its error code.</summary>
    private static async Task<string> RefusalAsync(Person person, object request)
    {
        await person.Socket.SendAsync(request);
        return await person.Socket.WaitForErrorAsync();
    }

    private async Task<int> StoredAsync(string meetingId)
    {
        await using var scope = _fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConfabDbContext>();
        return await db.ChatMessages.CountAsync(r => r.MeetingId == meetingId);
    }

    private static async Task<(List<JsonElement> Messages, bool More)> HistoryAsync(Person person, string? after = null, int? limit = null)
    {
        await person.Socket.SendAsync(new { type = "chat-history", after, limit });
        var page = await person.Socket.WaitForTypeAsync("chat-history");
        return ([.. page.GetProperty("messages").EnumerateArray()], page.GetProperty("more").GetBoolean());
    }

    private static List<string> Texts(IEnumerable<JsonElement> messages) => [.. messages.Select(m => m.GetProperty("text").GetString()!)];

    [SkippableFact]
    public async Task A_public_message_reaches_everyone_once_with_the_id_of_its_ack()
    {
        var m = await _people.ScheduleAsync();
        await using var host = await _people.JoinAsHostAsync(m);
        await using var ann = await _people.JoinAsGuestAsync(m, "Ann");
        await using var bob = await _people.JoinAsGuestAsync(m, "Bob");

        string id = await SayAsync(ann, "  hello <b>all</b>  ");
        foreach (var person in new[] { host, ann, bob })
        {
            var chat = (await WaitForChatAsync(person, id)).GetProperty("message");
            Assert.Equal(ann.Id, chat.GetProperty("from").GetString());
            Assert.Equal("Ann", chat.GetProperty("fromName").GetString());
            Assert.Equal(JsonValueKind.Null, chat.GetProperty("to").ValueKind);
            Assert.Equal("text", chat.GetProperty("type").GetString());
            Assert.Equal("hello <b>all</b>", chat.GetProperty("text").GetString());
            Assert.Equal(JsonValueKind.Null, chat.GetProperty("reactsTo").ValueKind);
        }
        // The sender's page got the ack first, then the message itself.
        var own = ann.Socket.Seen.Where(msg => SignalingTestClient.Type(msg) is "chat-ack" or "chat").Select(SignalingTestClient.Type).ToList();
        Assert.Equal(["chat-ack", "chat"], own);

        string marker = await SayAsync(host, "marker");
        foreach (var person in new[] { host, ann, bob })
        {
            await WaitForChatAsync(person, marker);
            Assert.Equal(1, ChatsSeen(person, id));
        }
        Assert.Equal(2, await StoredAsync(m.Id));
        Assert.True(Guid.Parse(id).CompareTo(Guid.Parse(marker)) < 0);
        Assert.Equal(7, Guid.Parse(id).Version);
    }

    [SkippableFact]
    public async Task A_private_message_reaches_only_the_sender_and_the_recipient()
    {
        var m = await _people.ScheduleAsync();
        await using var host = await _people.JoinAsHostAsync(m);
        await using var ann = await _people.JoinAsGuestAsync(m, "Ann");
        await using var bob = await _people.JoinAsGuestAsync(m, "Bob");

        string id = await SayAsync(ann, "just for you", to: host.Id);
        var received = (await WaitForChatAsync(host, id)).GetProperty("message");
        Assert.Equal(host.Id, received.GetProperty("to").GetString());
        await WaitForChatAsync(ann, id);

        // Bob gets the public message said after it, and never the private one.
        string marker = await SayAsync(host, "marker");
        await WaitForChatAsync(bob, marker);
        Assert.Equal(0, ChatsSeen(bob, id));
        Assert.Equal(["marker"], Texts((await HistoryAsync(bob)).Messages));
        Assert.Equal(["just for you", "marker"], Texts((await HistoryAsync(ann)).Messages));
        Assert.Equal(["just for you", "marker"], Texts((await HistoryAsync(host)).Messages));
    }

    [SkippableFact]
    public async Task A_retry_with_the_same_client_id_is_stored_once_and_acknowledged_with_the_same_id()
    {
        var m = await _people.ScheduleAsync();
        await using var host = await _people.JoinAsHostAsync(m);
        await using var ann = await _people.JoinAsGuestAsync(m, "Ann");

        string clientId = _people.NewClientId();
        string first = await SayAsync(ann, "once", clientId: clientId);
        await ann.Socket.SendAsync(new { type = "chat-send", clientId, text = "once" });
        var again = await ann.Socket.WaitForAsync(msg => SignalingTestClient.Type(msg) == "chat-ack", "the second ack");
        Assert.Equal(first, again.GetProperty("messageId").GetString());
        var acks = ann.Socket.Seen.Where(msg => SignalingTestClient.Type(msg) == "chat-ack").ToList();
        Assert.Equal(acks[0].GetProperty("at").GetString(), acks[1].GetProperty("at").GetString());

        string marker = await SayAsync(host, "marker");
        await WaitForChatAsync(host, marker);
        await WaitForChatAsync(ann, marker);
        Assert.Equal(1, ChatsSeen(host, first));
        Assert.Equal(1, ChatsSeen(ann, first));
        Assert.Equal(2, await StoredAsync(m.Id));

        // Another sender may use the same client id: it is the sender's key.
        string hostsOwn = await SayAsync(host, "mine", clientId: clientId);
        Assert.NotEqual(first, hostsOwn);
        Assert.Equal(3, await StoredAsync(m.Id));
    }

    /// <summary>A guest "Roam" on a raw socket (the tests drop it), joined once the host sees them: socket, id, resume token.</summary>
    private async Task<(SignalingTestClient Socket, string Id, string ResumeToken)> JoinRoamAsync(MeetingSignalingTests.Meeting m, Person host)
    {
        var socket = await SignalingTestClient.ConnectAsync(_fixture);
        await socket.SendAsync(new { type = "join", meetingId = m.Id, passcode = m.Passcode, name = "Roam" });
        var joined = await socket.WaitForTypeAsync("joined");
        string id = joined.GetProperty("participantId").GetString()!;
        await host.Socket.WaitForEventAsync("participant-joined", id);
        return (socket, id, joined.GetProperty("resumeToken").GetString()!);
    }

    [SkippableFact]
    public async Task A_retry_on_a_resumed_socket_after_a_lost_connection_is_stored_once()
    {
        var m = await _people.ScheduleAsync();
        await using var host = await _people.JoinAsHostAsync(m);
        var (lost, roamId, roamToken) = await JoinRoamAsync(m, host);

        string clientId = _people.NewClientId();
        await lost.SendAsync(new { type = "chat-send", clientId, text = "sent just before the loss" });
        var delivered = await host.Socket.WaitForAsync(msg => IsChat(msg) && msg.GetProperty("message").GetProperty("from").GetString() == roamId,
            "Roam's message");
        string id = delivered.GetProperty("message").GetProperty("id").GetString()!;
        // The page never learns whether its ack arrived: it resumes and sends the message again.
        await lost.AbortAsync();

        await using var back = await SignalingTestClient.ConnectAsync(_fixture);
        await back.SendAsync(new { type = "resume", meetingId = m.Id, resumeToken = roamToken });
        var resumed = await back.WaitForTypeAsync("resumed");
        await back.SendAsync(new { type = "chat-send", clientId, text = "sent just before the loss" });
        var ack = await back.WaitForTypeAsync("chat-ack");
        Assert.Equal(id, ack.GetProperty("messageId").GetString());

        var (messages, _) = await HistoryAsync(new Person(back, roamId, resumed.GetProperty("resumeToken").GetString()!));
        Assert.Equal([id], messages.Select(msg => msg.GetProperty("id").GetString()!).ToList());
        string marker = await SayAsync(host, "marker");
        await WaitForChatAsync(host, marker);
        Assert.Equal(1, ChatsSeen(host, id));
        Assert.Equal(2, await StoredAsync(m.Id));
    }

    [SkippableFact]
    public async Task A_resume_with_chatAfter_brings_exactly_the_missed_messages_before_new_ones()
    {
        var m = await _people.ScheduleAsync();
        await using var host = await _people.JoinAsHostAsync(m);
        var (lost, roamId, roamToken) = await JoinRoamAsync(m, host);
        string seen = await SayAsync(host, "seen before the loss");
        await lost.WaitForAsync(msg => IsChat(msg, seen), "the message before the loss");
        await lost.AbortAsync();

        List<string> missed = [];
        for (int i = 0; i < 3; i++)
        {
            missed.Add(await SayAsync(host, $"missed {i}"));
        }
        await using var back = await SignalingTestClient.ConnectAsync(_fixture);
        await back.SendAsync(new { type = "resume", meetingId = m.Id, resumeToken = roamToken, chatAfter = seen });
        await back.WaitForTypeAsync("resumed");
        var page = await back.WaitForTypeAsync("chat-history");
        Assert.Equal(missed, page.GetProperty("messages").EnumerateArray().Select(msg => msg.GetProperty("id").GetString()!).ToList());
        Assert.False(page.GetProperty("more").GetBoolean());
        string after = await SayAsync(host, "after the resume");
        await back.WaitForAsync(msg => IsChat(msg, after), "the message after the resume");
        // Nothing twice: the missed ones came only in the catch-up, the new one only live.
        Assert.DoesNotContain(back.Seen, msg => IsChat(msg) && missed.Contains(msg.GetProperty("message").GetProperty("id").GetString()!));

        await using var bad = await SignalingTestClient.ConnectAsync(_fixture);
        await bad.SendAsync(new { type = "resume", meetingId = m.Id, resumeToken = "whatever", chatAfter = "not-an-id" });
        Assert.Equal("bad-message", await bad.WaitForErrorAsync());
    }

    [SkippableFact]
    public async Task Refused_messages_are_answered_with_a_reason_and_store_nothing()
    {
        var m = await _people.ScheduleAsync();
        var other = await _people.ScheduleAsync();
        await using var host = await _people.JoinAsHostAsync(m);
        await using var ann = await _people.JoinAsGuestAsync(m, "Ann");
        await using var elsewhereHost = await _people.JoinAsHostAsync(other);
        await using var elsewhere = await _people.JoinAsGuestAsync(other, "Elsewhere");

        Assert.Equal("bad-message", await RefusalAsync(ann, new { type = "chat-send", clientId = _people.NewClientId(), text = new string('x', 4001) }));
        Assert.Equal("bad-message", await RefusalAsync(ann, new { type = "chat-send", clientId = _people.NewClientId(), text = "   " }));
        Assert.Equal("bad-message", await RefusalAsync(ann, new { type = "chat-send", clientId = _people.NewClientId(), text = "null\0byte" }));
        Assert.Equal("bad-message", await RefusalAsync(ann, new { type = "chat-send", clientId = _people.NewClientId(), text = "\u001b[2Jclear" }));
        Assert.Equal("bad-message", await RefusalAsync(ann, new { type = "chat-send", clientId = "short", text = "hi" }));
        Assert.Equal("bad-message", await RefusalAsync(ann, new { type = "chat-send", clientId = "has spaces in it", text = "hi" }));
        Assert.Equal("bad-message", await RefusalAsync(ann, new { type = "chat-send", clientId = _people.NewClientId(), text = 42 }));
        Assert.Equal("bad-message", await RefusalAsync(ann, new { type = "chat-send", clientId = _people.NewClientId(), to = 7, text = "hi" }));
        Assert.Equal("unknown-recipient", await RefusalAsync(ann, new { type = "chat-send", clientId = _people.NewClientId(), to = "nobody-here", text = "hi" }));
        Assert.Equal("unknown-recipient", await RefusalAsync(ann, new { type = "chat-send", clientId = _people.NewClientId(), to = elsewhere.Id, text = "hi" }));
        Assert.Equal("bad-message", await RefusalAsync(ann, new { type = "chat-history", limit = 501 }));
        Assert.Equal("bad-message", await RefusalAsync(ann, new { type = "chat-history", after = "not-an-id" }));
        Assert.Equal("bad-message", await RefusalAsync(ann, new { type = "chat-react", clientId = _people.NewClientId(), messageId = Guid.CreateVersion7(), emoji = "a b" }));
        Assert.Equal("unknown-message", await RefusalAsync(ann, new { type = "chat-react", clientId = _people.NewClientId(), messageId = Guid.CreateVersion7(), emoji = "👍" }));

        // Every refusal names the request, and nothing reached anyone or the database.
        Assert.All(ann.Socket.Seen.Where(msg => SignalingTestClient.Type(msg) == "error"),
            e => Assert.StartsWith("chat-", e.GetProperty("request").GetString(), StringComparison.Ordinal));
        string marker = await SayAsync(host, "marker");
        await WaitForChatAsync(ann, marker);
        Assert.Single(ann.Socket.Seen, msg => IsChat(msg));
        Assert.DoesNotContain(elsewhere.Socket.Seen, msg => IsChat(msg));
        Assert.Equal(1, await StoredAsync(m.Id));
        Assert.Equal(0, await StoredAsync(other.Id));
    }

    [SkippableFact]
    public async Task The_chat_with_setting_decides_whom_participants_may_write_to_and_hosts_always_may()
    {
        var m = await _people.ScheduleAsync();
        await using var host = await _people.JoinAsHostAsync(m);
        await using var ann = await _people.JoinAsGuestAsync(m, "Ann");
        await using var bob = await _people.JoinAsGuestAsync(m, "Bob");
        var state = host.Socket.Seen.Last(msg => SignalingTestClient.Type(msg) == "meeting-state");
        Assert.Equal("everyone-and-private", state.GetProperty("settings").GetProperty("chatWith").GetString());
        Assert.True(state.GetProperty("settings").GetProperty("chatHistoryForLateJoiners").GetBoolean());

        async Task SetAsync(string chatWith)
        {
            await host.Socket.SendAsync(new { type = "change-settings", settings = new { chatWith } });
            var changed = await ann.Socket.WaitForAsync(msg => SignalingTestClient.Type(msg) == "event"
                && msg.GetProperty("event").GetString() == "settings-changed"
                && msg.GetProperty("settings").GetProperty("chatWith").GetString() == chatWith, $"chatWith {chatWith}");
        }
        Assert.Equal("bad-message", await RefusalAsync(host, new { type = "change-settings", settings = new { chatWith = "anyone" } }));
        Assert.Equal("not-allowed", await RefusalAsync(ann, new { type = "change-settings", settings = new { chatWith = "no-one" } }));

        await SetAsync("no-one");
        Assert.Equal("chat-not-allowed", await RefusalAsync(ann, new { type = "chat-send", clientId = _people.NewClientId(), text = "hi" }));
        Assert.Equal("chat-not-allowed", await RefusalAsync(ann, new { type = "chat-send", clientId = _people.NewClientId(), to = host.Id, text = "hi" }));
        await SayAsync(host, "hosts still talk");
        await SayAsync(host, "even privately", to: bob.Id);
        Assert.Equal(2, await StoredAsync(m.Id));

        await SetAsync("everyone");
        Assert.Equal("chat-not-allowed", await RefusalAsync(ann, new { type = "chat-send", clientId = _people.NewClientId(), to = bob.Id, text = "psst" }));
        Assert.Equal("chat-not-allowed", await RefusalAsync(ann, new { type = "chat-send", clientId = _people.NewClientId(), to = host.Id, text = "psst" }));
        string everyone = await SayAsync(ann, "to all");
        await WaitForChatAsync(bob, everyone);
        Assert.Equal(3, await StoredAsync(m.Id));

        await SetAsync("hosts");
        Assert.Equal("chat-not-allowed", await RefusalAsync(ann, new { type = "chat-send", clientId = _people.NewClientId(), to = bob.Id, text = "psst" }));
        string toHost = await SayAsync(ann, "private to the host", to: host.Id);
        string toHosts = await SayAsync(ann, "public, so for the hosts");
        // Waits consume messages in order: the private one came first.
        await WaitForChatAsync(host, toHost);
        var forHosts = (await WaitForChatAsync(host, toHosts)).GetProperty("message");
        Assert.True(forHosts.GetProperty("toHosts").GetBoolean());
        Assert.Equal(JsonValueKind.Null, forHosts.GetProperty("to").ValueKind);
        await WaitForChatAsync(ann, toHosts);
        string marker = await SayAsync(host, "marker");
        await WaitForChatAsync(bob, marker);
        Assert.Equal(0, ChatsSeen(bob, toHost));
        Assert.Equal(0, ChatsSeen(bob, toHosts));
        Assert.DoesNotContain("public, so for the hosts", Texts((await HistoryAsync(bob)).Messages));
        Assert.Contains("public, so for the hosts", Texts((await HistoryAsync(host)).Messages));
        Assert.Equal(6, await StoredAsync(m.Id));

        await SetAsync("everyone-and-private");
        string toBob = await SayAsync(ann, "psst", to: bob.Id);
        await WaitForChatAsync(bob, toBob);
    }

    [SkippableFact]
    public async Task More_than_ten_messages_in_five_seconds_are_refused_and_not_stored()
    {
        var m = await _people.ScheduleAsync();
        await using var host = await _people.JoinAsHostAsync(m);
        await using var ann = await _people.JoinAsGuestAsync(m, "Ann");

        for (int i = 0; i < 10; i++)
        {
            await SayAsync(ann, $"message {i}");
        }
        Assert.Equal("rate-limited", await RefusalAsync(ann, new { type = "chat-send", clientId = _people.NewClientId(), text = "one too many" }));
        Assert.Equal(10, await StoredAsync(m.Id));
        // The host has a bucket of its own.
        await SayAsync(host, "host");

        // The bucket refills at two messages a second (the test's clock is fake: it moves only here).
        _fixture.Time.Advance(TimeSpan.FromMilliseconds(500));
        string late = await SayAsync(ann, "after a pause");
        await WaitForChatAsync(host, late);
        Assert.Equal(12, await StoredAsync(m.Id));
        Assert.DoesNotContain("one too many", Texts((await HistoryAsync(host)).Messages));
    }

    [SkippableFact]
    public async Task People_in_the_waiting_room_get_no_chat_and_no_history_until_admitted()
    {
        var m = await _people.ScheduleAsync(waitingRoom: true);
        await using var host = await _people.JoinAsHostAsync(m);
        await using var gus = await _people.JoinAsGuestAsync(m, "Gus", "waiting");
        await host.Socket.WaitForEventAsync("put-in-waiting-room", gus.Id);

        string before = await SayAsync(host, "said while Gus waits");
        Assert.Equal("not-admitted", await RefusalAsync(gus, new { type = "chat-history" }));
        Assert.Equal("not-admitted", await RefusalAsync(gus, new { type = "chat-send", clientId = _people.NewClientId(), text = "let me in" }));
        Assert.Equal("not-admitted", await RefusalAsync(gus, new { type = "chat-react", clientId = _people.NewClientId(), messageId = before, emoji = "👍" }));
        Assert.Equal("unknown-recipient", await RefusalAsync(host, new { type = "chat-send", clientId = _people.NewClientId(), to = gus.Id, text = "hold on" }));

        await host.Socket.SendAsync(new { type = "admit", participantId = gus.Id });
        await gus.Socket.WaitForEventAsync("admitted", gus.Id);
        await gus.Socket.WaitForTypeAsync("meeting-state");
        // Everything for Gus comes through one ordered outbox: nothing of the chat came before the admission.
        Assert.DoesNotContain(gus.Socket.Seen, msg => IsChat(msg));

        var (messages, more) = await HistoryAsync(gus);
        Assert.Equal(["said while Gus waits"], Texts(messages));
        Assert.Equal(before, messages[0].GetProperty("id").GetString());
        Assert.False(more);
        string after = await SayAsync(host, "welcome");
        await WaitForChatAsync(gus, after);
        Assert.Equal(2, await StoredAsync(m.Id));
    }

    [SkippableFact]
    public async Task People_waiting_for_the_host_cannot_chat()
    {
        var m = await _people.ScheduleAsync();
        await using var early = await _people.JoinAsGuestAsync(m, "Early", "waiting-for-host");
        Assert.Equal("not-admitted", await RefusalAsync(early, new { type = "chat-send", clientId = _people.NewClientId(), text = "anyone?" }));
        Assert.Equal("not-admitted", await RefusalAsync(early, new { type = "chat-history" }));
        Assert.Equal(0, await StoredAsync(m.Id));
    }

    [SkippableFact]
    public async Task History_pages_after_an_id_in_id_order()
    {
        var m = await _people.ScheduleAsync();
        await using var host = await _people.JoinAsHostAsync(m);
        await using var ann = await _people.JoinAsGuestAsync(m, "Ann");
        var ids = new List<string>();
        for (int i = 1; i <= 5; i++)
        {
            ids.Add(await SayAsync(i % 2 == 0 ? ann : host, $"m{i}"));
        }

        var first = await HistoryAsync(ann, limit: 2);
        Assert.Equal(["m1", "m2"], Texts(first.Messages));
        Assert.True(first.More);
        var second = await HistoryAsync(ann, after: first.Messages[^1].GetProperty("id").GetString(), limit: 2);
        Assert.Equal(["m3", "m4"], Texts(second.Messages));
        Assert.True(second.More);
        var third = await HistoryAsync(ann, after: second.Messages[^1].GetProperty("id").GetString(), limit: 2);
        Assert.Equal(["m5"], Texts(third.Messages));
        Assert.False(third.More);

        var all = await HistoryAsync(host);
        Assert.Equal(ids, all.Messages.Select(msg => msg.GetProperty("id").GetString()!).ToList());
        Assert.Equal(ids.OrderBy(Guid.Parse).ToList(), ids);
        Assert.False(all.More);
        Assert.Empty((await HistoryAsync(host, after: ids[^1])).Messages);
        Assert.Equal(["m2", "m3", "m4", "m5"], Texts((await HistoryAsync(host, after: ids[0])).Messages));
    }

    [SkippableFact]
    public async Task Without_history_for_late_joiners_a_newcomer_sees_only_what_was_said_since_they_joined()
    {
        var m = await _people.ScheduleAsync();
        await using var host = await _people.JoinAsHostAsync(m);
        await using var ann = await _people.JoinAsGuestAsync(m, "Ann");
        await SayAsync(host, "with history on");
        await using (var early = await _people.JoinAsGuestAsync(m, "Early"))
        {
            Assert.Equal(["with history on"], Texts((await HistoryAsync(early)).Messages));
        }

        await host.Socket.SendAsync(new { type = "change-settings", settings = new { chatHistoryForLateJoiners = false } });
        await ann.Socket.WaitForEventAsync("settings-changed");
        await SayAsync(host, "before Late");
        await using var late = await _people.JoinAsGuestAsync(m, "Late");
        await SayAsync(host, "after Late");

        Assert.Equal(["after Late"], Texts((await HistoryAsync(late)).Messages));
        Assert.Equal(["with history on", "before Late", "after Late"], Texts((await HistoryAsync(ann)).Messages));
    }

    [SkippableFact]
    public async Task A_new_session_of_the_same_meeting_starts_with_an_empty_chat()
    {
        var m = await _people.ScheduleAsync();
        await using (var host = await _people.JoinAsHostAsync(m))
        {
            await SayAsync(host, "first session");
            await host.Socket.SendAsync(new { type = "end-for-all" });
            Assert.Equal("meeting-ended", await host.Socket.WaitForCloseAsync());
        }

        await using var again = await _people.JoinAsHostAsync(m);
        var (messages, more) = await HistoryAsync(again);
        Assert.Empty(messages);
        Assert.False(more);
        await SayAsync(again, "second session");
        Assert.Equal(["second session"], Texts((await HistoryAsync(again)).Messages));
        Assert.Equal(2, await StoredAsync(m.Id));
    }

    [SkippableFact]
    public async Task A_reaction_reaches_the_audience_of_its_message()
    {
        var m = await _people.ScheduleAsync();
        await using var host = await _people.JoinAsHostAsync(m);
        await using var ann = await _people.JoinAsGuestAsync(m, "Ann");
        await using var bob = await _people.JoinAsGuestAsync(m, "Bob");

        string secret = await SayAsync(ann, "private", to: host.Id);
        await WaitForChatAsync(host, secret);
        string reactionClientId = _people.NewClientId();
        await host.Socket.SendAsync(new { type = "chat-react", clientId = reactionClientId, messageId = secret, emoji = "👍" });
        var ack = await host.Socket.WaitForAsync(msg => SignalingTestClient.Type(msg) == "chat-ack"
            && msg.GetProperty("clientId").GetString() == reactionClientId, "the reaction's ack");
        string reactionId = ack.GetProperty("messageId").GetString()!;
        var reaction = (await WaitForChatAsync(ann, reactionId)).GetProperty("message");
        Assert.Equal("reaction", reaction.GetProperty("type").GetString());
        Assert.Equal("👍", reaction.GetProperty("text").GetString());
        Assert.Equal(secret, reaction.GetProperty("reactsTo").GetString());
        Assert.Equal(ann.Id, reaction.GetProperty("to").GetString());
        await WaitForChatAsync(host, reactionId);

        // Bob cannot see the private message: he cannot react on it, and he did not get the reaction.
        Assert.Equal("unknown-message", await RefusalAsync(bob, new { type = "chat-react", clientId = _people.NewClientId(), messageId = secret, emoji = "👀" }));
        string open = await SayAsync(host, "public");
        await WaitForChatAsync(bob, open);
        await bob.Socket.SendAsync(new { type = "chat-react", clientId = _people.NewClientId(), messageId = open, emoji = "🎉" });
        var publicReaction = await host.Socket.WaitForAsync(msg => IsChat(msg)
            && msg.GetProperty("message").GetProperty("reactsTo").ValueKind == JsonValueKind.String
            && msg.GetProperty("message").GetProperty("reactsTo").GetString() == open, "the reaction on the public message");
        string publicReactionId = publicReaction.GetProperty("message").GetProperty("id").GetString()!;
        await WaitForChatAsync(ann, publicReactionId);
        await WaitForChatAsync(bob, publicReactionId);
        Assert.Equal(0, ChatsSeen(bob, secret));
        Assert.Equal(0, ChatsSeen(bob, reactionId));
        Assert.Equal(["public", "🎉"], Texts((await HistoryAsync(bob)).Messages));
        Assert.Equal(["private", "👍", "public", "🎉"], Texts((await HistoryAsync(ann)).Messages));
        Assert.Equal(4, await StoredAsync(m.Id));
    }
}

public sealed class SqliteMeetingChatTests(SqliteServerFixture fixture)
    : MeetingChatTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresMeetingChatTests(PostgresServerFixture fixture)
    : MeetingChatTests(fixture), IClassFixture<PostgresServerFixture>;
