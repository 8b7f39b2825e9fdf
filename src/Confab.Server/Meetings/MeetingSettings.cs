using System.Text.Json;
using Confab.Server.Api;

namespace Confab.Server.Meetings;

/// <summary>A meeting's settings as stored (meetings.settings) and shown.</summary>
public sealed record MeetingSettings(
    bool WaitingRoom = true,
    bool MuteUponEntry = false,
    bool JoinBeforeHost = false,
    bool HostVideo = false,
    bool ParticipantVideo = false,
    string AutoRecording = MeetingSettings.RecordingNone)
{
    public const string RecordingNone = "none";
    public const string RecordingCloud = "cloud";

    public MeetingSettings With(MeetingSettingsRequest? change) => change is null ? this : new(
        change.WaitingRoom ?? WaitingRoom,
        change.MuteUponEntry ?? MuteUponEntry,
        change.JoinBeforeHost ?? JoinBeforeHost,
        change.HostVideo ?? HostVideo,
        change.ParticipantVideo ?? ParticipantVideo,
        change.AutoRecording ?? AutoRecording);

    public string ToJson() => JsonSerializer.Serialize(this, ApiJson.Options);

    public static MeetingSettings FromJson(string json) =>
        JsonSerializer.Deserialize<MeetingSettings>(json, ApiJson.Options) ?? new MeetingSettings();
}
