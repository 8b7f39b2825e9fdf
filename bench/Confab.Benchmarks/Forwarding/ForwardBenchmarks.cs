using BenchmarkDotNet.Attributes;
using Confab.Rtc.Codecs;
using Confab.Rtc.Rtp;
using Confab.Rtc.Srtp;
using Confab.Sfu.Routing;

namespace Confab.Benchmarks.Forwarding;

/// <summary>
/// The SFU's per-packet forward step for one subscriber: route (producer → consumer), rewrite (SSRC, sequence
/// number, timestamp into the consumer's numbering, header written, payload copied) and SRTP protect
/// (AEAD-AES-128-GCM, what Chromium negotiates with Confab). The socket send is left out: the load benchmark
/// measures the whole path with it.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
public class ForwardBenchmarks
{
    private const int PayloadLength = 1200;
    private const uint PublisherSsrc = 0x5151_5151;

    private readonly byte[] _packet = new byte[RtpHeader.FixedHeaderLength + PayloadLength];
    private readonly byte[] _scratch = GC.AllocateArray<byte>(2048, pinned: true);
    private Producer _producer = null!;
    private ProtectingSink _sink = null!;
    private ushort _sequence;
    private uint _timestamp;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(12345);
        random.NextBytes(_packet);
        RtpHeaderWriter.TryWrite(_packet, new RtpHeaderFields(96, 0, 0, PublisherSsrc), [], out int headerLength);
        _packet[headerLength] = 0x10;     // VP8 descriptor: S=1, PID=0
        _packet[headerLength + 1] = 0x00; // key frame, so the consumer starts at once

        var key = new byte[16];
        var salt = new byte[12];
        random.NextBytes(key);
        random.NextBytes(salt);
        _sink = new ProtectingSink(SrtpContext.Create(SrtpProfile.AeadAes128Gcm, key, salt));

        var router = new Router("bench");
        _producer = router.AddProducer(new ProducerOptions("video", MediaKind.Video, 90_000, 96, VideoCodec.Vp8), new NoKeyFrameRequests());
        _producer.Ssrc = PublisherSsrc;
        router.Consume(_producer, new ConsumerOptions("c", 0xC0C0_C0C0, 96), _sink);
    }

    [Benchmark]
    public void RouteRewriteProtect()
    {
        RtpPacketWriter.SetSequenceNumber(_packet, _sequence++);
        RtpPacketWriter.SetTimestamp(_packet, _timestamp += 3000);
        RtpHeader.TryRead(_packet, out RtpHeader header);
        _producer.OnRtp(_packet, header, 0, _scratch);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_sink.Sent == 0)
        {
            throw new InvalidOperationException("Nothing was forwarded: the benchmark measured nothing.");
        }
    }

    private sealed class ProtectingSink(SrtpContext srtp) : IRtpSink
    {
        public long Sent { get; private set; }

        public void SendRtp(Span<byte> buffer, int length)
        {
            if (srtp.TryProtectRtp(buffer, length, out _))
            {
                Sent++;
            }
        }
    }

    private sealed class NoKeyFrameRequests : IKeyFrameRequester
    {
        public void RequestKeyFrame(uint mediaSsrc)
        {
        }
    }
}
