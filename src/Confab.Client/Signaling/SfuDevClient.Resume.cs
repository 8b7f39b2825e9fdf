using System.Net.WebSockets;
using Confab.Client.Sdp;
using Confab.Client.Transport;
using Confab.Rtc.Sdp;

namespace Confab.Client.Signaling;

/// <summary>
/// Resume (docs/signaling.md): a meeting participant whose signaling socket was lost comes back on a new socket
/// with its resume token. With iceRestart it keeps its two peer connections: the server restarts ICE on the
/// subscribe side (a subscribe offer with new credentials, answered with new ones of ours) and we restart it on the
/// publish side (a publish offer with new credentials, same fingerprint and mids); the media goes on over the same
/// DTLS associations and SRTP contexts.
/// </summary>
public sealed partial class SfuDevClient
{
    private string? _meetingId;
    private TaskCompletionSource<string>? _resumed;

    /// <summary>The one-use token that takes this participant over on a new socket (from `joined` or the last `resumed`).</summary>
    public string? ResumeToken { get; private set; }

    /// <summary>The version and SDP of the last subscribe answer sent.</summary>
    public (long Version, string Sdp)? LastSubscribeAnswer { get; private set; }

    /// <summary>
    /// Aborts the signaling WebSocket without a `leave`, as a lost network would; the peer connections stay.
    /// Completes once the receive loop has ended.
    /// </summary>
    public async Task DropSignalingAsync()
    {
        _socket.Abort();
        if (_receiveLoop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes this participant over on a new socket (`resume`) and waits for `resumed`. With
    /// <paramref name="iceRestart"/> the peer connections are kept: once the server's `welcome` confirms it, the
    /// publish connection (when publishing) restarts ICE and this completes when its first new check succeeded;
    /// the subscribe connection restarts on the server's offer. Without it, or when the server could not keep the
    /// media, the connections are dropped and media starts anew (<see cref="PublishAsync"/> again).
    /// </summary>
    /// <exception cref="SignalingException">The server refused (`resume-failed`: join again).</exception>
    public async Task ResumeMeetingAsync(bool iceRestart = true, CancellationToken cancellationToken = default)
    {
        if (_meetingId is not { } meetingId || ResumeToken is not { } token)
        {
            throw new InvalidOperationException("Join a meeting first: a resume needs its meeting ID and resume token.");
        }
        await DropSignalingAsync().ConfigureAwait(false);
        if (!iceRestart)
        {
            ResetMedia();
        }
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(_endpoint, cancellationToken).ConfigureAwait(false);
        _socket.Dispose();
        _socket = socket;
        var resumed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var welcome = new TaskCompletionSource<WelcomeInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        _resumed = resumed;
        _welcome = welcome;
        _receiveLoop = Task.Run(() => ReceiveLoopAsync(socket), CancellationToken.None);
        await SendAsync(SignalingMessages.Resume(meetingId, token, iceRestart), cancellationToken).ConfigureAwait(false);
        await resumed.Task.WaitAsync(_options.ReplyTimeout, cancellationToken).ConfigureAwait(false);
        if (!iceRestart)
        {
            return;
        }
        WelcomeInfo info = await welcome.Task.WaitAsync(_options.ReplyTimeout, cancellationToken).ConfigureAwait(false);
        if (info.IceRestart && _publish is { } publish && _publishOffer is { } offer)
        {
            await RestartPublishIceAsync(publish, offer, cancellationToken).ConfigureAwait(false);
        }
    }

    // RFC 8839 §4.4.1.1.1: the same offer (mids, SSRCs, fingerprint) with new ICE credentials and the next o= version.
    private async Task RestartPublishIceAsync(ClientPeerConnection publish, PublishOfferOptions previous, CancellationToken cancellationToken)
    {
        var ice = publish.RestartLocalIce();
        var options = previous with { IceUfrag = ice.Ufrag, IcePwd = ice.Password, SessionVersion = previous.SessionVersion + 1 };
        _publishOffer = options;
        var answerPromise = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _publishAnswer = answerPromise;
        await SendAsync(SignalingMessages.PublishOffer(SdpWriter.Write(ClientSdp.BuildPublishOffer(options))), cancellationToken).ConfigureAwait(false);
        string answerText = await answerPromise.Task.WaitAsync(_options.ReplyTimeout, cancellationToken).ConfigureAwait(false);
        if (!SdpParser.TryParse(answerText, out SessionDescription? answer, out string? error))
        {
            throw new InvalidOperationException($"The publish answer does not parse: {error}");
        }
        if (!RemoteTransport.TryRead(answer, remoteIsOffer: false, _options.CandidatePreference, out RemoteTransport? remote, out error))
        {
            throw new InvalidOperationException($"The publish answer is unusable: {error}");
        }
        await publish.RestartIceAsync(remote!, cancellationToken).WaitAsync(_options.ReplyTimeout, cancellationToken).ConfigureAwait(false);
    }
}
