using System.Net;
using Confab.LoadGen.Media;
using Confab.Rtc.Dtls;
using Confab.Rtc.Ice;
using Confab.Rtc.Rtp;
using Confab.Rtc.Stun;
using Confab.Rtc.Metrics;

namespace Confab.LoadGen.Tests.Media;

public class MediaPeerTests
{
    [Fact]
    public void Responder_answers_checks_from_a_controlled_peer_that_a_lite_agent_would_refuse()
    {
        IceCredentials ours = IceCredentials.Generate();
        IceCredentials theirs = IceCredentials.Generate();
        var checker = new IceControllingChecker(theirs, ours, 42);
        byte[] request = new byte[256];
        int length = checker.WriteBindingRequest(request, 1234, useCandidate: true, out StunTransactionId id);
        var source = TransportAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse("192.0.2.7"), 5000));
        byte[] response = new byte[IceLiteResponder.MaxSuccessResponseSize];

        int written = IceAgentResponder.Respond(request.AsSpan(0, length), source, ours, response, out bool useCandidate);
        Assert.True(written > 0);
        Assert.True(useCandidate);
        Assert.Equal(IceCheckStatus.Success, checker.ReadResponse(response.AsSpan(0, written), id, out TransportAddress mapped, out _, out _));
        Assert.Equal(source, mapped);

        // A request with the wrong password gets nothing.
        var wrongPassword = new IceCredentials(ours.Ufrag, IceCredentials.Generate().Password);
        var stranger = new IceControllingChecker(theirs, wrongPassword, 7);
        length = stranger.WriteBindingRequest(request, 1234, useCandidate: false, out _);
        Assert.Equal(0, IceAgentResponder.Respond(request.AsSpan(0, length), source, ours, response, out _));
    }

    [Fact]
    public async Task Two_peers_connect_over_loopback_and_count_every_probe()
    {
        DtlsCertificate certificate = DtlsCertificate.Generate();
        using var offerer = new MediaPeer(IPAddress.Loopback, certificate);
        using var answerer = new MediaPeer(IPAddress.Loopback, certificate);
        var delays = new LatencyHistogram();
        var stats = new StreamReceiveStats(delays);
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        const int Packets = 200;
        answerer.RtpReceived += (in RtpHeader header, ReadOnlySpan<byte> packet, long arrival) =>
        {
            Assert.True(ProbeTrailer.TryRead(packet.Slice(header.PayloadOffset, header.PayloadLength), out ulong counter, out long sent));
            stats.Record(counter, sent, arrival, packet.Length);
            if (stats.Received == Packets)
            {
                allArrived.TrySetResult();
            }
        };

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Task controlling = offerer.ConnectAsync(answerer.LocalCredentials, [answerer.LocalEndPoint], controlling: true, DtlsRole.Server,
            certificate.SdpFingerprint, timeout.Token);
        Task controlled = answerer.ConnectAsync(offerer.LocalCredentials, [offerer.LocalEndPoint], controlling: false, DtlsRole.Client,
            certificate.SdpFingerprint, timeout.Token);
        await Task.WhenAll(controlling, controlled);
        Assert.Equal(answerer.LocalEndPoint, offerer.RemoteEndPoint);
        Assert.Equal(offerer.LocalEndPoint, answerer.RemoteEndPoint);

        var writer = new SyntheticRtpWriter(1, 2, 111, 96, new SyntheticMediaOptions());
        byte[] buffer = new byte[1500];
        for (int i = 0; i < Packets; i++)
        {
            Assert.True(offerer.SendRtp(buffer, writer.WriteAudio(buffer)));
        }

        await allArrived.Task.WaitAsync(timeout.Token);
        Assert.Equal(Packets, stats.Expected);
        Assert.Equal(0, stats.Lost);
        Assert.Equal(0, answerer.UnprotectFailures);
        Assert.Equal(Packets, delays.Count);
    }
}
