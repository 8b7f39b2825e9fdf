namespace Confab.Rtc.Tests.Rtp;

/// <summary>Builds byte arrays from hex fragments, one fragment per wire field so each can carry a comment.</summary>
internal static class Hex
{
    public static byte[] Bytes(params string[] fields) => Convert.FromHexString(string.Concat(fields).Replace(" ", string.Empty, StringComparison.Ordinal));

    public static string Of(ReadOnlySpan<byte> data) => Convert.ToHexString(data).ToLowerInvariant();
}
