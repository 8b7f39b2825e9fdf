using Confab.Meetings.Chat;
using Confab.Server.Meetings;
using Confab.Server.Signaling;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Confab.Server.Chat;

/// <summary>
/// <c>POST /v2/meetings/{id}/chat/files?name=…</c>, the raw file as the body and its type as Content-Type, from a participant
/// admitted to the live meeting. The type must be allowed and agree with the first bytes (<see cref="ChatFileTypes"/>); the
/// body is read with a cap of <see cref="ChatOptions.MaxFileBytes"/> and never held in memory. A refused file leaves nothing.
/// </summary>
internal static class ChatFileUploadEndpoint
{
    public static async Task<IResult> HandleAsync(string id, HttpRequest request, LiveMeetingRegistry meetings, IChatFileRecords records,
        IChatFileStore store, IOptions<ChatOptions> options, TimeProvider time, CancellationToken ct)
    {
        if (!MeetingLookup.IsNumericId(id) || ChatFileEndpoints.ParticipantToken(request) is not { } token
            || meetings.Find(id) is not { HasEnded: false } meeting)
        {
            return ChatFileProblems.NotFound();
        }
        var caller = await meeting.FindCallerAsync(token);
        if (caller is null)
        {
            return ChatFileProblems.NotFound();
        }
        if (!caller.Admitted)
        {
            return ChatFileProblems.NotAdmitted();
        }
        long maxBytes = options.Value.CheckedMaxFileBytes();
        if (request.ContentLength > maxBytes)
        {
            return ChatFileProblems.TooLarge(maxBytes);
        }
        if (!ChatFileTypes.TryNormalise(request.ContentType, out var contentType))
        {
            return ChatFileProblems.RefusedType(
                $"'{Shorten(request.ContentType)}' files cannot be shared; allowed: {string.Join(", ", ChatFileTypes.Allowed)}.");
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + 1; // the server's own cap must not refuse what the chat accepts
        }

        try
        {
            var head = new byte[ChatFileTypes.SniffLength];
            int headLength = await request.Body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
            if (headLength == 0)
            {
                return ChatFileProblems.Empty();
            }
            if (!ChatFileTypes.MatchesContent(contentType, head.AsSpan(0, headLength)))
            {
                return ChatFileProblems.RefusedType($"The file's content is not {contentType}.");
            }
            var fileId = Guid.NewGuid();
            var body = new PrefixedReadStream(head.AsMemory(0, headLength), request.Body);
            if (await store.SaveAsync(meeting.MeetingId, fileId, body, maxBytes, ct) is not { } size)
            {
                return ChatFileProblems.TooLarge(maxBytes);
            }
            var name = ChatFileNames.Sanitise(request.Query["name"].Count == 1 ? request.Query["name"][0] : null);
            var file = new ChatFile(fileId, meeting.MeetingId, meeting.SessionId, caller.ParticipantId, name, contentType, size, time.GetUtcNow());
            try
            {
                await records.AddAsync(file, ct);
            }
            catch
            {
                store.Delete(meeting.MeetingId, fileId);
                throw;
            }
            return TypedResults.Created(ChatWire.FileUrl(meeting.MeetingId, fileId),
                new ChatFileUploadResponse(fileId.ToString("D"), name, size, contentType));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ChatFileProblems.TooLarge(maxBytes);
        }
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 100 ? text : text[..100];
}
