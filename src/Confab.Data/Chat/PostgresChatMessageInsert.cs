using Confab.Data.Model;
using Npgsql;
using NpgsqlTypes;

namespace Confab.Data.Chat;

/// <summary>
/// A batch of chat messages into <c>chat_messages</c> on PostgreSQL in one statement, one round trip: each column travels as
/// one array parameter and <c>unnest</c> turns the arrays back into rows, so the SQL is the same for 1 or 500 messages and
/// no value is ever spliced into it. <c>ON CONFLICT … DO NOTHING</c> skips a row whose (meeting, sender, client id) is already
/// taken — by an earlier delivery of the same bus entry, or by a persister running concurrently; a message keeps its id
/// wherever it is stored again, so that one unique index is the only one checked before the insert (checking the primary key
/// too cost another index descent per row). The join on <c>meetings</c> skips messages of a meeting that is not in the
/// database (the table has no foreign key to it), and the left join on <c>users</c> stores a deleted sender account as
/// null, so its foreign key cannot fail the batch.
/// </summary>
internal static class PostgresChatMessageInsert
{
    private const string Sql = """
        INSERT INTO chat_messages (meeting_id, message_id, sender_participant_id, sender_user_id, sender_name,
            recipient_participant_id, to_hosts, content, message_type, reacts_to, client_id, created_at, breakout_room_id)
        SELECT v.meeting_id, v.message_id, v.sender_participant_id, u.user_id, v.sender_name,
            v.recipient_participant_id, v.to_hosts, v.content, v.message_type, v.reacts_to, v.client_id, v.created_at, v.breakout_room_id
        FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            AS v(meeting_id, message_id, sender_participant_id, sender_user_id, sender_name,
                recipient_participant_id, to_hosts, content, message_type, reacts_to, client_id, created_at, breakout_room_id)
        JOIN meetings m ON m.meeting_id = v.meeting_id
        LEFT JOIN users u ON u.user_id = v.sender_user_id
        ON CONFLICT (meeting_id, sender_participant_id, client_id) DO NOTHING
        """;

    /// <summary>
    /// Inserts the rows not there yet; returns how many were inserted. Written without a context: a context built per batch
    /// cost the server more than the statement's own work (its services are resolved anew each time), and positional
    /// parameters spare Npgsql rewriting the SQL. The statement is prepared: PostgreSQL keeps it on each pooled connection, so
    /// a busy chat's batches skip parsing and planning (about 2 ms a batch, more than the rows' own insert costs for small
    /// batches).
    /// </summary>
    public static async Task<int> InsertNewAsync(string connectionString, IReadOnlyList<ChatMessageRecord> rows, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddRange(Parameters(rows));
        await command.PrepareAsync(cancellationToken);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // In the order of the statement's $1 … $13.
    private static NpgsqlParameter[] Parameters(IReadOnlyList<ChatMessageRecord> rows) =>
        [
            Text(rows.Select(r => r.MeetingId)),
            Uuid(rows.Select(r => (Guid?)r.MessageId)),
            Text(rows.Select(r => r.SenderParticipantId)),
            Uuid(rows.Select(r => r.SenderUserId)),
            Text(rows.Select(r => r.SenderName)),
            Text(rows.Select(r => r.RecipientParticipantId)),
            Column(NpgsqlDbType.Boolean, rows.Select(r => r.ToHosts).ToArray()),
            Text(rows.Select(r => r.Content)),
            Text(rows.Select(r => r.MessageType)),
            Uuid(rows.Select(r => r.ReactsTo)),
            Text(rows.Select(r => r.ClientId)),
            Column(NpgsqlDbType.TimestampTz, rows.Select(r => DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc)).ToArray()),
            Text(rows.Select(r => r.BreakoutRoomId)),
        ];

    private static NpgsqlParameter Text(IEnumerable<string?> values) => Column(NpgsqlDbType.Text, values.ToArray());

    private static NpgsqlParameter Uuid(IEnumerable<Guid?> values) => Column(NpgsqlDbType.Uuid, values.ToArray());

    private static NpgsqlParameter Column(NpgsqlDbType elementType, Array values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | elementType, Value = values };
}
