using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Confab.Meetings.Chat;

/// <summary>
/// RFC 9562 §5.7 UUIDv7 ids, strictly increasing within this process (§6.2, method 2: within one millisecond — or when the clock
/// steps back — the 74 random bits of the previous id are incremented, carrying into the timestamp if they overflow). Their byte
/// order, their string order and <see cref="Guid.CompareTo(Guid)"/> agree, so ordering by id is ordering in time.
/// Thread-safe.
/// </summary>
public sealed class MonotonicUuidV7(TimeProvider time)
{
    private const ulong RandBMask = (1UL << 62) - 1;
    private const ushort RandAMask = (1 << 12) - 1;

    private readonly Lock _lock = new();
    private long _lastMillis = -1;
    private ushort _randA;
    private ulong _randB;

    public Guid Next()
    {
        long millis = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_lock)
        {
            if (millis > _lastMillis)
            {
                Span<byte> random = stackalloc byte[10];
                RandomNumberGenerator.Fill(random);
                _lastMillis = millis;
                // The top bit of each random field stays clear: room to count up within the millisecond.
                _randA = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(random) & (RandAMask >> 1));
                _randB = BinaryPrimitives.ReadUInt64BigEndian(random[2..]) & (RandBMask >> 1);
            }
            else if (_randB < RandBMask)
            {
                _randB++;
            }
            else if (_randA < RandAMask)
            {
                _randA++;
                _randB = 0;
            }
            else
            {
                _lastMillis++;
                _randA = 0;
                _randB = 0;
            }
            return Compose(_lastMillis, _randA, _randB);
        }
    }

    /// <summary>The UUIDv7 of a millisecond, a 12-bit and a 62-bit field (version 7, variant 10).</summary>
    internal static Guid Compose(long unixMillis, ushort randA, ulong randB)
    {
        Span<byte> bytes = stackalloc byte[16];
        ulong high = ((ulong)unixMillis << 16) | 0x7000UL | (ushort)(randA & RandAMask);
        ulong low = 0x8000_0000_0000_0000UL | (randB & RandBMask);
        BinaryPrimitives.WriteUInt64BigEndian(bytes, high);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], low);
        return new Guid(bytes, bigEndian: true);
    }
}
