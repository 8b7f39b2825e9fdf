namespace Confab.Rtc.Stun;

/// <summary>
/// CRC-32 as used by FINGERPRINT (RFC 8489 §14.7, which points to ITU V.42 / ISO 3309):
/// reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF. Table driven,
/// one byte per step.
/// </summary>
public static class StunCrc32
{
    private const uint ReflectedPolynomial = 0xEDB88320;
    private static readonly uint[] Table = BuildTable();

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < table.Length; i++)
        {
            uint crc = i;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ ReflectedPolynomial : crc >> 1;
            }

            table[i] = crc;
        }

        return table;
    }

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint[] table = Table;
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc = table[(byte)(crc ^ b)] ^ (crc >> 8);
        }

        return ~crc;
    }
}
