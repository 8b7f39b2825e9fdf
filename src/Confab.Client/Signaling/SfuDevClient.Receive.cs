using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Confab.Client.Sdp;
using Confab.Client.Transport;
using Confab.Rtc.Sdp;

namespace Confab.Client.Signaling;

/// <summary>The receive loop: one message at a time, in order, dispatched by `type`.</summary>
public sealed partial class SfuDevClient
{
    private async Task ReceiveLoopAsync(ClientWebSocket socket)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxMessageBytes);
        Exception? ended = null;
        try
        {
            while (!_stopping.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                int length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == MaxMessageBytes)
                    {
                        throw new InvalidOperationException($"A signaling message exceeds {MaxMessageBytes} bytes.");
                    }
                    result = await socket.ReceiveAsync(buffer.AsMemory(length, MaxMessageBytes - length), _stopping.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }
                    length += result.Count;
                }
                while (!result.EndOfMessage);
                await DispatchAsync(buffer.AsMemory(0, length)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or InvalidOperationException)
        {
            ended = e;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            var closed = new InvalidOperationException("The signaling connection ended.", ended);
            _welcome?.TrySetException(closed);
            _joined?.TrySetException(closed);
            _resumed?.TrySetException(closed);
            _publishAnswer?.TrySetException(closed);
        }
    }

    private async Task DispatchAsync(ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            MalformedMessages++;
            return;
        }
        using var owned = document;
        JsonElement message = document.RootElement;
        if (message.ValueKind != JsonValueKind.Object)
        {
            MalformedMessages++;
            return;
        }
        string? messageType = SignalingMessages.GetString(message, "type");
        if (messageType is "joined" or "resumed" or "meeting-state" or "event")
        {
            OnMeetingMessage(messageType, message);
            return;
        }
        switch (messageType)
        {
            case "welcome" when SignalingMessages.ReadWelcome(message) is { } welcome:
                OnWelcome(welcome);
                break;
            case "publish-answer" when SignalingMessages.GetString(message, "sdp") is { } sdp:
                _publishAnswer?.TrySetResult(sdp);
                break;
            case "subscribe-offer" when SignalingMessages.GetString(message, "sdp") is { } sdp
                && SignalingMessages.GetInt64(message, "version") is { } version:
                await AnswerSubscribeOfferAsync(version, sdp, SignalingMessages.ReadTracks(message)).ConfigureAwait(false);
                break;
            case "peer-joined" when SignalingMessages.GetString(message, "peerId") is { } peerId:
                string name = SignalingMessages.GetString(message, "name") ?? "";
                lock (_gate)
                {
                    _peers[peerId] = name;
                }
                PeerJoined?.Invoke(peerId, name);
                break;
            case "peer-left" when SignalingMessages.GetString(message, "peerId") is { } peerId:
                lock (_gate)
                {
                    _peers.Remove(peerId);
                }
                PeerLeft?.Invoke(peerId);
                break;
            case "video-selected":
                _videoSelected?.TrySetResult(new VideoSelection(
                    SignalingMessages.GetStrings(message, "peers"), SignalingMessages.GetStrings(message, "unknown"),
                    SignalingMessages.GetStrings(message, "screens")));
                break;
            case "error":
                var error = new SignalingException(SignalingMessages.GetString(message, "code") ?? "unknown", SignalingMessages.GetString(message, "message") ?? "");
                ErrorReceived?.Invoke(error);
                _resumed?.TrySetException(error);
                if (PeerId is null)
                {
                    _joined?.TrySetException(error);
                    if (_joined is null)
                    {
                        _welcome?.TrySetException(error);
                    }
                }
                else
                {
                    _publishAnswer?.TrySetException(error);
                    _videoSelected?.TrySetException(error);
                }
                break;
        }
    }

    private async Task AnswerSubscribeOfferAsync(long version, string sdp, IReadOnlyList<SubscribeTrack> tracks)
    {
        if (!SdpParser.TryParse(sdp, out SessionDescription? offer, out string? error)
            || !RemoteTransport.TryRead(offer, remoteIsOffer: true, _options.CandidatePreference, out RemoteTransport? remote, out error))
        {
            SubscribeFailure = $"subscribe offer {version}: {error}";
            return;
        }
        lock (_gate)
        {
            _subscribeOffer = offer;
            _subscribeTracks = tracks;
        }
        ClientPeerConnection connection = _subscribe ??= new ClientPeerConnection(_options.Connection);
        connection.Incoming.Configure(offer);
        // RFC 8839 §4.4.1.1.1: an offer with new ICE credentials restarts ICE, and the answer then has new ones too.
        bool iceRestart = connection.Remote is { } current
            && (!string.Equals(current.Ice.Ufrag, remote!.Ice.Ufrag, StringComparison.Ordinal)
                || !string.Equals(current.Ice.Password, remote.Ice.Password, StringComparison.Ordinal));
        if (iceRestart)
        {
            connection.RestartLocalIce();
        }
        SessionDescription answer = ClientSdp.BuildSubscribeAnswer(
            offer, connection.LocalIce.Ufrag, connection.LocalIce.Password, connection.LocalFingerprint, sessionVersion: (ulong)Math.Max(1, version));
        string answerText = SdpWriter.Write(answer);
        await SendAsync(SignalingMessages.SubscribeAnswer(version, answerText), _stopping.Token).ConfigureAwait(false);
        LastSubscribeAnswer = (version, answerText);
        SubscribeOffersAnswered++;
        try
        {
            // The first offer starts ICE; later ones keep the transport, or restart its ICE when the credentials changed.
            Task connect = ObserveAsync(iceRestart
                ? connection.RestartIceAsync(remote!, _stopping.Token)
                : connection.ConnectAsync(remote!, _stopping.Token));
            _subscribeConnect ??= connect;
        }
        catch (InvalidOperationException e)
        {
            SubscribeFailure = e.Message;
        }
    }

    // Who is in the room now: a welcome after a resume is the whole picture, so peers missing from it left meanwhile.
    // A welcome without iceRestart while we hold peer connections means the server's media peer is new: so are ours.
    private void OnWelcome(WelcomeInfo welcome)
    {
        if (!welcome.IceRestart && (_publish is not null || _subscribe is not null))
        {
            ResetMedia();
        }
        bool again = PeerId is not null;
        PeerId = welcome.PeerId;
        List<string> left;
        List<RemotePeer> joined;
        lock (_gate)
        {
            var present = welcome.Peers.Select(p => p.PeerId).ToHashSet(StringComparer.Ordinal);
            left = [.. _peers.Keys.Where(id => !present.Contains(id))];
            joined = [.. welcome.Peers.Where(p => !_peers.ContainsKey(p.PeerId))];
            _peers.Clear();
            foreach (RemotePeer peer in welcome.Peers)
            {
                _peers[peer.PeerId] = peer.Name;
            }
        }
        if (again)
        {
            foreach (string id in left)
            {
                PeerLeft?.Invoke(id);
            }
            foreach (RemotePeer peer in joined)
            {
                PeerJoined?.Invoke(peer.PeerId, peer.Name);
            }
        }
        _welcome?.TrySetResult(welcome);
    }

    private async Task ObserveAsync(Task connect)
    {
        try
        {
            await connect.ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            SubscribeFailure = e.Message;
        }
    }
}
