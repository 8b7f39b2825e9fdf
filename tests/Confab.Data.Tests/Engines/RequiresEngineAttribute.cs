namespace Confab.Data.Tests.Engines;

/// <summary>
/// Marks a test class whose <see cref="EngineFactAttribute"/> tests need a real engine — typically the
/// engine-backed subclass of a contract test class shared with an in-memory implementation.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public abstract class RequiresEngineAttribute : Attribute
{
    public abstract TestEngine Engine { get; }
}

/// <summary>The class's tests need the Redis of <c>CONFAB_TEST_REDIS</c>.</summary>
public sealed class RequiresRedisAttribute : RequiresEngineAttribute
{
    public override TestEngine Engine => TestEngine.Redis;
}

/// <summary>The class's tests need the PostgreSQL of <c>CONFAB_TEST_POSTGRES</c>.</summary>
public sealed class RequiresPostgresAttribute : RequiresEngineAttribute
{
    public override TestEngine Engine => TestEngine.Postgres;
}
