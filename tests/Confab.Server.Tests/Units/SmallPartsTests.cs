using Confab.Server.Api;
using Confab.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace Confab.Server.Tests.Units;

public sealed class SmallPartsTests
{
    [Theory]
    [InlineData(null, "body")]
    [InlineData("$", "body")]
    [InlineData("$.duration", "duration")]
    [InlineData("$.recurrence.weekly_days", "recurrence.weekly_days")]
    [InlineData("$.settings[0]", "settings[0]")]
    public void Json_paths_become_field_names(string? path, string field) => Assert.Equal(field, JsonBody.FieldOf(path));

    private static ConfabSettings Settings(params (string Key, string Value)[] values) =>
        ConfabSettings.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void Settings_default_to_sqlite_under_data()
    {
        var settings = Settings();
        Assert.Equal(Path.GetFullPath("./data"), settings.DataDir);
        Assert.Equal(Data.Database.DatabaseProvider.Sqlite, settings.DatabaseProvider);
        Assert.Equal($"Data Source={Path.Combine(Path.GetFullPath("./data"), "confab.db")}", settings.DatabaseConnectionString);
        Assert.Equal(TimeSpan.FromMinutes(60), settings.AccessTokenLifetime);
        Assert.Null(settings.RedisConnectionString);
    }

    [Fact]
    public void Settings_read_postgres_redis_and_lifetimes()
    {
        var settings = Settings(
            ("Confab:Database:Provider", "postgres"),
            ("Confab:Database:ConnectionString", "Host=db;Database=confab"),
            ("Confab:Redis:ConnectionString", "cache:6379"),
            ("Confab:Jwt:AccessTokenMinutes", "5"),
            ("Confab:PublicBaseUrl", "https://meet.example.com/"));
        Assert.Equal(Data.Database.DatabaseProvider.Postgres, settings.DatabaseProvider);
        Assert.Equal("Host=db;Database=confab", settings.DatabaseConnectionString);
        Assert.Equal("cache:6379", settings.RedisConnectionString);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.AccessTokenLifetime);
        Assert.Equal("https://meet.example.com", settings.PublicBaseUrl);
    }

    [Theory]
    [InlineData("Confab:Database:Provider", "oracle", "Confab:Database:Provider")]
    [InlineData("Confab:Jwt:AccessTokenMinutes", "-1", "Confab:Jwt:AccessTokenMinutes")]
    [InlineData("Confab:Jwt:AccessTokenMinutes", "soon", "Confab:Jwt:AccessTokenMinutes")]
    public void Wrong_settings_stop_the_start_naming_the_key(string key, string value, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Settings((key, value)));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Settings(("Confab:Database:Provider", "postgres")));
        Assert.Contains("Confab:Database:ConnectionString", error.Message, StringComparison.Ordinal);
    }
}
