using System.Security.Cryptography;
using System.Text;
using Confab.Meetings.Chat;

namespace Confab.Server.Signaling;

/// <summary>Who a chat-file request (docs/api.md, chat files) comes from, by the resume token its header carries.</summary>
/// <param name="ParticipantId">The participant holding the token.</param>
/// <param name="Admitted">In the live meeting — not in the waiting room, not waiting for the host.</param>
internal sealed record ChatFileCaller(string ParticipantId, bool Admitted);

/// <summary>
/// Chat files of the live meeting: the participant behind an <c>X-Confab-Participant</c> header, whether a file may be sent by
/// its sender, and who may download it. A participant may read a file they uploaded, or one carried by a message they can see
/// in the chat (its audience, and — without history for late joiners — said since they joined).
/// </summary>
internal sealed partial class LiveMeeting
{
    // The file messages of this live meeting, by file: who may download a file is who sees one of them.
    private readonly Dictionary<Guid, List<ChatMessage>> _sentFiles = [];

    /// <summary>The live meeting (session) id: files uploaded in it may be sent only in it.</summary>
    public Guid SessionId => _chatFloor;

    /// <summary>The participant holding <paramref name="token"/> (compared in constant time), or null.</summary>
    public async Task<ChatFileCaller?> FindCallerAsync(string token)
    {
        await _gate.WaitAsync();
        try
        {
            if (HasEnded || ConnectionOfToken(token) is not { } connection)
            {
                return null;
            }
            return new ChatFileCaller(connection.ParticipantId, _room.ReceivesMeetingTraffic(connection.ParticipantId));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Whether the participant holding <paramref name="token"/> may download <paramref name="file"/>.</summary>
    public async Task<bool> MayReadFileAsync(string token, ChatFile file)
    {
        await _gate.WaitAsync();
        try
        {
            if (HasEnded || file.SessionId != SessionId || ConnectionOfToken(token) is not { } connection)
            {
                return false;
            }
            var reader = connection.ParticipantId;
            if (!_room.ReceivesMeetingTraffic(reader))
            {
                return false;
            }
            return file.UploaderParticipantId == reader
                || (_sentFiles.TryGetValue(file.Id, out var messages) && messages.Any(m => SeesInChat(reader, m)));
        }
        finally
        {
            _gate.Release();
        }
    }

    // Under the gate: the connection whose resume token this is. Every token is compared, in constant time each.
    private MeetingConnection? ConnectionOfToken(string token)
    {
        var presented = Encoding.ASCII.GetBytes(token);
        MeetingConnection? found = null;
        foreach (var connection in _connections.Values)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(connection.ResumeToken), presented))
            {
                found = connection;
            }
        }
        return found;
    }

    // A file the sender uploaded in this live meeting, or null.
    private async Task<ChatFile?> UploadedFileAsync(string sender, Guid fileId)
    {
        var file = await _chatFiles.FindAsync(MeetingId, fileId);
        return file is not null && file.SessionId == SessionId && file.UploaderParticipantId == sender ? file : null;
    }

    // Under the gate, once a file message is stored.
    private void NoteSentFile(ChatMessage message)
    {
        if (message.Type != ChatMessageType.File || !ChatFileContent.TryRead(message.Text, out var file))
        {
            return;
        }
        if (!_sentFiles.TryGetValue(file.Id, out var messages))
        {
            _sentFiles[file.Id] = messages = [];
        }
        messages.Add(message);
    }
}
