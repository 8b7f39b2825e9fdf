namespace Confab.Data.Model;

/// <summary>A row of <c>chat_files</c>: a file uploaded to a live meeting's chat (docs/api.md); its bytes are stored apart.</summary>
public sealed class ChatFileRecord
{
    /// <summary>A random id: also the name of the stored bytes.</summary>
    public Guid FileId { get; set; }
    public required string MeetingId { get; set; }
    /// <summary>The live meeting (session) it was uploaded in.</summary>
    public Guid SessionId { get; set; }
    public required string UploaderParticipantId { get; set; }
    /// <summary>The sanitised file name.</summary>
    public required string Name { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public DateTime CreatedAt { get; set; }
}
