// The chat panel: messages (always as text, never as HTML), whom to send to — Everyone or one person — a
// text box, reactions on a message, and the messages still being sent or refused.

import { h } from "../../ui/dom";
import type { ChatState } from "../chat";
import type { ParticipantInfo } from "../protocol";
import type { Roster } from "../roster";

const REACTIONS = ["👍", "❤️", "😂", "🎉"];

export class ChatPanel {
  readonly element = h("aside", { class: "panel chat", "aria-labelledby": "chat-heading", hidden: true });
  private readonly list = h("ol", { class: "chat-messages", "aria-live": "polite" });
  private readonly recipient = h("select", { "aria-label": "Send to" });
  private readonly input = h("textarea", { rows: 2, maxlength: 4000, "aria-label": "Message", placeholder: "Type a message…" });
  private readonly note = h("p", { class: "hint" });

  constructor(private readonly chat: ChatState, private readonly roster: Roster, private readonly close: () => void, private readonly changed: () => void) {
    const form = h("form", {
      class: "chat-form",
      onsubmit: (event: Event) => {
        event.preventDefault();
        this.submit();
      },
    }, h("label", { class: "inline" }, "To", this.recipient), this.input, this.note,
    h("button", { type: "submit", class: "primary small" }, "Send"));
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        this.submit();
      }
    });
    this.element.append(
      h("div", { class: "panel-head" },
        h("h2", { id: "chat-heading" }, "Chat"),
        h("button", { type: "button", class: "ghost small", onclick: this.close, "aria-label": "Close chat" }, "×")),
      this.list, form);
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  set open(value: boolean) {
    this.element.hidden = !value;
    this.chat.panelOpen = value;
    if (value) {
      this.chat.unread = 0;
    }
  }

  render(): void {
    if (this.element.hidden) {
      return;
    }
    this.renderRecipients();
    const selfId = this.roster.selfId;
    const items: HTMLLIElement[] = [];
    for (const { message, reactions } of this.chat.texts()) {
      const mine = message.from === selfId;
      const privately = message.to !== null;
      const toName = message.to === selfId ? "you" : this.roster.nameOf(message.to);
      const heading = `${mine ? "You" : message.fromName}${privately ? ` to ${mine ? toName : "you"} (privately)` : message.toHosts ? " to the hosts" : ""}`;
      items.push(h("li", { class: `chat-message${privately ? " private" : ""}`, "data-message-id": message.id },
        h("div", { class: "chat-meta" }, h("strong", {}, heading), h("span", { class: "muted" }, time(message.at))),
        h("p", { class: "chat-text" }, message.text),
        h("div", { class: "chat-reactions" },
          ...[...reactions].map(([emoji, count]) => h("span", { class: "chat-reaction" }, `${emoji} ${count}`)),
          ...REACTIONS.map((emoji) => h("button", {
            type: "button", class: "emoji small", "aria-label": `React ${emoji} to ${message.fromName}'s message`,
            onclick: () => {
              this.chat.react(message.id, emoji);
              this.changed();
            },
          }, emoji)))));
    }
    for (const p of this.chat.pending.values()) {
      if (p.kind !== "text") {
        continue;
      }
      items.push(h("li", { class: "chat-message pending" },
        h("div", { class: "chat-meta" }, h("strong", {}, p.to ? `You to ${this.roster.nameOf(p.to)} (privately)` : "You"),
          h("span", { class: p.failed ? "error" : "muted" }, p.failed ?? "Sending…")),
        h("p", { class: "chat-text" }, p.text)));
    }
    const atBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 40;
    this.list.replaceChildren(...items);
    if (atBottom) {
      this.list.scrollTop = this.list.scrollHeight;
    }
  }

  private renderRecipients(): void {
    const setting = this.roster.settings?.chatWith ?? "everyone-and-private";
    const controls = this.roster.hasControls;
    const others = this.roster.order.filter((id) => id !== this.roster.selfId)
      .map((id) => this.roster.participants.get(id)).filter((p): p is ParticipantInfo => !!p);
    const canPrivate = controls || setting === "everyone-and-private" || setting === "hosts";
    const canPublic = controls || setting === "everyone" || setting === "everyone-and-private";
    const choices: [string, string][] = [];
    if (canPublic) choices.push(["", "Everyone"]);
    if (canPrivate) {
      for (const p of others) {
        if (controls || setting !== "hosts" || p.role === "host" || p.role === "co-host") {
          choices.push([p.participantId, p.name]);
        }
      }
    }
    const current = this.recipient.value;
    const key = JSON.stringify(choices);
    if (this.recipient.dataset.choices !== key) {
      this.recipient.dataset.choices = key;
      this.recipient.replaceChildren(...choices.map(([value, label]) => h("option", { value, selected: value === current }, label)));
    }
    const silent = choices.length === 0;
    this.input.disabled = silent;
    this.note.textContent = silent ? "The host has turned chat off for participants." : "";
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (!text || this.input.disabled) {
      return;
    }
    this.chat.sendText(text, this.recipient.value || null);
    this.input.value = "";
    this.changed();
  }
}

function time(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}
