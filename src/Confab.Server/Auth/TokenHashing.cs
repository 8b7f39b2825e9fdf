using System.Security.Cryptography;
using System.Text;

namespace Confab.Server.Auth;

/// <summary>SHA-256 (lower-case hex) of opaque tokens, which are stored and looked up only as hashes.</summary>
public static class TokenHashing
{
    public static string Sha256Hex(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
