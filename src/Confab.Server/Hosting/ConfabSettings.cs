using System.Globalization;
using Confab.Data.Database;
using Microsoft.Extensions.Configuration;

namespace Confab.Server.Hosting;

/// <summary>
/// The server's configuration, read from the <c>Confab</c> section (environment: <c>Confab__DataDir</c> etc.).
/// Every key is listed in the README's configuration section.
/// </summary>
public sealed record ConfabSettings(
    string DataDir,
    string? PublicBaseUrl,
    DatabaseProvider DatabaseProvider,
    string DatabaseConnectionString,
    string? RedisConnectionString,
    string? JwtSigningKey,
    TimeSpan AccessTokenLifetime,
    TimeSpan RefreshTokenLifetime,
    LoginThrottleSettings LoginThrottle)
{
    public const string DefaultDataDir = "./data";
    public const int DefaultAccessTokenMinutes = 60;
    public const int DefaultRefreshTokenDays = 30;
    public const string SqliteFileName = "confab.db";

    /// <summary>Reads and checks the settings; a wrong value stops the start with a message naming the key.</summary>
    public static ConfabSettings FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Confab");
        var dataDir = Path.GetFullPath(NonEmpty(section["DataDir"]) ?? DefaultDataDir);
        var providerName = section["Database:Provider"];
        if (!DatabaseServiceCollectionExtensions.TryParseProvider(providerName, out var provider))
        {
            throw new InvalidOperationException(
                $"Confab:Database:Provider is '{providerName}'; use 'sqlite' (default) or 'postgres'.");
        }
        var connectionString = NonEmpty(section["Database:ConnectionString"]);
        if (provider == DatabaseProvider.Postgres && connectionString is null)
        {
            throw new InvalidOperationException(
                "Confab:Database:Provider is 'postgres' but Confab:Database:ConnectionString is not set.");
        }
        connectionString ??= $"Data Source={Path.Combine(dataDir, SqliteFileName)}";

        return new ConfabSettings(
            dataDir,
            NonEmpty(section["PublicBaseUrl"])?.TrimEnd('/'),
            provider,
            connectionString,
            NonEmpty(section["Redis:ConnectionString"]),
            NonEmpty(section["Jwt:SigningKey"]),
            TimeSpan.FromMinutes(PositiveInt(section, "Jwt:AccessTokenMinutes", DefaultAccessTokenMinutes)),
            TimeSpan.FromDays(PositiveInt(section, "Jwt:RefreshTokenDays", DefaultRefreshTokenDays)),
            LoginThrottleSettings.FromConfiguration(section.GetSection("LoginThrottle")));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static int PositiveInt(IConfiguration section, string key, int fallback)
    {
        var raw = section[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new InvalidOperationException($"Confab:{key} must be a positive whole number, not '{raw}'.");
        }
        return value;
    }
}

/// <summary>
/// Login throttling: after <see cref="MaxFailuresPerAccount"/> failed logins for one e-mail address, or
/// <see cref="MaxFailuresPerClient"/> from one client IP, within <see cref="Window"/>, further attempts get
/// 429 until <see cref="Lockout"/> has passed since the last failure.
/// </summary>
public sealed record LoginThrottleSettings(int MaxFailuresPerAccount, int MaxFailuresPerClient, TimeSpan Window, TimeSpan Lockout)
{
    public static LoginThrottleSettings FromConfiguration(IConfiguration section) => new(
        ConfabSettings.PositiveInt(section, "MaxFailuresPerAccount", 5),
        ConfabSettings.PositiveInt(section, "MaxFailuresPerClient", 20),
        TimeSpan.FromMinutes(ConfabSettings.PositiveInt(section, "WindowMinutes", 15)),
        TimeSpan.FromMinutes(ConfabSettings.PositiveInt(section, "LockoutMinutes", 15)));
}
