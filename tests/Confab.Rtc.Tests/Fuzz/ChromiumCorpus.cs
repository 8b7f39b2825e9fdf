namespace Confab.Rtc.Tests.Fuzz;

/// <summary>The datagrams captured from Chromium (see Corpus/README.md), by kind: "stun", "dtls", "rtp", "rtcp".</summary>
internal static class ChromiumCorpus
{
    public static IReadOnlyList<byte[]> Load(string kind)
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "Corpus", "Chromium");
        var files = Directory.GetFiles(directory, $"{kind}-*.bin").Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length > 0, $"no captured {kind} datagrams in {directory}");
        return files.Select(File.ReadAllBytes).ToArray();
    }

    /// <summary>One seeded mutation: flip a bit, replace a byte, truncate, append, or overwrite a length-like word.</summary>
    public static int Mutate(Random random, byte[] buffer, int length)
    {
        switch (random.Next(5))
        {
            case 0 when length > 0:
                buffer[random.Next(length)] ^= (byte)(1 << random.Next(8));
                return length;
            case 1 when length > 0:
                buffer[random.Next(length)] = (byte)random.Next(256);
                return length;
            case 2:
                return random.Next(0, length + 1);
            case 3:
                int extra = Math.Min(random.Next(1, 64), buffer.Length - length);
                random.NextBytes(buffer.AsSpan(length, extra));
                return length + extra;
            default:
                if (length >= 4)
                {
                    int word = random.Next(length / 4) * 4;
                    buffer[word + 2] = (byte)random.Next(256);
                    buffer[word + 3] = (byte)random.Next(256);
                }
                return length;
        }
    }
}
