using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confab.Client.Tests.Transport;
using Confab.Rtc.Codecs;
using Confab.Rtc.Dtls;
using Confab.Rtc.Sdp;
using Confab.Sfu.Routing;
using Confab.Sfu.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SfuMediaKind = Confab.Sfu.Routing.MediaKind;

namespace Confab.Client.Tests.Signaling;

/// <summary>
/// A stand-in for the server's /sfu/ws endpoint, for one participant, speaking the documented protocol
/// against a real media worker: welcome; publish-answer built by the SFU's AnswerBuilder with producers
/// bound by SSRC; then a subscribe offer that sends the participant its own media back (loopback), with
/// consumers added once the subscribe answer arrives. Records every message it received.
/// </summary>
internal sealed class ScriptedSignalingServer : IAsyncDisposable
{
    private const uint LoopbackAudioSsrc = 5001;
    private const uint LoopbackVideoSsrc = 5002;
    private const uint LoopbackRtxSsrc = 5003;

    private readonly SfuHarness _sfu = new();
    private readonly WebApplication _app;
    private readonly List<JsonObject> _received = [];
    private WebRtcTransport? _publish;
    private WebRtcTransport? _subscribe;
    private Producer? _audio;
    private Producer? _video;

    public ScriptedSignalingServer()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.UseWebSockets();
        _app.Map("/sfu/ws", async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
            await ServeAsync(socket);
        });
    }

    public const string PeerId = "p-self";

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<JsonObject> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public async Task StartAsync()
    {
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/sfu/ws");
    }

    private async Task ServeAsync(WebSocket socket)
    {
        var buffer = new byte[256 * 1024];
        while (socket.State == WebSocketState.Open)
        {
            int length = 0;
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), CancellationToken.None);
                length += result.Count;
            }
            while (!result.EndOfMessage);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                return;
            }
            var message = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, length))!.AsObject();
            lock (_received)
            {
                _received.Add(message);
            }
            foreach (JsonObject reply in await HandleAsync(message))
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(reply.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
    }

    private async Task<List<JsonObject>> HandleAsync(JsonObject message)
    {
        switch ((string?)message["type"])
        {
            case "join":
                return
                [
                    new JsonObject { ["type"] = "welcome", ["peerId"] = PeerId, ["peers"] = new JsonArray(new JsonObject { ["peerId"] = "p-early", ["name"] = "early" }) },
                    new JsonObject { ["type"] = "peer-joined", ["peerId"] = "p-late", ["name"] = "late" },
                    new JsonObject { ["type"] = "peer-left", ["peerId"] = "p-early" },
                ];
            case "publish-offer":
                return [await AnswerPublishAsync((string)message["sdp"]!), SubscribeOffer()];
            case "subscribe-answer":
                await ApplySubscribeAnswerAsync((string)message["sdp"]!);
                return [];
            default:
                return [new JsonObject { ["type"] = "error", ["code"] = "bad-message", ["message"] = "unknown type" }];
        }
    }

    private async Task<JsonObject> AnswerPublishAsync(string sdp)
    {
        Assert.True(SdpParser.TryParse(sdp, out SessionDescription? offer, out string? error), error);
        MediaWorker worker = _sfu.Worker;
        _publish = await worker.InvokeAsync(() => worker.CreateTransport("pub"));
        _subscribe = await worker.InvokeAsync(() => worker.CreateTransport("sub"));
        Assert.True(AnswerBuilder.TryBuild(offer, new AnswerOptions
        {
            IceUfrag = _publish.LocalIceCredentials.Ufrag,
            IcePwd = _publish.LocalIceCredentials.Password,
            Fingerprint = Fingerprint(_publish.LocalFingerprint),
            Candidates = [Candidate()],
        }, out SessionDescription? answer, out error), error);
        string clientFingerprint = offer.FingerprintFor(offer.Media[0])!.ToString();
        uint audioSsrc = offer.Media[0].SsrcAttributes[0].Ssrc;
        uint videoSsrc = offer.Media[1].SsrcGroups[0].Ssrcs[0];
        await worker.InvokeAsync(() =>
        {
            Router router = worker.GetOrCreateRouter("room");
            _audio = router.AddProducer(new ProducerOptions("a", SfuMediaKind.Audio, 48_000, 111, VideoCodec.Unknown, "0"), _publish);
            _video = router.AddProducer(new ProducerOptions("v", SfuMediaKind.Video, 90_000, 96, VideoCodec.Vp8, "1"), _publish);
            _publish.AddProducer(_audio, audioSsrc);
            _publish.AddProducer(_video, videoSsrc);
            _publish.Connect(DtlsRole.Server, clientFingerprint);
        });
        return new JsonObject { ["type"] = "publish-answer", ["sdp"] = SdpWriter.Write(answer) };
    }

    private JsonObject SubscribeOffer()
    {
        var offer = new SessionDescription { IceLite = true, MsidSemantic = new SdpMsidSemantic("WMS", ["*"]) };
        foreach (var (kind, mid, ssrc) in new[] { ("audio", "0", LoopbackAudioSsrc), ("video", "1", LoopbackVideoSsrc) })
        {
            var media = new MediaDescription
            {
                Media = kind, Mid = mid, Direction = MediaDirection.SendOnly, Port = _sfu.Worker.LocalEndPoint.Port,
                Connection = new SdpConnection("IN", "IP4", "127.0.0.1"),
                IceUfrag = _subscribe!.LocalIceCredentials.Ufrag, IcePwd = _subscribe.LocalIceCredentials.Password,
                Fingerprint = Fingerprint(_subscribe.LocalFingerprint), Setup = SdpSetupRole.ActPass, RtcpMux = true, RtcpReducedSize = true,
            };
            media.SetCodecs(kind == "audio" ? [KnownCodecs.Opus()] : [KnownCodecs.Vp8(), KnownCodecs.Rtx(97, 96)]);
            media.Msids.Add(new Msid(PeerId, kind));
            if (kind == "video")
            {
                media.SsrcGroups.Add(new SsrcGroup(SsrcGroup.FlowIdentification, [ssrc, LoopbackRtxSsrc]));
            }
            media.SsrcAttributes.Add(new SsrcAttribute(ssrc, "cname", "sfu"));
            offer.Media.Add(media);
        }
        offer.Media[0].Candidates.Add(Candidate());
        offer.Groups.Add(new SdpGroup(SdpGroup.Bundle, ["0", "1"]));
        return new JsonObject { ["type"] = "subscribe-offer", ["version"] = 1, ["sdp"] = SdpWriter.Write(offer) };
    }

    private async Task ApplySubscribeAnswerAsync(string sdp)
    {
        Assert.True(SdpParser.TryParse(sdp, out SessionDescription? answer, out string? error), error);
        string clientFingerprint = answer.FingerprintFor(answer.Media[0])!.ToString();
        MediaWorker worker = _sfu.Worker;
        await worker.InvokeAsync(() =>
        {
            Router router = worker.GetOrCreateRouter("room");
            _subscribe!.AddConsumer(router.Consume(_audio!, new ConsumerOptions("ca", LoopbackAudioSsrc, 111), _subscribe));
            _subscribe.AddConsumer(router.Consume(_video!, new ConsumerOptions("cv", LoopbackVideoSsrc, 96, LoopbackRtxSsrc, 97), _subscribe));
            _subscribe.Connect(DtlsRole.Server, clientFingerprint);
        });
    }

    private IceCandidate Candidate() => new()
    {
        Foundation = "1", Component = 1, Transport = "udp", Priority = 2_130_706_431,
        Address = IPAddress.Loopback.ToString(), Port = _sfu.Worker.LocalEndPoint.Port, Type = "host",
    };

    private static SdpFingerprint Fingerprint(string text) =>
        SdpFingerprint.TryParse(text, out SdpFingerprint? parsed, out _) ? parsed! : throw new InvalidOperationException(text);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _sfu.Dispose();
    }
}
