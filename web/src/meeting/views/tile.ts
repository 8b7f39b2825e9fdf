// One person's tile: their video (or their initials when there is none), name, and badges for a muted
// microphone and a raised hand; outlined while they speak.

import { h } from "../../ui/dom";
import type { ParticipantInfo } from "../protocol";

export class Tile {
  readonly element: HTMLDivElement;
  private readonly video: HTMLVideoElement;
  private readonly avatar: HTMLDivElement;
  private readonly label: HTMLSpanElement;
  private readonly mic: HTMLSpanElement;
  private readonly hand: HTMLSpanElement;
  private track: MediaStreamTrack | null = null;

  constructor(readonly key: string, mirrored: boolean) {
    this.video = h("video", { autoplay: true, muted: true, playsInline: true, class: mirrored ? "mirrored" : "" });
    this.avatar = h("div", { class: "avatar", "aria-hidden": "true" });
    this.label = h("span", { class: "tile-name" });
    this.mic = h("span", { class: "badge mic-off", title: "Muted", hidden: true }, "Muted");
    this.hand = h("span", { class: "badge hand", title: "Hand raised", hidden: true }, "✋");
    this.element = h("div", { class: "tile", "data-key": key },
      this.video, this.avatar,
      h("div", { class: "tile-bar" }, this.mic, this.label, this.hand));
  }

  /** Shows the person and the track (null: no video, the initials instead). */
  update(person: ParticipantInfo | undefined, label: string, track: MediaStreamTrack | null, speaking: boolean): void {
    if (person) {
      this.element.dataset.participantId = person.participantId;
    }
    this.label.textContent = label;
    this.avatar.textContent = initials(person?.name ?? label);
    this.mic.hidden = !person?.muted;
    this.hand.hidden = !person?.handRaised;
    this.element.classList.toggle("speaking", speaking);
    const live = track && track.readyState === "live" ? track : null;
    if (live !== this.track) {
      this.track = live;
      this.video.srcObject = live ? new MediaStream([live]) : null;
      if (live) {
        void this.video.play().catch(() => undefined);
      }
    }
    this.element.classList.toggle("no-video", !live);
  }

  /** Decoded frames shown so far (for tests: the tile really plays). */
  get playing(): boolean {
    return this.video.readyState >= 2 && this.video.videoWidth > 0;
  }
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]?.[0], parts[parts.length - 1]?.[0]] : [parts[0]?.[0]];
  return letters.filter(Boolean).join("").toUpperCase() || "?";
}
