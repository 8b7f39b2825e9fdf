namespace Confab.Data.Model;

/// <summary>A row of <c>recordings</c> (seed §5.1).</summary>
public sealed class RecordingRecord
{
    public Guid RecordingId { get; set; }
    public required string MeetingId { get; set; }
    /// <summary>"cloud" or "shared_screen".</summary>
    public string? RecordingType { get; set; }
    public string? StoragePath { get; set; }
    public long? FileSize { get; set; }
    public int? DurationSecs { get; set; }
    /// <summary>"mp4" or "m4a".</summary>
    public string? Format { get; set; }
    /// <summary>"processing", "ready" or "deleted".</summary>
    public string? Status { get; set; }
    public string? TranscriptPath { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
}
