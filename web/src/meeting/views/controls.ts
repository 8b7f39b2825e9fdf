// The meeting's toolbar: microphone, camera, screen share, reactions, raise hand, participants, view,
// and Leave (for the host also "End meeting for all"). aria-pressed tells the state; the text, the action.

import { h } from "../../ui/dom";
import type { ViewMode } from "./stage";

export interface ControlsState {
  muted: boolean;
  videoOn: boolean;
  sharing: boolean;
  handRaised: boolean;
  participantCount: number;
  panelOpen: boolean;
  chatOpen: boolean;
  unread: number;
  mode: ViewMode;
  canEndForAll: boolean;
  waitingCount: number;
}

export interface ControlsActions {
  toggleMute(): void;
  toggleVideo(): void;
  toggleShare(): void;
  react(emoji: string): void;
  toggleHand(): void;
  togglePanel(): void;
  toggleChat(): void;
  toggleMode(): void;
  leave(): void;
  endForAll(): void;
}

export const REACTIONS = ["👍", "👏", "😂", "😮", "❤️", "🎉"];

export class Controls {
  readonly element = h("nav", { class: "controls", "aria-label": "Meeting controls" });
  private readonly mute: HTMLButtonElement;
  private readonly video: HTMLButtonElement;
  private readonly share: HTMLButtonElement;
  private readonly hand: HTMLButtonElement;
  private readonly people: HTMLButtonElement;
  private readonly chat: HTMLButtonElement;
  private readonly view: HTMLButtonElement;
  private readonly reactions: HTMLDivElement;
  private readonly leaveMenu: HTMLDivElement;

  constructor(actions: ControlsActions) {
    this.mute = h("button", { type: "button", class: "control", onclick: () => actions.toggleMute() });
    this.video = h("button", { type: "button", class: "control", onclick: () => actions.toggleVideo() });
    this.share = h("button", { type: "button", class: "control", onclick: () => actions.toggleShare() });
    this.hand = h("button", { type: "button", class: "control", onclick: () => actions.toggleHand() });
    this.people = h("button", { type: "button", class: "control panel-toggle", onclick: () => actions.togglePanel() });
    this.chat = h("button", { type: "button", class: "control panel-toggle", onclick: () => actions.toggleChat() });
    this.view = h("button", { type: "button", class: "control", onclick: () => actions.toggleMode() });
    this.reactions = h("div", { class: "popover", role: "group", "aria-label": "Reactions", hidden: true },
      ...REACTIONS.map((emoji) => h("button", {
        type: "button", class: "emoji", "aria-label": `React ${emoji}`,
        onclick: () => {
          this.reactions.hidden = true;
          actions.react(emoji);
        },
      }, emoji)));
    const react = h("button", {
      type: "button", class: "control", "aria-haspopup": "true",
      onclick: () => {
        this.reactions.hidden = !this.reactions.hidden;
      },
    }, "Reactions");
    const leave = h("button", {
      type: "button", class: "control leave",
      onclick: () => {
        if (this.canEndForAll) {
          this.leaveMenu.hidden = !this.leaveMenu.hidden;
        } else {
          actions.leave();
        }
      },
    }, "Leave");
    this.leaveMenu = h("div", { class: "popover leave-menu", hidden: true },
      h("button", { type: "button", class: "danger-button", onclick: () => actions.endForAll() }, "End meeting for all"),
      h("button", { type: "button", class: "ghost", onclick: () => actions.leave() }, "Leave meeting"));
    this.element.append(
      this.mute, this.video, this.share,
      h("div", { class: "with-popover" }, react, this.reactions),
      this.hand, this.people, this.chat, this.view,
      h("div", { class: "with-popover" }, leave, this.leaveMenu));
  }

  update(state: ControlsState): void {
    set(this.mute, state.muted, state.muted ? "Unmute" : "Mute");
    set(this.video, !state.videoOn, state.videoOn ? "Stop video" : "Start video");
    set(this.share, state.sharing, state.sharing ? "Stop share" : "Share screen");
    set(this.hand, state.handRaised, state.handRaised ? "Lower hand" : "Raise hand");
    set(this.people, state.panelOpen, `Participants (${state.participantCount})`);
    this.people.classList.toggle("attention", state.waitingCount > 0);
    set(this.chat, state.chatOpen, state.unread > 0 ? `Chat (${state.unread} new)` : "Chat");
    this.chat.classList.toggle("attention", state.unread > 0);
    this.view.textContent = state.mode === "gallery" ? "Speaker view" : "Gallery view";
    // Only the host may end the meeting for all: for them Leave opens a menu with both choices.
    this.canEndForAll = state.canEndForAll;
    if (!state.canEndForAll) {
      this.leaveMenu.hidden = true;
    }
  }

  private canEndForAll = false;
}

function set(button: HTMLButtonElement, pressed: boolean, text: string): void {
  button.setAttribute("aria-pressed", String(pressed));
  button.textContent = text;
}
