using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Confab.Data.Database;
using Confab.Server.Chat;
using Confab.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Person = Confab.Server.Tests.Signaling.MeetingPeople.Person;

namespace Confab.Server.Tests.Signaling;

/// <summary>Files in the in-meeting chat (docs/api.md, chat files; docs/signaling.md, Chat), on each database engine.</summary>
public abstract class ChatFileTests
{
    /// <summary>The limit the test servers use (Confab:Chat:MaxFileBytes), small so that "too big" is quick to send.</summary>
    public const long MaxFileBytes = 64 * 1024;

    public static void SmallFiles(IServiceCollection services) =>
        services.Configure<ChatOptions>(o => o.MaxFileBytes = MaxFileBytes);

    private static readonly byte[] PngHeader = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly ServerFixture _fixture;
    private readonly MeetingPeople _people;

    protected ChatFileTests(ServerFixture fixture)
    {
        _fixture = fixture;
        _people = new MeetingPeople(fixture, "file");
        fixture.EnsureAvailable();
    }


    private static byte[] Png(int size = 3000)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        PngHeader.CopyTo(bytes, 0);
        return bytes;
    }

    private async Task<HttpResponseMessage> UploadAsync(string meetingId, string? token, byte[] bytes, string contentType, string name = "picture.png",
        bool sendLength = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v2/meetings/{meetingId}/chat/files?name={Uri.EscapeDataString(name)}");
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (!sendLength)
        {
            content.Headers.ContentLength = null;
        }
        request.Content = content;
        if (token is not null)
        {
            request.Headers.Add(ChatFileEndpoints.ParticipantHeader, token);
        }
        return await _fixture.CreateClient().SendAsync(request);
    }

    private async Task<string> UploadOkAsync(string meetingId, Person uploader, byte[] bytes, string contentType = "image/png", string name = "picture.png")
    {
        var body = await (await UploadAsync(meetingId, uploader.Token, bytes, contentType, name)).ExpectAsync(HttpStatusCode.Created);
        return body.GetProperty("fileId").GetString()!;
    }

    private async Task<HttpResponseMessage> DownloadAsync(string meetingId, string fileId, string? token, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/meetings/{meetingId}/chat/files/{fileId}");
        if (token is not null)
        {
            request.Headers.Add(ChatFileEndpoints.ParticipantHeader, token);
        }
        return await _fixture.CreateClient(bearer).SendAsync(request);
    }

    /// <summary>Sends a file message and waits for its acknowledgement; returns the message id.</summary>
    private async Task<string> SendFileAsync(Person sender, string fileId, string? to = null)
    {
        string clientId = _people.NewClientId();
        await sender.Socket.SendAsync(new { type = "chat-send", clientId, to, file = fileId });
        var ack = await sender.Socket.WaitForAsync(m => SignalingTestClient.Type(m) == "chat-ack" && m.GetProperty("clientId").GetString() == clientId,
            $"the ack of {clientId}");
        return ack.GetProperty("messageId").GetString()!;
    }

    private static async Task<JsonElement> WaitForChatAsync(Person person, string messageId) =>
        (await person.Socket.WaitForAsync(m => SignalingTestClient.Type(m) == "chat"
            && m.GetProperty("message").GetProperty("id").GetString() == messageId, $"chat message {messageId}")).GetProperty("message");

    private async Task<(int Files, int Messages)> StoredAsync(string meetingId)
    {
        await using var scope = _fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConfabDbContext>();
        return (await db.ChatFiles.CountAsync(f => f.MeetingId == meetingId), await db.ChatMessages.CountAsync(r => r.MeetingId == meetingId));
    }

    private string[] BlobsOf(string meetingId)
    {
        var folder = Path.Combine(_fixture.DataDir, LocalChatFileStore.FolderName, meetingId);
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Select(Path.GetFileName).Select(n => n!)] : [];
    }

    [SkippableFact]
    public async Task A_file_sent_to_everyone_reaches_everyone_and_another_participant_downloads_the_same_bytes()
    {
        var m = await _people.ScheduleAsync();
        await using var host = await _people.JoinAsHostAsync(m);
        await using var ann = await _people.JoinAsGuestAsync(m, "Ann");
        await using var bob = await _people.JoinAsGuestAsync(m, "Bob");
        var bytes = Png();

        var upload = await (await UploadAsync(m.Id, ann.Token, bytes, "image/png", "holiday photo.png")).ExpectAsync(HttpStatusCode.Created);
        string fileId = upload.GetProperty("fileId").GetString()!;
        Assert.Equal("holiday photo.png", upload.GetProperty("name").GetString());
        Assert.Equal(bytes.Length, upload.GetProperty("size").GetInt64());
        Assert.Equal("image/png", upload.GetProperty("contentType").GetString());
        Assert.Equal([Guid.Parse(fileId).ToString("N")], BlobsOf(m.Id));

        string messageId = await SendFileAsync(ann, fileId);
        string url = $"/v2/meetings/{m.Id}/chat/files/{fileId}";
        foreach (var person in new[] { host, ann, bob })
        {
            var message = await WaitForChatAsync(person, messageId);
            Assert.Equal("file", message.GetProperty("type").GetString());
            Assert.Equal(JsonValueKind.Null, message.GetProperty("text").ValueKind);
            var file = message.GetProperty("file");
            Assert.Equal(fileId, file.GetProperty("id").GetString());
            Assert.Equal("holiday photo.png", file.GetProperty("name").GetString());
            Assert.Equal(bytes.Length, file.GetProperty("size").GetInt64());
            Assert.Equal("image/png", file.GetProperty("contentType").GetString());
            Assert.Equal(url, file.GetProperty("url").GetString());
        }

        var download = await DownloadAsync(m.Id, fileId, bob.Token);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=\"holiday photo.png\"; filename*=UTF-8''holiday%20photo.png",
            download.Content.Headers.GetValues("Content-Disposition").Single());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("no-store", download.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.True(download.Headers.CacheControl.Private);

        // The history shows it the same way, and the database holds one file message.
        await host.Socket.SendAsync(new { type = "chat-history" });
        var history = await host.Socket.WaitForTypeAsync("chat-history");
        var listed = Assert.Single(history.GetProperty("messages").EnumerateArray());
        Assert.Equal(fileId, listed.GetProperty("file").GetProperty("id").GetString());
        await using var scope = _fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConfabDbContext>();
        var row = await db.ChatMessages.AsNoTracking().SingleAsync(r => r.MeetingId == m.Id);
        Assert.Equal("file", row.MessageType);
        Assert.Equal((1, 1), await StoredAsync(m.Id));
        var transcript = await (await m.Host.GetAsync($"/v2/past_meetings/{m.Id}/chat.txt")).Content.ReadAsStringAsync();
        Assert.Contains($"From Ann to Everyone: sent the file holiday photo.png ({bytes.Length} bytes, image/png)", transcript, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_file_sent_privately_is_downloaded_only_by_its_two_parties_and_the_signed_in_host()
    {
        var m = await _people.ScheduleAsync();
        await using var host = await _people.JoinAsHostAsync(m);
        await using var ann = await _people.JoinAsGuestAsync(m, "Ann");
        await using var bob = await _people.JoinAsGuestAsync(m, "Bob");
        await using var cid = await _people.JoinAsGuestAsync(m, "Cid");
        var bytes = Encoding.UTF8.GetBytes("name,score\nAnn,3\n");

        string fileId = await UploadOkAsync(m.Id, ann, bytes, "text/csv", "scores.csv");
        // Uploaded, not yet sent: only the uploader may read it.
        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync(m.Id, fileId, ann.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DownloadAsync(m.Id, fileId, bob.Token)).StatusCode);

        string messageId = await SendFileAsync(ann, fileId, to: bob.Id);
        await WaitForChatAsync(bob, messageId);
        var toBob = await DownloadAsync(m.Id, fileId, bob.Token);
        Assert.Equal(HttpStatusCode.OK, toBob.StatusCode);
        Assert.Equal(bytes, await toBob.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync(m.Id, fileId, ann.Token)).StatusCode);

        // Cid is in the meeting but not in the conversation; the host in the meeting neither — but the host's account may.
        await (await DownloadAsync(m.Id, fileId, cid.Token)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await DownloadAsync(m.Id, fileId, host.Token)).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync(m.Id, fileId, null, bearer: m.HostToken)).StatusCode);
        Assert.DoesNotContain(cid.Socket.Seen, msg => SignalingTestClient.Type(msg) == "chat");
    }

    [SkippableFact]
    public async Task Without_a_token_or_with_a_wrong_one_a_download_is_404_like_a_file_that_does_not_exist()
    {
        var m = await _people.ScheduleAsync();
        var other = await _people.ScheduleAsync();
        await using var host = await _people.JoinAsHostAsync(m);
        await using var ann = await _people.JoinAsGuestAsync(m, "Ann");
        await using var elsewhere = await _people.JoinAsHostAsync(other);
        string fileId = await UploadOkAsync(m.Id, ann, Png());
        await SendFileAsync(ann, fileId);

        var missing = await (await DownloadAsync(m.Id, Guid.NewGuid().ToString(), ann.Token)).ExpectProblemAsync(HttpStatusCode.NotFound);
        var none = await (await DownloadAsync(m.Id, fileId, null)).ExpectProblemAsync(HttpStatusCode.NotFound);
        var wrong = await (await DownloadAsync(m.Id, fileId, "not-a-token-of-anyone")).ExpectProblemAsync(HttpStatusCode.NotFound);
        var foreign = await (await DownloadAsync(m.Id, fileId, elsewhere.Token)).ExpectProblemAsync(HttpStatusCode.NotFound);
        var viaOther = await (await DownloadAsync(other.Id, fileId, elsewhere.Token)).ExpectProblemAsync(HttpStatusCode.NotFound);
        var otherAccount = await (await DownloadAsync(m.Id, fileId, null, bearer: other.HostToken)).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await DownloadAsync(m.Id, "not-a-guid", ann.Token)).StatusCode);
        // One answer for all: nothing tells a missing file from somebody else's.
        Assert.All(new[] { none, wrong, foreign, viaOther, otherAccount },
            p => Assert.Equal(missing.GetProperty("detail").GetString(), p.GetProperty("detail").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync(m.Id, fileId, host.Token)).StatusCode);
    }

    [SkippableFact]
    public async Task A_participant_in_the_waiting_room_cannot_upload_and_nothing_is_stored()
    {
        var m = await _people.ScheduleAsync(waitingRoom: true);
        await using var host = await _people.JoinAsHostAsync(m);
        await using var gus = await _people.JoinAsGuestAsync(m, "Gus", "waiting");

        await (await UploadAsync(m.Id, gus.Token, Png(), "image/png")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await UploadAsync(m.Id, null, Png(), "image/png")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await UploadAsync(m.Id, "made-up-token", Png(), "image/png")).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal((0, 0), await StoredAsync(m.Id));
        Assert.Empty(BlobsOf(m.Id));
    }

    [SkippableFact]
    public async Task A_file_over_the_limit_is_refused_with_413_and_nothing_is_stored()
    {
        var m = await _people.ScheduleAsync();
        await using var host = await _people.JoinAsHostAsync(m);

        var tooBig = Png((int)MaxFileBytes + 1);
        var declared = await (await UploadAsync(m.Id, host.Token, tooBig, "image/png")).ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains($"{MaxFileBytes} bytes", declared.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Without a Content-Length the body is read with the cap and the part written is thrown away.
        await (await UploadAsync(m.Id, host.Token, tooBig, "image/png", sendLength: false)).ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal((0, 0), await StoredAsync(m.Id));
        Assert.Empty(BlobsOf(m.Id));

        // Exactly the limit is accepted.
        await UploadOkAsync(m.Id, host, Png((int)MaxFileBytes));
        Assert.Equal((1, 0), await StoredAsync(m.Id));
    }

    [SkippableFact]
    public async Task Html_svg_executables_and_content_that_belies_its_type_are_refused_with_415()
    {
        var m = await _people.ScheduleAsync();
        await using var host = await _people.JoinAsHostAsync(m);
        var html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><script>alert(1)</script></html>");
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>");
        var exe = new byte[600];
        "MZ"u8.CopyTo(exe);
        var elf = new byte[600];
        new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }.CopyTo(elf, 0);

        var cases = new (byte[] Bytes, string Type)[]
        {
            (html, "text/html"),
            (svg, "image/svg+xml"),
            (exe, "application/x-msdownload"),
            (exe, "application/octet-stream"),
            (exe, "image/png"),             // an executable that says it is a picture
            (exe, "text/plain"),
            (elf, "application/zip"),
            (html, "text/plain"),           // a page that says it is text
            ([0xEF, 0xBB, 0xBF, .. "  \n<html>"u8.ToArray()], "text/csv"),
            (svg, "text/plain; charset=utf-8"),
            (svg, "image/png"),
            (Png(), "image/jpeg"),          // a real picture of another type
        };
        foreach (var (bytes, type) in cases)
        {
            var problem = await (await UploadAsync(m.Id, host.Token, bytes, type)).ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType);
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        }
        Assert.Equal((0, 0), await StoredAsync(m.Id));
        Assert.Empty(BlobsOf(m.Id));

        // Text that is text passes.
        await UploadOkAsync(m.Id, host, Encoding.UTF8.GetBytes("a <b> is fine inside text\n"), "text/plain; charset=utf-8", "notes.txt");
        Assert.Equal((1, 0), await StoredAsync(m.Id));
    }

    [SkippableFact]
    public async Task A_name_with_path_separators_and_control_characters_is_sanitised_and_never_used_on_disk()
    {
        var m = await _people.ScheduleAsync();
        await using var host = await _people.JoinAsHostAsync(m);

        var body = await (await UploadAsync(m.Id, host.Token, Png(), "image/png", "../../etc/pass\u202Ewd\u0007.png")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("passwd.png", body.GetProperty("name").GetString());
        var windows = await (await UploadAsync(m.Id, host.Token, Png(), "image/png", "C:\\Users\\ann\\..\\report.png")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("report.png", windows.GetProperty("name").GetString());
        var dots = await (await UploadAsync(m.Id, host.Token, Png(), "image/png", "../..")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("file", dots.GetProperty("name").GetString());
        var longName = await (await UploadAsync(m.Id, host.Token, Png(), "image/png", new string('a', 500) + ".png")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(new string('a', 196) + ".png", longName.GetProperty("name").GetString());

        var ids = new[] { body, windows, dots, longName }.Select(b => Guid.Parse(b.GetProperty("fileId").GetString()!).ToString("N")).Order();
        Assert.Equal(ids, BlobsOf(m.Id).Order());
        Assert.False(File.Exists(Path.Combine(_fixture.DataDir, "etc", "passwd.png")));
    }

    [SkippableFact]
    public async Task Sending_an_unknown_or_foreign_file_is_refused_with_the_client_id_and_stores_nothing()
    {
        var m = await _people.ScheduleAsync();
        var other = await _people.ScheduleAsync();
        await using var host = await _people.JoinAsHostAsync(m);
        await using var ann = await _people.JoinAsGuestAsync(m, "Ann");
        await using var elsewhere = await _people.JoinAsHostAsync(other);
        string othersFile = await UploadOkAsync(other.Id, elsewhere, Png());
        string annsFile = await UploadOkAsync(m.Id, ann, Png());

        foreach (var fileId in new[] { Guid.NewGuid().ToString(), othersFile, annsFile })
        {
            string clientId = _people.NewClientId();
            await host.Socket.SendAsync(new { type = "chat-send", clientId, file = fileId });
            var error = await host.Socket.WaitForTypeAsync("error");
            Assert.Equal("unknown-file", error.GetProperty("code").GetString());
            Assert.Equal(clientId, error.GetProperty("clientId").GetString());
            Assert.Equal("chat-send", error.GetProperty("request").GetString());
        }
        // Exactly one of text and file.
        await host.Socket.SendAsync(new { type = "chat-send", clientId = _people.NewClientId(), text = "hi", file = annsFile });
        Assert.Equal("bad-message", await host.Socket.WaitForErrorAsync());
        await host.Socket.SendAsync(new { type = "chat-send", clientId = _people.NewClientId(), file = "not-an-id" });
        Assert.Equal("bad-message", await host.Socket.WaitForErrorAsync());

        Assert.Equal((1, 0), await StoredAsync(m.Id));
        Assert.DoesNotContain(ann.Socket.Seen, msg => SignalingTestClient.Type(msg) == "chat");
    }

    [SkippableFact]
    public async Task A_file_message_sent_again_with_its_client_id_is_stored_once_and_a_resume_moves_the_header_to_the_new_token()
    {
        var m = await _people.ScheduleAsync();
        await using var host = await _people.JoinAsHostAsync(m);
        var lost = await SignalingTestClient.ConnectAsync(_fixture);
        await lost.SendAsync(new { type = "join", meetingId = m.Id, passcode = m.Passcode, name = "Roam" });
        var joined = await lost.WaitForTypeAsync("joined");
        string oldToken = joined.GetProperty("resumeToken").GetString()!;
        await lost.WaitForTypeAsync("meeting-state");
        var roam = new Person(lost, joined.GetProperty("participantId").GetString()!, oldToken);
        string fileId = await UploadOkAsync(m.Id, roam, Png());

        string clientId = _people.NewClientId();
        await lost.SendAsync(new { type = "chat-send", clientId, file = fileId });
        string first = (await lost.WaitForTypeAsync("chat-ack")).GetProperty("messageId").GetString()!;
        await WaitForChatAsync(host, first);
        await lost.AbortAsync();

        await using var back = await SignalingTestClient.ConnectAsync(_fixture);
        await back.SendAsync(new { type = "resume", meetingId = m.Id, resumeToken = oldToken });
        string newToken = (await back.WaitForTypeAsync("resumed")).GetProperty("resumeToken").GetString()!;
        await back.SendAsync(new { type = "chat-send", clientId, file = fileId });
        Assert.Equal(first, (await back.WaitForTypeAsync("chat-ack")).GetProperty("messageId").GetString());
        Assert.Equal((1, 1), await StoredAsync(m.Id));

        // The token the resume spent no longer opens anything; the new one does.
        await (await DownloadAsync(m.Id, fileId, oldToken)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await UploadAsync(m.Id, oldToken, Png(), "image/png")).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync(m.Id, fileId, newToken)).StatusCode);
        // A reaction may be on a file message.
        await host.Socket.SendAsync(new { type = "chat-react", clientId = _people.NewClientId(), messageId = first, emoji = "👍" });
        Assert.Equal(first, (await host.Socket.WaitForAsync(msg => SignalingTestClient.Type(msg) == "chat"
            && msg.GetProperty("message").GetProperty("type").GetString() == "reaction", "the reaction")).GetProperty("message").GetProperty("reactsTo").GetString());
    }
}

public sealed class SqliteChatFileServerFixture() : ServerFixture(new SqliteEngine(), ChatFileTests.SmallFiles);

public sealed class PostgresChatFileServerFixture() : ServerFixture(new PostgresEngine(), ChatFileTests.SmallFiles);

public sealed class SqliteChatFileTests(SqliteChatFileServerFixture fixture)
    : ChatFileTests(fixture), IClassFixture<SqliteChatFileServerFixture>;

public sealed class PostgresChatFileTests(PostgresChatFileServerFixture fixture)
    : ChatFileTests(fixture), IClassFixture<PostgresChatFileServerFixture>;
