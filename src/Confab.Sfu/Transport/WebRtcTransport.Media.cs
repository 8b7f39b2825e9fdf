using Confab.Rtc.Rtp;
using Confab.Rtc.Srtp;
using Confab.Sfu.Routing;

namespace Confab.Sfu.Transport;

/// <summary>The per-packet path of a transport: receive → unprotect → route, and protect → send.</summary>
public sealed partial class WebRtcTransport
{
    private const int MaxMidLength = 16;
    private const int MaxRidLength = 16;

    internal void OnRtp(Span<byte> datagram, long nowMs, Span<byte> scratch)
    {
        MediaCounters counters = _worker.Counters;
        if (!TryUnprotect(datagram, rtcp: false, out int plainLength))
        {
            return;
        }
        ReadOnlySpan<byte> packet = datagram[..plainLength];
        _worker.Capture?.Write("rtp", packet);
        if (!RtpHeader.TryRead(packet, out RtpHeader header))
        {
            counters.DroppedMalformedField++;
            return;
        }
        if (!_producersBySsrc.TryGetValue(header.Ssrc, out Producer? producer) && !TryBindByMid(packet, header, out producer))
        {
            counters.DroppedUnknownSsrcField++;
            return;
        }
        counters.RtpForwardedField++;
        producer.OnRtp(packet, header, nowMs, scratch);
    }

    /// <summary>Unprotects an SRTP or SRTCP datagram in place; counts why when it cannot (not connected yet, or SRTP refused it).</summary>
    private bool TryUnprotect(Span<byte> datagram, bool rtcp, out int plainLength)
    {
        plainLength = 0;
        if (_srtpIn is null)
        {
            _worker.Counters.DroppedNotConnectedField++;
            return false;
        }
        bool unprotected = rtcp
            ? _srtpIn.TryUnprotectRtcp(datagram, datagram.Length, out plainLength)
            : _srtpIn.TryUnprotectRtp(datagram, datagram.Length, out plainLength);
        if (!unprotected)
        {
            _worker.Counters.DroppedSrtpField++;
        }
        return unprotected;
    }

    /// <summary>IRtpSink: protect in place and send to the selected address.</summary>
    public void SendRtp(Span<byte> buffer, int length)
    {
        if (_srtpOut is null || State != TransportState.Connected || Ice.SelectedSocketAddress is not { } address)
        {
            return;
        }
        if (_srtpOut.TryProtectRtp(buffer, length, out int protectedLength))
        {
            _worker.Socket.Send(buffer[..protectedLength], address);
        }
    }

    /// <summary>Protects and sends an RTCP compound packet written at the start of <paramref name="buffer"/>.</summary>
    internal void SendRtcp(Span<byte> buffer, int length)
    {
        if (_srtpOut is null || State != TransportState.Connected || Ice.SelectedSocketAddress is not { } address)
        {
            return;
        }
        if (_srtpOut.TryProtectRtcp(buffer, length, out int protectedLength))
        {
            _worker.Socket.Send(buffer[..protectedLength], address);
        }
    }

    // RFC 8843 §15 and RFC 8852 §3: the first packets of a stream whose SSRC the SDP did not give carry the mid,
    // and, for a simulcast layer, the rid. The layer (or track) is bound to the SSRC once; lookups use spans.
    private bool TryBindByMid(ReadOnlySpan<byte> packet, in RtpHeader header, out Producer producer)
    {
        producer = null!;
        if (MidExtensionId == 0 || !header.HasExtension
            || !RtpHeaderExtensions.TryFind(packet, header, MidExtensionId, out ReadOnlySpan<byte> midValue)
            || midValue.Length is 0 or > MaxMidLength)
        {
            return false;
        }
        Span<char> key = stackalloc char[MaxMidLength + 1 + MaxRidLength];
        int length = Ascii(midValue, key);
        Producer? found;
        if (RidExtensionId != 0
            && RtpHeaderExtensions.TryFind(packet, header, RidExtensionId, out ReadOnlySpan<byte> ridValue)
            && ridValue.Length is > 0 and <= MaxRidLength)
        {
            key[length++] = ' ';
            length += Ascii(ridValue, key[length..]);
            _producersByMidAndRidSpan.TryGetValue(key[..length], out found);
        }
        else
        {
            _producersByMidSpan.TryGetValue(key[..length], out found);
        }
        if (found is null || found.Ssrc != 0 || found.IsClosed)
        {
            return false;
        }
        found.Ssrc = header.Ssrc;
        _producersBySsrc[header.Ssrc] = found;
        producer = found;
        return true;
    }

    private static int Ascii(ReadOnlySpan<byte> value, Span<char> destination)
    {
        for (int i = 0; i < value.Length; i++)
        {
            destination[i] = (char)value[i];
        }
        return value.Length;
    }
}
