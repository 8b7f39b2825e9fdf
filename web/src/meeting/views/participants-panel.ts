// The participants panel: the waiting room (for hosts and co-hosts: Admit, Deny, Admit all), the meeting's
// host controls (mute all, allow unmuting, lock, waiting room), and everyone present — with each person's
// microphone, camera and hand, and for hosts the per-person actions.

import { h } from "../../ui/dom";
import type { ParticipantInfo, Role } from "../protocol";
import type { Roster } from "../roster";

export type Send = (message: Record<string, unknown>) => void;

export class ParticipantsPanel {
  readonly element = h("aside", { class: "panel participants", "aria-labelledby": "participants-heading", hidden: true });
  private renaming: string | null = null;

  constructor(private readonly send: Send, private readonly close: () => void) {}

  get open(): boolean {
    return !this.element.hidden;
  }

  set open(value: boolean) {
    this.element.hidden = !value;
  }

  render(roster: Roster): void {
    if (this.element.hidden) {
      return;
    }
    const controls = roster.hasControls;
    const settings = roster.settings;
    const people = roster.order.map((id) => roster.participants.get(id)).filter((p): p is ParticipantInfo => !!p);
    const parts: (HTMLElement | null)[] = [
      h("div", { class: "panel-head" },
        h("h2", { id: "participants-heading" }, `Participants (${people.length})`),
        h("button", { type: "button", class: "ghost small", onclick: this.close, "aria-label": "Close participants" }, "×")),
    ];
    if (controls && roster.waiting.size > 0) {
      parts.push(h("section", { class: "waiting-list", "aria-label": "Waiting room" },
        h("div", { class: "section-head" },
          h("h3", {}, `Waiting room (${roster.waiting.size})`),
          h("button", { type: "button", class: "secondary small", onclick: () => this.send({ type: "admit-all" }) }, "Admit all")),
        h("ul", { class: "people" }, ...[...roster.waiting.values()].map((w) =>
          h("li", { class: "person", "data-participant-id": w.participantId },
            h("span", { class: "person-name" }, w.name),
            h("span", { class: "person-actions" },
              h("button", { type: "button", class: "primary small", "aria-label": `Admit ${w.name}`, onclick: () => this.send({ type: "admit", participantId: w.participantId }) }, "Admit"),
              h("button", { type: "button", class: "ghost small", "aria-label": `Deny ${w.name}`, onclick: () => this.send({ type: "deny", participantId: w.participantId }) }, "Deny")))))));
    }
    if (controls && settings) {
      const allowUnmute = h("input", { type: "checkbox", id: "allow-unmute", checked: settings.allowParticipantsUnmute });
      allowUnmute.addEventListener("change", () => this.send({ type: "change-settings", settings: { allowParticipantsUnmute: allowUnmute.checked } }));
      const waitingRoom = h("input", { type: "checkbox", id: "waiting-room-on", checked: settings.waitingRoom });
      waitingRoom.addEventListener("change", () => this.send({ type: "set-waiting-room", on: waitingRoom.checked }));
      const locked = h("input", { type: "checkbox", id: "meeting-locked", checked: settings.locked });
      locked.addEventListener("change", () => this.send({ type: "lock", locked: locked.checked }));
      parts.push(h("section", { class: "host-controls", "aria-label": "Host controls" },
        h("div", { class: "actions" },
          h("button", { type: "button", class: "secondary small", onclick: () => this.send({ type: "mute-all", allowUnmute: allowUnmute.checked }) }, "Mute all")),
        h("div", { class: "check" }, allowUnmute, h("label", { for: "allow-unmute" }, "Allow participants to unmute themselves")),
        h("div", { class: "check" }, waitingRoom, h("label", { for: "waiting-room-on" }, "Waiting room")),
        h("div", { class: "check" }, locked, h("label", { for: "meeting-locked" }, "Lock meeting"))));
    }
    parts.push(h("ul", { class: "people", "aria-label": "In the meeting" },
      ...people.map((p) => this.person(p, roster, controls))));
    this.element.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
  }

