// Remote voices: one hidden <audio> element per person whose audio track is received, kept while it lasts.

import { h } from "../ui/dom";

export class RemoteAudio {
  readonly element = h("div", { class: "audio-sink", "aria-hidden": "true" });
  private readonly players = new Map<string, HTMLAudioElement>();

  /** Plays each person's current audio track; stops the players of those who have none now. */
  update(remote: Map<string, { audio?: MediaStreamTrack }>): void {
    for (const [peerId, media] of remote) {
      if (!media.audio) {
        continue;
      }
      let audio = this.players.get(peerId);
      if (!audio) {
        audio = h("audio", { autoplay: true });
        this.players.set(peerId, audio);
        this.element.append(audio);
      }
      const current = (audio.srcObject as MediaStream | null)?.getAudioTracks()[0];
      if (current !== media.audio) {
        audio.srcObject = new MediaStream([media.audio]);
        void audio.play().catch(() => undefined);
      }
    }
    for (const [peerId, audio] of this.players) {
      if (!remote.get(peerId)?.audio) {
        audio.srcObject = null;
        audio.remove();
        this.players.delete(peerId);
      }
    }
  }

  stop(): void {
    this.update(new Map());
  }
}
