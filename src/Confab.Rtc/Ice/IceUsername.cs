namespace Confab.Rtc.Ice;

/// <summary>
/// RFC 8445 §7.2.2: the USERNAME of a connectivity check is "receiverUfrag:senderUfrag".
/// </summary>
public static class IceUsername
{
    private const byte Separator = (byte)':';

    /// <summary>Splits at the first colon; false when there is none or either part is empty.</summary>
    public static bool TrySplit(ReadOnlySpan<byte> username, out ReadOnlySpan<byte> receiverUfrag, out ReadOnlySpan<byte> senderUfrag)
    {
        int colon = username.IndexOf(Separator);
        if (colon <= 0 || colon == username.Length - 1)
        {
            receiverUfrag = default;
            senderUfrag = default;
            return false;
        }

        receiverUfrag = username[..colon];
        senderUfrag = username[(colon + 1)..];
        return true;
    }

    /// <summary>Bytes of "receiverUfrag:senderUfrag" (built once per checker, not per packet).</summary>
    public static byte[] Build(ReadOnlySpan<byte> receiverUfrag, ReadOnlySpan<byte> senderUfrag)
    {
        var bytes = new byte[receiverUfrag.Length + 1 + senderUfrag.Length];
        receiverUfrag.CopyTo(bytes);
        bytes[receiverUfrag.Length] = Separator;
        senderUfrag.CopyTo(bytes.AsSpan(receiverUfrag.Length + 1));
        return bytes;
    }
}