  private person(p: ParticipantInfo, roster: Roster, controls: boolean): HTMLLIElement {
    const self = p.participantId === roster.selfId;
    const id = p.participantId;
    const tags = [roleLabel(p.role), self ? "me" : null].filter(Boolean).join(", ");
    const status = h("span", { class: "person-status" },
      p.handRaised ? h("span", { title: "Hand raised", "aria-label": "Hand raised" }, "✋") : null,
      h("span", { class: p.muted ? "state off" : "state", "aria-label": p.muted ? "Muted" : "Microphone on" }, p.muted ? "Muted" : "Mic"),
      h("span", { class: p.videoOn ? "state" : "state off", "aria-label": p.videoOn ? "Video on" : "Video off" }, p.videoOn ? "Video" : "No video"));
    const item = h("li", { class: "person", "data-participant-id": id },
      h("span", { class: "person-name" }, p.name, tags ? h("span", { class: "muted" }, ` (${tags})`) : null),
      status);
    const actions: HTMLElement[] = [];
    const button = (label: string, message: Record<string, unknown>, className = "ghost small"): HTMLButtonElement =>
      h("button", { type: "button", class: className, "aria-label": `${label} ${p.name}`, onclick: () => this.send(message) }, label);
    if (controls && !self && p.role !== "host") {
      actions.push(p.muted ? button("Ask to unmute", { type: "ask-to-unmute", participantId: id }) : button("Mute", { type: "mute", participantId: id }));
      if (p.videoOn) actions.push(button("Stop video", { type: "stop-video", participantId: id }));
      if (p.handRaised) actions.push(button("Lower hand", { type: "lower-hand", participantId: id }));
      if (roster.self?.role === "host") {
        actions.push(p.role === "co-host"
          ? button("Remove co-host", { type: "revoke-co-host", participantId: id })
          : button("Make co-host", { type: "make-co-host", participantId: id }));
        actions.push(button("Make host", { type: "make-host", participantId: id }));
      }
      actions.push(button("Put in waiting room", { type: "send-to-waiting-room", participantId: id }));
      actions.push(h("button", { type: "button", class: "ghost small", "aria-label": `Rename ${p.name}`, onclick: () => this.startRename(id, roster) }, "Rename"));
      actions.push(button("Remove", { type: "remove", participantId: id }, "danger-button small"));
    } else if (self && (controls || roster.settings?.allowRenameSelf)) {
      actions.push(h("button", { type: "button", class: "ghost small", "aria-label": "Rename me", onclick: () => this.startRename(id, roster) }, "Rename"));
    }
    if (this.renaming === id) {
      item.append(this.renameForm(p, self, roster));
    } else if (actions.length > 0) {
      item.append(h("details", { class: "person-menu" }, h("summary", { "aria-label": `Actions for ${p.name}` }, "More"), h("div", { class: "person-actions" }, ...actions)));
    }
    return item;
  }

  private startRename(id: string, roster: Roster): void {
    this.renaming = id;
    this.render(roster);
    this.element.querySelector<HTMLInputElement>(".rename input")?.focus();
  }

  private renameForm(p: ParticipantInfo, self: boolean, roster: Roster): HTMLFormElement {
    const input = h("input", { type: "text", value: p.name, maxlength: 64, "aria-label": `New name for ${p.name}` });
    return h("form", {
      class: "rename inline",
      onsubmit: (event: Event) => {
        event.preventDefault();
        const name = input.value.trim();
        if (name) {
          this.send(self ? { type: "rename-self", name } : { type: "rename", participantId: p.participantId, name });
        }
        this.renaming = null;
        this.render(roster);
      },
    }, input, h("button", { type: "submit", class: "primary small" }, "Save"));
  }
}

function roleLabel(role: Role): string | null {
  switch (role) {
    case "host": return "Host";
    case "co-host": return "Co-host";
    case "guest": return "Guest";
    default: return null;
  }
}
