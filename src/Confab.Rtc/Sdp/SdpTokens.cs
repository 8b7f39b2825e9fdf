using System.Globalization;

namespace Confab.Rtc.Sdp;

/// <summary>Small lexical helpers shared by the SDP parsers (RFC 8866 §9 grammar).</summary>
internal static class SdpTokens
{
    /// <summary>Parses an unsigned decimal number made of ASCII digits only (no sign, no spaces).</summary>
    public static bool TryParseUInt32(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        return text.Length is > 0 and <= 10 && IsDigits(text)
            && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses an unsigned 64-bit decimal number made of ASCII digits only.</summary>
    public static bool TryParseUInt64(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        return text.Length is > 0 and <= 20 && IsDigits(text)
            && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses a decimal integer within [min, max].</summary>
    public static bool TryParseInRange(ReadOnlySpan<char> text, int min, int max, out int value)
    {
        value = 0;
        if (!TryParseUInt32(text, out uint parsed) || parsed < (uint)min || parsed > (uint)max)
        {
            return false;
        }
        value = (int)parsed;
        return true;
    }

    public static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// RFC 8866 §9: token-char = %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E.
    /// </summary>
    public static bool IsToken(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }
        foreach (char c in text)
        {
            bool ok = c == '!' || c is >= '#' and <= '\'' || c is '*' or '+' or '-' or '.'
                || c is >= '0' and <= '9' || c is >= 'A' and <= 'Z' || c is >= '^' and <= '~';
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A value with no space, control character or non-ASCII character (addresses, ids).</summary>
    public static bool IsVisibleAscii(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }
        foreach (char c in text)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>RFC 8839 §5.1: ice-char = ALPHA / DIGIT / "+" / "/".</summary>
    public static bool IsIceChars(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
            {
                return false;
            }
        }
        return true;
    }

    public static string[] SplitOnSpaces(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Splits "name:value" at the first colon; a missing colon gives a null value.</summary>
    public static (string Name, string? Value) SplitAttribute(string text)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (text, null) : (text[..colon], text[(colon + 1)..]);
    }

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Invariant(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
