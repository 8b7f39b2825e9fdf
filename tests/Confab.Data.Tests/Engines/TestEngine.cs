namespace Confab.Data.Tests.Engines;

/// <summary>
/// A real engine some tests need (Redis, PostgreSQL, …), found through an environment variable holding its
/// connection string. Unset: its tests are skipped — unless <c>CONFAB_REQUIRE_ENGINES=1</c>, where they fail
/// with <see cref="RequireConnectionString"/>'s message, so CI cannot pass by skipping.
/// </summary>
/// <param name="Name">The engine's name in messages.</param>
/// <param name="Variable">The environment variable holding the connection string.</param>
/// <param name="Example">An example value for messages.</param>
public sealed record TestEngine(string Name, string Variable, string Example)
{
    public const string RequireEnginesVariable = "CONFAB_REQUIRE_ENGINES";

    public static readonly TestEngine Redis = new("Redis", "CONFAB_TEST_REDIS", "127.0.0.1:6390");

    /// <summary>A PostgreSQL server the tests may create databases on (one per test class, dropped afterwards).</summary>
    public static readonly TestEngine Postgres = new("PostgreSQL", "CONFAB_TEST_POSTGRES", "Host=127.0.0.1;Port=5433;Username=postgres;Database=postgres");

    public static bool EnginesRequired => Environment.GetEnvironmentVariable(RequireEnginesVariable) == "1";

    /// <summary>The configured connection string, or null.</summary>
    public string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Why a test needing this engine is skipped; null when it runs (configured, or required).</summary>
    public string? SkipReason =>
        ConnectionString is not null || EnginesRequired
            ? null
            : $"{Name} is not configured: set {Variable} (e.g. {Example}) to run this test, "
              + $"or {RequireEnginesVariable}=1 to make a missing engine fail.";

    /// <summary>The failure message of a required engine that is not configured.</summary>
    public string MissingMessage =>
        $"{Name} is required ({RequireEnginesVariable}=1) but {Variable} is not set: "
        + $"set it to the {Name} to test against, e.g. {Variable}={Example}.";

    /// <summary>The connection string; throws with <see cref="MissingMessage"/> when it is not configured.</summary>
    public string RequireConnectionString() => ConnectionString ?? throw new InvalidOperationException(MissingMessage);
}
