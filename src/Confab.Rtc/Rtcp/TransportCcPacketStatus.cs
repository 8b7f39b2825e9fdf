namespace Confab.Rtc.Rtcp;

/// <summary>Packet status symbols of transport-cc feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.1).</summary>
public enum TransportCcSymbol : byte
{
    NotReceived = 0,

    /// <summary>Received; the receive delta takes one unsigned byte (0..63.75 ms).</summary>
    ReceivedSmallDelta = 1,

    /// <summary>Received; the receive delta takes two bytes, signed (−8192..8191.75 ms).</summary>
    ReceivedLargeDelta = 2,
}

/// <summary>
/// One reported packet: its transport-wide sequence number, whether it arrived, and its receive
/// delta in 250 µs ticks (from the previous received packet, or from the reference time for the first).
/// </summary>
public readonly record struct TransportCcPacketStatus(ushort SequenceNumber, TransportCcSymbol Symbol, short DeltaTicks)
{
    public const int MicrosecondsPerTick = 250;

    public bool Received => Symbol != TransportCcSymbol.NotReceived;

    public int DeltaMicroseconds => DeltaTicks * MicrosecondsPerTick;
}

/// <summary>A packet that arrived, for building feedback: its unwrapped transport-wide sequence number and arrival time.</summary>
public readonly record struct TransportCcArrival(long SequenceNumber, long ArrivalTimeMicroseconds);
