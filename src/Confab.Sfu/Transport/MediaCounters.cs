namespace Confab.Sfu.Transport;

/// <summary>
/// What a media worker counted. Written by the worker's thread only; read from anywhere (64-bit reads are atomic).
/// </summary>
public sealed class MediaCounters
{
    internal long DatagramsReceivedField;
    internal long RtpForwardedField;
    internal long DroppedUnknownSourceField;
    internal long DroppedMalformedField;
    internal long DroppedSrtpField;
    internal long DroppedUnknownSsrcField;
    internal long DroppedNotConnectedField;
    internal long StunAnsweredField;
    internal long StunDroppedField;
    internal long HandlerFaultsField;
    internal long SendsDroppedField;
    internal long SegmentedDatagramsField;
    internal long CoalescedDatagramsField;

    public long DatagramsReceived => Volatile.Read(ref DatagramsReceivedField);
    public long RtpForwarded => Volatile.Read(ref RtpForwardedField);
    public long DroppedUnknownSource => Volatile.Read(ref DroppedUnknownSourceField);
    public long DroppedMalformed => Volatile.Read(ref DroppedMalformedField);
    public long DroppedSrtp => Volatile.Read(ref DroppedSrtpField);
    public long DroppedUnknownSsrc => Volatile.Read(ref DroppedUnknownSsrcField);
    public long DroppedNotConnected => Volatile.Read(ref DroppedNotConnectedField);
    public long StunAnswered => Volatile.Read(ref StunAnsweredField);
    public long StunDropped => Volatile.Read(ref StunDroppedField);
    public long HandlerFaults => Volatile.Read(ref HandlerFaultsField);

    /// <summary>Datagrams the worker sent in a batch that the kernel refused (a copy of the socket's count, every tick).</summary>
    public long SendsDropped => Volatile.Read(ref SendsDroppedField);

    /// <summary>Datagrams the worker sent in runs to one address with UDP segmentation (the socket's count, every tick).</summary>
    public long SegmentedDatagrams => Volatile.Read(ref SegmentedDatagramsField);

    /// <summary>Datagrams that arrived coalesced by the kernel, several of one sender per message (the socket's count, every tick).</summary>
    public long CoalescedDatagrams => Volatile.Read(ref CoalescedDatagramsField);

    /// <summary>Every datagram the worker refused, whatever the reason.</summary>
    public long DroppedTotal => DroppedUnknownSource + DroppedMalformed + DroppedSrtp + DroppedUnknownSsrc + DroppedNotConnected + StunDropped;
}
