// The chat panel: messages (always as text, never as HTML), whom to send to — Everyone or one person — a
// text box, a file to attach, reactions on a message, and the messages still being sent or refused. A file
// message is a button that downloads the file.

import { h } from "../../ui/dom";
import type { ChatFileInfo, ChatState } from "../chat";
import type { UploadedFile } from "../chat-files";
import type { ParticipantInfo } from "../protocol";
import type { Roster } from "../roster";

const REACTIONS = ["👍", "❤️", "😂", "🎉"];

/** Uploads and downloads chat files for the panel. */
export interface ChatFileActions {
  upload(file: File): Promise<UploadedFile>;
  download(file: ChatFileInfo): Promise<void>;
}

export class ChatPanel {
  readonly element = h("aside", { class: "panel chat", "aria-labelledby": "chat-heading", hidden: true });
  private readonly list = h("ol", { class: "chat-messages", "aria-live": "polite" });
  private readonly recipient = h("select", { "aria-label": "Send to" });
  private readonly input = h("textarea", { rows: 2, maxlength: 4000, "aria-label": "Message", placeholder: "Type a message…" });
  private readonly note = h("p", { class: "hint" });
  private readonly fileInput = h("input", { type: "file", hidden: true, "aria-label": "File to send" });
  private readonly attach = h("button", { type: "button", class: "ghost small" }, "Attach a file");
  private fileProblem = "";

  constructor(private readonly chat: ChatState, private readonly roster: Roster, private readonly close: () => void, private readonly changed: () => void,
    private readonly files: ChatFileActions) {
    this.attach.addEventListener("click", () => this.fileInput.click());
    this.fileInput.addEventListener("change", () => void this.sendFile());
    const form = h("form", {
      class: "chat-form",
      onsubmit: (event: Event) => {
        event.preventDefault();
        this.submit();
      },
    }, h("label", { class: "inline" }, "To", this.recipient), this.input, this.note,
    h("div", { class: "chat-actions" }, this.fileInput, this.attach, h("button", { type: "submit", class: "primary small" }, "Send")));
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
        message.type === "file" && message.file ? this.fileButton(message.file) : h("p", { class: "chat-text" }, message.text),
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
      if (p.kind === "reaction") {
        continue;
      }
      items.push(h("li", { class: "chat-message pending" },
        h("div", { class: "chat-meta" }, h("strong", {}, p.to ? `You to ${this.roster.nameOf(p.to)} (privately)` : "You"),
          h("span", { class: p.failed ? "error" : "muted" }, p.failed ?? "Sending…")),
        h("p", { class: "chat-text" }, p.kind === "file" ? `📎 ${p.text}` : p.text)));
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
    this.attach.disabled = silent;
    this.note.textContent = silent ? "The host has turned chat off for participants." : this.fileProblem;
  }

  private fileButton(file: ChatFileInfo): HTMLElement {
    return h("p", { class: "chat-text" }, h("button", {
      type: "button", class: "ghost small chat-file", "aria-label": `Download ${file.name}`,
      onclick: () => {
        this.files.download(file).catch((e: unknown) => this.showFileProblem(e));
      },
    }, `📎 ${file.name} (${size(file.size)})`));
  }

  private async sendFile(): Promise<void> {
    const file = this.fileInput.files?.[0];
    this.fileInput.value = "";
    if (!file || this.attach.disabled) {
      return;
    }
    const to = this.recipient.value || null;
    this.attach.disabled = true;
    this.showFileProblem(null);
    try {
      const uploaded = await this.files.upload(file);
      this.chat.sendFile(uploaded.fileId, uploaded.name, to);
    } catch (e) {
      this.showFileProblem(e);
    } finally {
      this.attach.disabled = false;
      this.changed();
    }
  }

  private showFileProblem(e: unknown): void {
    this.fileProblem = e === null ? "" : e instanceof Error ? e.message : "The file could not be shared.";
    this.note.textContent = this.fileProblem;
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

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
