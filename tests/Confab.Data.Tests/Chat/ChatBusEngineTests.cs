using Confab.Data.Tests.Engines;

namespace Confab.Data.Tests.Chat;

/// <summary>The chat bus over SQLite (the embedded database).</summary>
[RequiresRedis]
public sealed class ChatBusOnSqliteTests(RedisFixture redis, SqliteTestDatabase database)
    : ChatBusContract(redis, database), IClassFixture<RedisFixture>, IClassFixture<SqliteTestDatabase>;

/// <summary>The chat bus over PostgreSQL.</summary>
[RequiresRedis]
[RequiresPostgres]
public sealed class ChatBusOnPostgresTests(RedisFixture redis, PostgresTestDatabase database)
    : ChatBusContract(redis, database), IClassFixture<RedisFixture>, IClassFixture<PostgresTestDatabase>;
