using System.Security.Cryptography;
using System.Text;
using Confab.Server.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Confab.Server.Auth;

/// <summary>
/// The HMAC-SHA256 key that signs access tokens: <c>Confab:Jwt:SigningKey</c> when configured (base64 of at
/// least 32 bytes, or text of at least 32 characters), else a 256-bit key generated on first start and kept
/// in <c>&lt;DataDir&gt;/jwt-signing.key</c> (mode 600) so tokens survive restarts.
/// </summary>
public sealed class JwtSigningKey
{
    public const string FileName = "jwt-signing.key";
    public const int KeyBytes = 32;

    public JwtSigningKey(ConfabSettings settings)
    {
        var bytes = settings.JwtSigningKey is { } configured ? FromConfigured(configured) : LoadOrCreate(settings.DataDir);
        Key = new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexString(SHA256.HashData(bytes))[..16] };
    }

    public SymmetricSecurityKey Key { get; }

    private static byte[] FromConfigured(string configured)
    {
        var buffer = new byte[configured.Length];
        if (Convert.TryFromBase64String(configured, buffer, out var written) && written >= KeyBytes)
        {
            return buffer[..written];
        }
        var text = Encoding.UTF8.GetBytes(configured);
        if (text.Length < KeyBytes)
        {
            throw new InvalidOperationException($"Confab:Jwt:SigningKey must hold at least {KeyBytes} bytes (256 bits).");
        }
        return text;
    }

    private static byte[] LoadOrCreate(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        var path = Path.Combine(dataDir, FileName);
        if (File.Exists(path))
        {
            return ReadKeyFile(path);
        }
        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var stream = new FileStream(path, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(Convert.ToBase64String(key));
            }
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            return ReadKeyFile(path);
        }
    }

    private static byte[] ReadKeyFile(string path)
    {
        var text = File.ReadAllText(path).Trim();
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written < KeyBytes)
        {
            throw new InvalidOperationException($"The signing key file {path} is not base64 of at least {KeyBytes} bytes.");
        }
        return buffer[..written];
    }
}
