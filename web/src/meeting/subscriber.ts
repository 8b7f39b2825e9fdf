// The subscribe connection (docs/sfu-dev-signaling.md): the SFU offers, the page answers. Each offer's
// `tracks` names the person and source of every active receive section by mid; the page finds a person's
// audio, camera and screen tracks through that map.

import type { OfferedTrack, ServerMessage, Source } from "./protocol";
import { newSubscribeConnection } from "./media-connections";

export interface SubscriberOptions {
  send(message: Record<string, unknown>): void;
  error(where: string, err: unknown): void;
  /** The set of remote tracks changed (an offer was applied, a track started). */
  changed(): void;
}

export interface RemoteMedia {
  audio?: MediaStreamTrack;
  camera?: MediaStreamTrack;
  screen?: MediaStreamTrack;
}

export interface ReceivedCounts {
  framesDecoded: number;
  screenFramesDecoded: number;
  audioPacketsReceived: number;
  totalAudioEnergy: number;
  audioLevel: number;
  packetsLost: number;
  packetsReceived: number;
}

export class Subscriber {
  private pc: RTCPeerConnection | null = null;
  private tracks = new Map<string, OfferedTrack>();
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: SubscriberOptions) {}

  get connection(): RTCPeerConnection | null {
    return this.pc;
  }

  /** A new subscribe connection; the SFU's next offer sets it up. */
  start(): void {
    this.pc?.close();
    this.tracks.clear();
    const pc = newSubscribeConnection();
    pc.ontrack = () => {
      performance.mark("confab:track");
      this.options.changed();
    };
    pc.addEventListener("connectionstatechange", () => performance.mark(`confab:subscribe-${pc.connectionState}`));
    this.pc = pc;
  }

  /**
   * Resolves when the subscribe connection is connected (or has failed, or closed), or after `timeoutMs` at the
   * latest.
   */
  settled(timeoutMs: number): Promise<void> {
    const pc = this.pc;
    const done = (): boolean => !pc || ["connected", "failed", "closed"].includes(pc.connectionState);
    if (done()) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const finish = (): void => {
        window.clearTimeout(timer);
        pc?.removeEventListener("connectionstatechange", check);
        resolve();
      };
      const check = (): void => {
        if (done()) {
          finish();
        }
      };
      const timer = window.setTimeout(finish, timeoutMs);
      pc?.addEventListener("connectionstatechange", check);
    });
  }

  /** Applies the SFU's offers one after another, in the order they arrive, and answers each. */
  offered(message: ServerMessage): void {
    const version = message.version;
    const sdp = message.sdp;
    if (typeof sdp !== "string" || typeof version !== "number") {
      return;
    }
    const tracks = Array.isArray(message.tracks) ? (message.tracks as OfferedTrack[]) : null;
    this.chain = this.chain.then(async () => {
      const pc = this.pc;
      if (!pc) {
        return;
      }
      await pc.setRemoteDescription({ type: "offer", sdp });
      const listed = tracks ?? tracksInOffer(sdp);
      this.tracks = new Map(listed.filter((t) => t && typeof t.mid === "string").map((t) => [t.mid, t]));
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      performance.mark("confab:subscribe-answered");
      this.options.send({ type: "subscribe-answer", version, sdp: pc.localDescription?.sdp ?? "" });
      this.options.changed();
    }).catch((err) => this.options.error("subscribe", err));
  }

  /** Each person's live tracks, by participant id. */
  media(): Map<string, RemoteMedia> {
    const result = new Map<string, RemoteMedia>();
    for (const transceiver of this.pc?.getTransceivers() ?? []) {
      const info = transceiver.mid ? this.tracks.get(transceiver.mid) : undefined;
      if (!info || transceiver.currentDirection === "inactive") {
        continue;
      }
      const entry = result.get(info.peerId) ?? {};
      entry[slot(info.source, info.kind)] = transceiver.receiver.track;
      result.set(info.peerId, entry);
    }
    return result;
  }

  /** Per person: what arrived so far (from getStats), for levels, quality and tests. */
  async counts(): Promise<Map<string, ReceivedCounts>> {
    const result = new Map<string, ReceivedCounts>();
    const pc = this.pc;
    if (!pc) {
      return result;
    }
    const byMid = new Map(this.tracks);
    const stats = await pc.getStats();
    stats.forEach((report: Record<string, unknown>) => {
      if (report.type !== "inbound-rtp" || typeof report.mid !== "string") {
        return;
      }
      const info = byMid.get(report.mid);
      if (!info) {
        return;
      }
      const entry = result.get(info.peerId) ?? empty();
      const n = (key: string): number => (typeof report[key] === "number" ? (report[key] as number) : 0);
      if (info.kind === "video") {
        if (info.source === "screen") {
          entry.screenFramesDecoded += n("framesDecoded");
        } else {
          entry.framesDecoded += n("framesDecoded");
        }
      } else {
        entry.audioPacketsReceived += n("packetsReceived");
        entry.totalAudioEnergy += n("totalAudioEnergy");
        entry.audioLevel = Math.max(entry.audioLevel, n("audioLevel"));
      }
      entry.packetsLost += n("packetsLost");
      entry.packetsReceived += n("packetsReceived");
      result.set(info.peerId, entry);
    });
    return result;
  }

  close(): void {
    this.pc?.close();
    this.pc = null;
    this.tracks.clear();
  }
}

/**
 * An offer without `tracks`: its active sections, each owned by its a=msid stream id (the publisher's id,
 * docs/sfu-dev-signaling.md); audio is the microphone and video the camera.
 */
export function tracksInOffer(sdp: string): OfferedTrack[] {
  const tracks: OfferedTrack[] = [];
  for (const section of sdp.split(/\r?\nm=/).slice(1)) {
    const kind = section.startsWith("audio") ? "audio" : section.startsWith("video") ? "video" : null;
    const mid = /\r?\na=mid:(\S+)/.exec(section)?.[1];
    const owner = /\r?\na=msid:(\S+)/.exec(section)?.[1];
    if (!kind || !mid || !owner || /\r?\na=inactive/.test(section) || /^\w+ 0 /.test(section)) {
      continue;
    }
    tracks.push({ mid, peerId: owner, kind, source: kind === "audio" ? "microphone" : "camera" });
  }
  return tracks;
}

function slot(source: Source, kind: "audio" | "video"): keyof RemoteMedia {
  if (kind === "audio") {
    return "audio";
  }
  return source === "screen" ? "screen" : "camera";
}

function empty(): ReceivedCounts {
  return { framesDecoded: 0, screenFramesDecoded: 0, audioPacketsReceived: 0, totalAudioEnergy: 0, audioLevel: 0, packetsLost: 0, packetsReceived: 0 };
}
