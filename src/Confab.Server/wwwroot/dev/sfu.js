// Development page for the SFU: joins a room without an account, publishes camera and microphone on a
// publish connection (the page offers) and receives everyone else on a subscribe connection (the SFU offers).
// The message schema is described in docs/sfu-dev-signaling.md.
'use strict';

(() => {
  const params = new URLSearchParams(location.search);
  const room = params.get('room') || 'lobby';
  const name = params.get('name') || `guest-${Math.floor(Math.random() * 10000)}`;
  // ?simulcast=1 publishes the camera in three layers (RFC 8853), lowest first; the SFU picks one per subscriber.
  const simulcast = params.get('simulcast') === '1';
  const tiles = document.getElementById('tiles');
  const statusEl = document.getElementById('status');
  document.getElementById('room').textContent = room;

  const state = {
    peerId: null,
    peers: new Map(), // peerId -> { name, tile, video, audio, stream }
    errors: [],
    subscribeVersion: 0,
    trackOwners: new Map(), // remote track id -> peerId
  };
  const rtcConfig = { bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' };
  const publishPc = new RTCPeerConnection(rtcConfig);
  const subscribePc = new RTCPeerConnection(rtcConfig);
  // Per remote peer: video frames decoded and audio packets received so far (from getStats), for tests and tools.
  async function mediaByPeer() {
    const result = {};
    const stats = await subscribePc.getStats();
    stats.forEach((s) => {
      if (s.type !== 'inbound-rtp') return;
      const owner = state.trackOwners.get(s.trackIdentifier);
      if (!owner || !state.peers.has(owner)) return;
      const entry = result[owner] || (result[owner] = { framesDecoded: 0, audioPacketsReceived: 0 });
      if (s.kind === 'video') entry.framesDecoded += s.framesDecoded || 0;
      if (s.kind === 'audio') entry.audioPacketsReceived += s.packetsReceived || 0;
    });
    return result;
  }
  window.confab = { state, publishPc, subscribePc, room, name, mediaByPeer };

  const setStatus = (text) => { statusEl.textContent = text; };
  const reportError = (where, err) => {
    const message = `${where}: ${err && err.message ? err.message : err}`;
    state.errors.push(message);
    console.error(message);
  };

  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sfu/ws`);
  const send = (msg) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify(msg));

  function tileFor(peerId) {
    let peer = state.peers.get(peerId);
    if (!peer) {
      peer = { name: peerId, stream: new MediaStream() };
      state.peers.set(peerId, peer);
    }
    if (!peer.tile) {
      peer.tile = document.createElement('div');
      peer.tile.className = 'tile';
      peer.tile.dataset.peerId = peerId;
      peer.video = document.createElement('video');
      peer.video.autoplay = true;
      peer.video.playsInline = true;
      peer.video.muted = true;
      peer.audio = document.createElement('audio');
      peer.audio.autoplay = true;
      const label = document.createElement('span');
      label.textContent = peer.name;
      peer.tile.append(peer.video, peer.audio, label);
      tiles.append(peer.tile);
    }
    return peer;
  }

  function removePeer(peerId) {
    const peer = state.peers.get(peerId);
    if (!peer) return;
    if (peer.tile) peer.tile.remove();
    state.peers.delete(peerId);
  }

  subscribePc.ontrack = (event) => {
    const peerId = event.streams[0] ? event.streams[0].id : 'unknown';
    const peer = tileFor(peerId);
    state.trackOwners.set(event.track.id, peerId);
    peer.stream.addTrack(event.track);
    if (event.track.kind === 'video') {
      peer.video.srcObject = new MediaStream([event.track]);
    } else {
      peer.audio.srcObject = new MediaStream([event.track]);
    }
    event.track.onended = () => peer.stream.removeTrack(event.track);
  };

  // The SFU's offers are applied one after another, in the order they arrive.
  let subscribeChain = Promise.resolve();
  function onSubscribeOffer(msg) {
    subscribeChain = subscribeChain.then(async () => {
      await subscribePc.setRemoteDescription({ type: 'offer', sdp: msg.sdp });
      const answer = await subscribePc.createAnswer();
      await subscribePc.setLocalDescription(answer);
      state.subscribeVersion = msg.version;
      send({ type: 'subscribe-answer', version: msg.version, sdp: subscribePc.localDescription.sdp });
    }).catch((err) => reportError('subscribe', err));
  }

  async function publish() {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 360 } });
    for (const track of stream.getTracks()) {
      const init = { direction: 'sendonly', streams: [stream] };
      if (simulcast && track.kind === 'video') {
        init.sendEncodings = [
          { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 150000 },
          { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 500000 },
          { rid: 'f', maxBitrate: 1200000 },
        ];
      }
      publishPc.addTransceiver(track, init);
    }
    const offer = await publishPc.createOffer();
    await publishPc.setLocalDescription(offer);
    send({ type: 'publish-offer', sdp: publishPc.localDescription.sdp });
  }

  ws.onopen = () => send({ type: 'join', room, name });
  ws.onclose = () => setStatus('disconnected');
  ws.onmessage = (event) => {
    let msg;
    try { msg = JSON.parse(event.data); } catch (err) { reportError('message', err); return; }
    switch (msg.type) {
      case 'welcome':
        state.peerId = msg.peerId;
        for (const p of msg.peers || []) state.peers.set(p.peerId, { name: p.name, stream: new MediaStream() });
        setStatus(`joined as ${name}`);
        publish().catch((err) => reportError('publish', err));
        break;
      case 'publish-answer':
        publishPc.setRemoteDescription({ type: 'answer', sdp: msg.sdp }).catch((err) => reportError('publish-answer', err));
        break;
      case 'subscribe-offer':
        onSubscribeOffer(msg);
        break;
      case 'peer-joined':
        if (!state.peers.has(msg.peerId)) state.peers.set(msg.peerId, { name: msg.name, stream: new MediaStream() });
        else state.peers.get(msg.peerId).name = msg.name;
        break;
      case 'peer-left':
        removePeer(msg.peerId);
        break;
      case 'error':
        reportError('server', msg.message);
        break;
      default:
        break;
    }
  };

  document.getElementById('leave').onclick = () => {
    send({ type: 'leave' });
    publishPc.close();
    subscribePc.close();
    ws.close();
  };
})();
