using System.Globalization;

namespace Confab.Rtc.Tests.Stun;

/// <summary>Hex tables with a comment per line ("// ...") to bytes.</summary>
internal static class TestHex
{
    public static byte[] Parse(string commentedHex)
    {
        var bytes = new List<byte>();
        foreach (string rawLine in commentedHex.Split('\n'))
        {
            int comment = rawLine.IndexOf("//", StringComparison.Ordinal);
            string line = comment >= 0 ? rawLine[..comment] : rawLine;
            foreach (string token in line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))
            {
                for (int i = 0; i < token.Length; i += 2)
                {
                    bytes.Add(byte.Parse(token.AsSpan(i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
        }

        return [.. bytes];
    }
}
