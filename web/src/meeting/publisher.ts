// The publish connection (docs/sfu-dev-signaling.md): the page offers, the SFU answers. It sends the
// microphone, the camera in three simulcast layers (RFC 8853; the SFU picks one per viewer) and, while
// sharing, the screen — each section named by source in publish-offer's `sources`.

import { take } from "../media/device-handoff";
import type { Source } from "./protocol";
import { newPublishConnection } from "./media-connections";

export interface PublisherOptions {
  send(message: Record<string, unknown>): void;
  error(where: string, err: unknown): void;
}

export interface LocalDevices {
  microphoneId?: string | undefined;
  cameraId?: string | undefined;
}

export class Publisher {
  readonly camera = new MediaStream();
  private pc: RTCPeerConnection | null = null;
  private microphone: MediaStreamTrack | null = null;
  private cameraTrack: MediaStreamTrack | null = null;
  private screen: MediaStreamTrack | null = null;
  private audioSender: RTCRtpSender | null = null;
  private videoSender: RTCRtpSender | null = null;
  private screenTransceiver: RTCRtpTransceiver | null = null;
  private chain: Promise<void> = Promise.resolve();
  private devices: LocalDevices = {};
  private audioMuted = false;

  constructor(private readonly options: PublisherOptions) {}

  get connection(): RTCPeerConnection | null {
    return this.pc;
  }

  get sharing(): boolean {
    return this.screen !== null;
  }

  /** Opens the devices chosen on the pre-join screen; returns what could not be started. */
  async openDevices(devices: LocalDevices, audioMuted: boolean, videoOn: boolean): Promise<string[]> {
    this.devices = devices;
    this.audioMuted = audioMuted;
    const failures: string[] = [];
    const handedCamera = take("video");
    if (handedCamera && videoOn) {
      this.cameraTrack = handedCamera;
      this.camera.addTrack(handedCamera);
    } else {
      handedCamera?.stop();
    }
    try {
      this.microphone = take("audio") ?? (await navigator.mediaDevices.getUserMedia({ audio: pick(devices.microphoneId) })).getAudioTracks()[0] ?? null;
      if (this.microphone) {
        this.microphone.enabled = !audioMuted;
      }
    } catch {
      failures.push("Your microphone could not be started.");
    }
    if (videoOn && !this.cameraTrack && !(await this.startCamera())) {
      failures.push("Your camera could not be started.");
    }
    return failures;
  }

  /** A new publish connection (first join, or a resume that could not keep the old one). */
  async start(): Promise<void> {
    this.pc?.close();
    const { pc, audio, video } = newPublishConnection();
    this.pc = pc;
    this.audioSender = audio.sender;
    this.videoSender = video.sender;
    this.screenTransceiver = null;
    if (this.screen) {
      this.screenTransceiver = pc.addTransceiver(this.screen, { direction: "sendonly", streams: [new MediaStream()] });
    }
    try {
      // The senders may have been made ahead, without tracks: the tracks go on before the offer.
      await Promise.all([audio.sender.replaceTrack(this.microphone), video.sender.replaceTrack(this.cameraTrack)]);
    } catch (err) {
      if (this.pc !== pc) {
        return; // closed or replaced meanwhile
      }
      throw err;
    }
    if (this.pc !== pc) {
      return;
    }
    await this.negotiate(false);
  }

  /** The SFU's answer to the last offer. */
  async answered(sdp: string): Promise<void> {
    await this.pc?.setRemoteDescription({ type: "answer", sdp });
  }

  /** Same connection, new ICE credentials (after a resume: the network path may have changed). */
  restartIce(): Promise<void> {
    return this.negotiate(true);
  }

  setMuted(muted: boolean): void {
    this.audioMuted = muted;
    if (this.microphone) {
      this.microphone.enabled = !muted;
    }
  }

  /** Camera on: opens it again and sends it; off: stops it (its light goes off) and sends nothing. */
  async setVideo(on: boolean): Promise<boolean> {
    if (!on) {
      await this.videoSender?.replaceTrack(null);
      this.stopCamera();
      return true;
    }
    if (!this.cameraTrack && !(await this.startCamera())) {
      return false;
    }
    await this.videoSender?.replaceTrack(this.cameraTrack);
    return true;
  }

