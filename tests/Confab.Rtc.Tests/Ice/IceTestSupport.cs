using System.Net;
using Confab.Rtc.Ice;
using Confab.Rtc.Stun;

namespace Confab.Rtc.Tests.Ice;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long _ticks = TimeSpan.TicksPerDay;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}

/// <summary>Builds browser-like connectivity checks with every part switchable, independent of the checker.</summary>
internal sealed record CheckBuilder(string Username, string Password)
{
    public uint? Priority { get; init; } = 0x6E0001FF;

    public ulong? IceControlling { get; init; } = 0x1122334455667788;

    public ulong? IceControlled { get; init; }

    public bool UseCandidate { get; init; }

    public bool Integrity { get; init; } = true;

    public bool Fingerprint { get; init; } = true;

    public bool IncludeUsername { get; init; } = true;

    public ushort? ExtraAttribute { get; init; }

    public int SoftwarePadding { get; init; }

    public StunMessageType Type { get; init; } = StunMessageType.BindingRequest;

    public byte[] TransactionId { get; init; } = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

    public byte[] Build()
    {
        var buffer = new byte[1024];
        var writer = new StunMessageWriter(buffer, Type, TransactionId);
        if (SoftwarePadding > 0)
        {
            writer.TryAddAttribute(StunAttributeType.Software, new byte[SoftwarePadding]);
        }

        if (IncludeUsername)
        {
            writer.TryAddAttribute(StunAttributeType.Username, System.Text.Encoding.ASCII.GetBytes(Username));
        }

        if (Priority is uint priority)
        {
            writer.TryAddUInt32(StunAttributeType.Priority, priority);
        }

        if (IceControlling is ulong controlling)
        {
            writer.TryAddUInt64(StunAttributeType.IceControlling, controlling);
        }

        if (IceControlled is ulong controlled)
        {
            writer.TryAddUInt64(StunAttributeType.IceControlled, controlled);
        }

        if (UseCandidate)
        {
            writer.TryAddFlag(StunAttributeType.UseCandidate);
        }

        if (ExtraAttribute is ushort extra)
        {
            writer.TryAddAttribute(extra, [0xAB]);
        }

        if (Integrity)
        {
            writer.TryAddMessageIntegrity(System.Text.Encoding.ASCII.GetBytes(Password));
        }

        if (Fingerprint)
        {
            writer.TryAddFingerprint();
        }

        return writer.Written.ToArray();
    }
}

internal static class IceTestData
{
    public static readonly IceCredentials Server = new("srvU", "serverpasswordserverpw1");
    public static readonly IceCredentials Browser = new("brwU", "browserpasswordbrowser1");
    public static readonly IPEndPoint BrowserWifi = new(IPAddress.Parse("198.51.100.7"), 50000);
    public static readonly IPEndPoint BrowserLte = new(IPAddress.Parse("2001:db8::77"), 61000);

    public static CheckBuilder Check(IceCredentials local, IceCredentials remote) => new($"{local.Ufrag}:{remote.Ufrag}", local.Password);

    public static CheckBuilder ValidCheck => Check(Server, Browser);
}
