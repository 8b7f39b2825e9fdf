using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Confab.Meetings.LiveState;

namespace Confab.Data.LiveState;

/// <summary>
/// One field of <c>meeting:{id}:participants</c>. The participant id is the hash field, so the JSON holds the
/// rest, in snake_case as in the design: <c>{"user_id":…,"name":"Alice","role":"host","muted":false,…}</c>.
/// </summary>
internal sealed record StoredParticipant(string? UserId, string Name, string Role, bool Muted, bool VideoOn, DateTimeOffset JoinedAt)
{
    public static StoredParticipant From(LiveParticipant participant) =>
        new(participant.UserId, participant.Name, participant.Role, participant.Muted, participant.VideoOn, participant.JoinedAt);

    public LiveParticipant ToParticipant(string participantId) =>
        new(participantId, UserId, Name, Role, Muted, VideoOn, JoinedAt);
}

/// <summary>
/// JSON of the live state: snake_case names, nulls written out, and reads that refuse a missing or null
/// value where the record does not allow one.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(StoredParticipant))]
[JsonSerializable(typeof(WaitingEntry))]
internal sealed partial class LiveStateJsonContext : JsonSerializerContext;

internal static class LiveStateJson
{
    public static string Write(LiveParticipant participant) =>
        JsonSerializer.Serialize(StoredParticipant.From(participant), LiveStateJsonContext.Default.StoredParticipant);

    public static string Write(WaitingEntry entry) => JsonSerializer.Serialize(entry, LiveStateJsonContext.Default.WaitingEntry);

    public static bool TryReadParticipant(string participantId, string? json, [NotNullWhen(true)] out LiveParticipant? participant)
    {
        participant = TryRead(json, LiveStateJsonContext.Default.StoredParticipant)?.ToParticipant(participantId);
        return participant is not null;
    }

    public static bool TryReadWaitingEntry(string? json, [NotNullWhen(true)] out WaitingEntry? entry)
    {
        entry = TryRead(json, LiveStateJsonContext.Default.WaitingEntry);
        return entry is not null;
    }

    private static T? TryRead<T>(string? json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
