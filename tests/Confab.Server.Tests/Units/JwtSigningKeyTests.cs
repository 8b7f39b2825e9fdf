using Confab.Data.Database;
using Confab.Server.Auth;
using Confab.Server.Hosting;

namespace Confab.Server.Tests.Units;

public sealed class JwtSigningKeyTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "confab-tests", Guid.NewGuid().ToString("N"));

    private ConfabSettings Settings(string? key) => new(_dir, null, DatabaseProvider.Sqlite, "Data Source=x", null, key,
        TimeSpan.FromHours(1), TimeSpan.FromDays(30), new LoginThrottleSettings(5, 20, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15)));

    [Fact]
    public void A_generated_key_is_256_bits_kept_in_the_data_dir_and_reused()
    {
        var first = new JwtSigningKey(Settings(null));
        var second = new JwtSigningKey(Settings(null));
        Assert.Equal(32, first.Key.Key.Length);
        Assert.Equal(first.Key.Key, second.Key.Key);
        var file = Path.Combine(_dir, JwtSigningKey.FileName);
        Assert.Equal(first.Key.Key, Convert.FromBase64String(File.ReadAllText(file)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public void A_configured_key_is_used_and_no_file_is_written()
    {
        var configured = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var key = new JwtSigningKey(Settings(configured));
        Assert.Equal(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), key.Key.Key);
        Assert.False(File.Exists(Path.Combine(_dir, JwtSigningKey.FileName)));
    }

    [Fact]
    public void A_configured_key_shorter_than_256_bits_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new JwtSigningKey(Settings("short-key")));
        Assert.Contains("Confab:Jwt:SigningKey", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
