// Full-page notices of the meeting: waiting in the waiting room or for the host, and the ends (left,
// removed, ended, refused, disconnected) with the way back.

import { h } from "../../ui/dom";

export function waitingNotice(kind: "waiting" | "waiting-for-host", topic: string): HTMLElement {
  return h("section", { class: "card stack notice-card", "data-testid": kind === "waiting" ? "waiting-room" : "waiting-for-host" },
    h("h1", {}, kind === "waiting" ? "Please wait, the host will let you in soon" : "Waiting for the host to start this meeting"),
    topic ? h("p", { class: "muted" }, topic) : null,
    h("p", {}, kind === "waiting"
      ? "You are in the waiting room. Nobody in the meeting can see or hear you, and you cannot see or hear them."
      : "The meeting starts when the host joins. This page will let you in by itself."));
}

export function endNotice(title: string, detail: string, rejoinPath: string | null): HTMLElement {
  return h("section", { class: "card stack notice-card", "data-testid": "meeting-over" },
    h("h1", {}, title),
    detail ? h("p", {}, detail) : null,
    h("div", { class: "actions" },
      rejoinPath ? h("a", { class: "button primary", href: rejoinPath, "data-link": true }, "Rejoin") : null,
      h("a", { class: "button ghost", href: "/", "data-link": true }, "Home")));
}

export function connectingNotice(text: string): HTMLElement {
  return h("section", { class: "card stack notice-card", "data-testid": "connecting" }, h("h1", {}, text));
}
