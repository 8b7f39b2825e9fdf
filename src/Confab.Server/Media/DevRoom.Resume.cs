using System.Threading.Channels;
using Confab.Rtc.Sdp;

namespace Confab.Server.Media;

/// <summary>
/// A peer whose signaling socket is lost for a while (a meeting participant in its resume grace period) keeps its
/// transports, producers and consumers; when it comes back still holding its two peer connections, both restart
/// ICE (RFC 8445 §9) and the media goes on over the same DTLS association and SRTP contexts (docs/signaling.md,
/// resume).
/// </summary>
internal sealed partial class DevRoom
{
    /// <summary>
    /// The peer's socket is gone for now: its media keeps flowing both ways, messages to it are dropped and its
    /// subscribe offers wait for <see cref="ResumeAsync"/>, which sends the whole picture again.
    /// </summary>
    public async Task DetachAsync(DevPeer peer)
    {
        await _gate.WaitAsync();
        try
        {
            if (!peer.Left)
            {
                peer.Detached = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The peer's participant resumed on a new socket with <c>iceRestart</c>: its messages now go to
    /// <paramref name="outbox"/>, which gets <c>welcome</c> (with <c>iceRestart: true</c> and the peers present now)
    /// and a subscribe offer of every current track with new ICE credentials of the subscribe transport. An offer
    /// sent before is superseded: an answer to it gets <c>stale-version</c>. False when the peer has left.
    /// </summary>
    public async Task<bool> ResumeAsync(DevPeer peer, Channel<string> outbox)
    {
        await _gate.WaitAsync();
        try
        {
            if (peer.Left)
            {
                return false;
            }
            peer.Outbox = outbox;
            peer.Detached = false;
            var subscribe = peer.Subscribe;
            await _worker.InvokeAsync(() => subscribe.RestartIce());
            var others = _peers.Values.Where(p => p != peer).ToList();
            Send(peer, new
            {
                type = "welcome",
                peerId = peer.Id,
                peers = others.Select(p => new { peerId = p.Id, name = p.Name }),
                iceRestart = true,
            });
            peer.OutstandingOfferVersion = 0;
            peer.RenegotiationPending = false;
            Renegotiate(peer);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    // Under the gate, before the publish answer is built. RFC 8839 §4.4.1.1.1: an offer whose ice-ufrag or
    // ice-pwd differ from the previous offer's restarts ICE, and the answer carries new credentials of the publish
    // transport. The DTLS association is kept, so the offer must keep the fingerprint it was set up with; null
    // when the offer may go on, otherwise why not.
    private async Task<string?> AcceptPublishIceAsync(DevPeer peer, SessionDescription offer)
    {
        var first = offer.Media.FirstOrDefault(m => !m.IsRejected);
        if (first is null || peer.Publish is not { } transport)
        {
            return null; // the negotiation explains what is wrong with the offer
        }
        string? fingerprint = offer.FingerprintFor(first)?.ToString();
        if (fingerprint is not null && peer.PublishRemoteFingerprint is { } known && !string.Equals(known, fingerprint, StringComparison.OrdinalIgnoreCase))
        {
            return "the offer's DTLS fingerprint is not the one this publish connection was set up with: "
                + "a new peer connection needs new media (resume without iceRestart, or join again)";
        }
        peer.PublishRemoteFingerprint ??= fingerprint;
        string ice = $"{offer.IceUfragFor(first)}:{offer.IcePwdFor(first)}";
        if (peer.PublishRemoteIce is { } previous && !string.Equals(previous, ice, StringComparison.Ordinal))
        {
            await _worker.InvokeAsync(() => transport.RestartIce());
        }
        peer.PublishRemoteIce = ice;
        return null;
    }

    // Under the gate: a subscribe answer must keep the fingerprint the subscribe connection was set up with.
    private static string? CheckSubscribeFingerprint(DevPeer peer, string fingerprint)
    {
        if (peer.SubscribeRemoteFingerprint is { } known && !string.Equals(known, fingerprint, StringComparison.OrdinalIgnoreCase))
        {
            return "the answer's DTLS fingerprint is not the one this subscribe connection was set up with: "
                + "a new peer connection needs new media (resume without iceRestart, or join again)";
        }
        peer.SubscribeRemoteFingerprint = fingerprint;
        return null;
    }
}
