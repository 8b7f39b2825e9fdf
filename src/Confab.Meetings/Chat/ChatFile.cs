namespace Confab.Meetings.Chat;

/// <summary>A file uploaded to the chat of a live meeting (docs/api.md, chat files). Its bytes are in an <see cref="IChatFileStore"/>.</summary>
/// <param name="Id">A random id: the name of the stored bytes, never the uploader's file name.</param>
/// <param name="MeetingId">The meeting's 11-digit id, as chat messages name it.</param>
/// <param name="SessionId">The live meeting (session) it was uploaded in: a file of an earlier session cannot be sent in a later one.</param>
/// <param name="UploaderParticipantId">Who uploaded it: only they may send it.</param>
/// <param name="Name">The sanitised file name (<see cref="ChatFileNames"/>).</param>
/// <param name="ContentType">The media type, one of <see cref="ChatFileTypes"/>.</param>
public sealed record ChatFile(
    Guid Id,
    string MeetingId,
    Guid SessionId,
    string UploaderParticipantId,
    string Name,
    string ContentType,
    long Size,
    DateTimeOffset CreatedAt);
