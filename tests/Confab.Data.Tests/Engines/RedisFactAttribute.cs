namespace Confab.Data.Tests.Engines;

/// <summary>A fact that needs the Redis of <c>CONFAB_TEST_REDIS</c>; skipped or failed as <see cref="TestEngine"/> says.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        Skip = TestEngine.Redis.SkipReason;
    }
}
