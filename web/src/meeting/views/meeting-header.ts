// Above the stage: the meeting's title, ID, lock and connection quality; the "reconnecting" banner; and for
// hosts and co-hosts the waiting-room notice with Admit.

import { append, formatMeetingId, h } from "../../ui/dom";
import type { Quality } from "../quality";
import type { Roster } from "../roster";

export interface HeaderActions {
  request(message: Record<string, unknown>): void;
  showWaitingRoom(): void;
}

export class MeetingHeader {
  readonly header = h("header", { class: "meeting-head" });
  readonly banner = h("div", { class: "banner", role: "status", hidden: true });
  readonly hostNotice = h("div", { class: "host-notice", role: "status", hidden: true });

  constructor(private readonly meetingId: string, private readonly actions: HeaderActions) {}

  drawTitle(topic: string, locked: boolean, quality: Quality): void {
    this.header.replaceChildren();
    append(this.header,
      h("h1", { class: "meeting-title" }, topic || `Meeting ${formatMeetingId(this.meetingId)}`),
      h("span", { class: "muted meeting-id" }, `ID ${formatMeetingId(this.meetingId)}`),
      locked ? h("span", { class: "pill" }, "Locked") : null,
      h("span", { class: `quality ${quality}`, "data-testid": "quality", title: "Connection quality" },
        h("span", { class: "bars", "aria-hidden": "true" }, h("i", {}), h("i", {}), h("i", {})),
        quality === "unknown" ? "Connecting" : `Connection ${quality}`));
  }

  drawBanner(reconnecting: boolean): void {
    this.banner.hidden = !reconnecting;
    this.banner.textContent = reconnecting ? "Connection lost. Reconnecting…" : "";
  }

  drawHostNotice(roster: Roster): void {
    const waiting = roster.hasControls ? [...roster.waiting.values()] : [];
    this.hostNotice.hidden = waiting.length === 0;
    const first = waiting[0];
    if (!first) {
      this.hostNotice.replaceChildren();
      return;
    }
    const text = waiting.length === 1 ? `${first.name} is in the waiting room` : `${waiting.length} people are in the waiting room`;
    this.hostNotice.replaceChildren(h("span", {}, text),
      waiting.length === 1
        ? h("button", { type: "button", class: "primary small", onclick: () => this.actions.request({ type: "admit", participantId: first.participantId }) }, "Admit")
        : h("button", { type: "button", class: "primary small", onclick: () => this.actions.request({ type: "admit-all" }) }, "Admit all"),
      h("button", { type: "button", class: "ghost small", onclick: () => this.actions.showWaitingRoom() }, "See waiting room"));
  }
}