  /**
   * Picks a screen, window or tab (the picker needs the click's user activation, so it comes first). Returns null
   * when a screen was picked, else why not: "cancelled" when the person closed the picker, or the browser's reason.
   */
  async pickScreen(onEnded: () => void): Promise<string | null> {
    if (this.screen) {
      return null;
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    } catch (err) {
      return err instanceof DOMException && err.name === "NotAllowedError" ? "cancelled" : String(err);
    }
    const track = stream.getVideoTracks()[0];
    if (!track) {
      return "the browser gave no video";
    }
    track.contentHint = "detail";
    this.screen = track;
    track.addEventListener("ended", onEnded);
    return null;
  }

  /** Sends the picked screen as a second video section with source "screen" (the SFU holds it until the share is granted). */
  async sendScreen(): Promise<void> {
    if (this.screen && this.pc && !this.screenTransceiver) {
      this.screenTransceiver = this.pc.addTransceiver(this.screen, { direction: "sendonly", streams: [new MediaStream()] });
      await this.negotiate(false);
    }
  }

  async stopShare(): Promise<void> {
    const track = this.screen;
    this.screen = null;
    track?.stop();
    if (this.screenTransceiver && this.pc) {
      this.screenTransceiver.stop();
      this.screenTransceiver = null;
      await this.negotiate(false);
    }
  }

  close(): void {
    this.pc?.close();
    this.pc = null;
    this.microphone?.stop();
    this.stopCamera();
    this.screen?.stop();
    this.screen = null;
  }

  get microphoneTrack(): MediaStreamTrack | null {
    return this.microphone;
  }

  get muted(): boolean {
    return this.audioMuted;
  }

  // Offers are made one at a time, in order; the SFU answers each with publish-answer.
  private negotiate(iceRestart: boolean): Promise<void> {
    this.chain = this.chain.then(async () => {
      const pc = this.pc;
      if (!pc || pc.signalingState === "closed") {
        return;
      }
      const offer = await pc.createOffer({ iceRestart });
      await pc.setLocalDescription(offer);
      this.options.send({ type: "publish-offer", sdp: pc.localDescription?.sdp ?? "", sources: this.sources(pc) });
      await waitForStable(pc);
    }).catch((err) => this.options.error("publish", err));
    return this.chain;
  }

  private sources(pc: RTCPeerConnection): Record<string, Source> {
    const sources: Record<string, Source> = {};
    for (const transceiver of pc.getTransceivers()) {
      if (!transceiver.mid || transceiver.currentDirection === "stopped" || (transceiver as { stopped?: boolean }).stopped) {
        continue;
      }
      sources[transceiver.mid] = transceiver === this.screenTransceiver ? "screen"
        : transceiver.sender === this.audioSender ? "microphone" : "camera";
    }
    return sources;
  }

  private async startCamera(): Promise<boolean> {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { ...pick(this.devices.cameraId), width: { ideal: 1280 }, height: { ideal: 720 } } });
      const track = stream.getVideoTracks()[0];
      if (!track) {
        return false;
      }
      this.cameraTrack = track;
      this.camera.addTrack(track);
      return true;
    } catch {
      return false;
    }
  }

  private stopCamera(): void {
    if (this.cameraTrack) {
      this.cameraTrack.stop();
      this.camera.removeTrack(this.cameraTrack);
      this.cameraTrack = null;
    }
  }
}

function pick(deviceId: string | undefined): MediaTrackConstraints {
  return deviceId ? { deviceId: { ideal: deviceId } } : {};
}

/** How long an offer may wait for its answer before it is rolled back (the SFU refused it or the socket dropped). */
const ANSWER_TIMEOUT_MS = 10_000;

/** Resolves when the offer was answered (or the connection closed), so the next offer starts from stable. */
function waitForStable(pc: RTCPeerConnection): Promise<void> {
  if (pc.signalingState === "stable" || pc.signalingState === "closed") {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const done = (): void => {
      window.clearTimeout(timer);
      pc.removeEventListener("signalingstatechange", check);
      resolve();
    };
    const check = (): void => {
      if (pc.signalingState === "stable" || pc.signalingState === "closed") {
        done();
      }
    };
    const timer = window.setTimeout(() => {
      if (pc.signalingState === "have-local-offer") {
        void pc.setLocalDescription({ type: "rollback" }).catch(() => undefined);
      }
      done();
    }, ANSWER_TIMEOUT_MS);
    pc.addEventListener("signalingstatechange", check);
  });
}
