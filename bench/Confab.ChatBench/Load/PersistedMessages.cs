using Npgsql;

namespace Confab.ChatBench.Load;

/// <summary>The chat rows PostgreSQL holds for a meeting (table <c>chat_messages</c>, docs/signaling.md, Stored).</summary>
internal static class PersistedMessages
{
    public static async Task<long> CountAsync(string connectionString, string meetingId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM chat_messages WHERE meeting_id = @meeting", connection);
        count.Parameters.AddWithValue("meeting", meetingId);
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }
}
