// The page's media connections to the SFU, and one of each made ahead on the pre-join screen. Creating an
// RTCPeerConnection and adding the camera's simulcast sender block the page's main thread while the browser sets
// them up on its WebRTC threads (50-150 ms on a busy machine); made while the person looks at their preview, that
// time is not spent between Join and the first picture.

/** Both media connections bundle everything on one transport (the SFU expects one ICE/DTLS transport each). */
const MEDIA_RTC_CONFIG: RTCConfiguration = { bundlePolicy: "max-bundle", rtcpMuxPolicy: "require" };

/** Simulcast layers, lowest first: q = quarter, h = half, f = full resolution. */
export const CAMERA_LAYERS: RTCRtpEncodingParameters[] = [
  { rid: "q", scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: "h", scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: "f", maxBitrate: 1_200_000 },
];

/** A publish connection with its microphone and camera senders, tracks not yet attached. */
export interface PublishConnection {
  pc: RTCPeerConnection;
  audio: RTCRtpTransceiver;
  video: RTCRtpTransceiver;
}

let warmPublish: PublishConnection | null = null;
let warmSubscribe: RTCPeerConnection | null = null;

/** Makes the connections a join will need, unless they are made already. */
export function warmUp(): void {
  warmPublish ??= createPublishConnection();
  warmSubscribe ??= new RTCPeerConnection(MEDIA_RTC_CONFIG);
}

/** A fresh publish connection: the one made ahead when it is still unused, else a new one. */
export function newPublishConnection(): PublishConnection {
  const made = warmPublish;
  warmPublish = null;
  if (made && isUnused(made.pc)) {
    return made;
  }
  made?.pc.close();
  return createPublishConnection();
}

/** A fresh subscribe connection (the SFU's offer adds its transceivers): the one made ahead when unused, else new. */
export function newSubscribeConnection(): RTCPeerConnection {
  const made = warmSubscribe;
  warmSubscribe = null;
  if (made && isUnused(made)) {
    return made;
  }
  made?.close();
  return new RTCPeerConnection(MEDIA_RTC_CONFIG);
}

/** Closes the connections made ahead and not taken (the person left the pre-join screen, or the meeting ended). */
export function coolDown(): void {
  warmPublish?.pc.close();
  warmSubscribe?.close();
  warmPublish = null;
  warmSubscribe = null;
}

function createPublishConnection(): PublishConnection {
  const pc = new RTCPeerConnection(MEDIA_RTC_CONFIG);
  const stream = new MediaStream();
  const audio = pc.addTransceiver("audio", { direction: "sendonly", streams: [stream] });
  const video = pc.addTransceiver("video", { direction: "sendonly", streams: [stream], sendEncodings: CAMERA_LAYERS });
  return { pc, audio, video };
}

function isUnused(pc: RTCPeerConnection): boolean {
  return pc.signalingState === "stable" && pc.connectionState === "new" && !pc.localDescription;
}
