// In-meeting chat as the page keeps it (docs/signaling.md, Chat): messages by id in id order (ids are
// time-ordered), each shown once however often it arrives; sends carry an idempotency key and are retried
// until the server acknowledges them (it stores a repeat once); history after the last id seen on join and
// after a resume.

/** The file a `file` message carries; its bytes are fetched from `url` with the participant header. */
export interface ChatFileInfo {
  id: string;
  name: string;
  size: number;
  contentType: string;
  url: string;
}

export interface ChatMessage {
  id: string;
  from: string;
  fromName: string;
  to: string | null;
  /** A participant's public message while only hosts may be written to: the sender and the hosts see it. */
  toHosts?: boolean;
  type: "text" | "reaction" | "file";
  /** The text, or a reaction's emoji; for a file, its name. */
  text: string;
  file?: ChatFileInfo | null;
  reactsTo: string | null;
  at: string;
}

export interface PendingSend {
  clientId: string;
  to: string | null;
  /** The text, or a reaction's emoji; for a file, its name. */
  text: string;
  failed?: string;
}

type Pending = PendingSend & { sentAt: number; kind: "text" | "reaction" | "file"; reactsTo?: string; fileId?: string };

const RETRY_MS = 5000;

export class ChatState {
  private readonly byId = new Map<string, ChatMessage>();
  readonly pending = new Map<string, Pending>();
  ordered: ChatMessage[] = [];
  unread = 0;
  panelOpen = false;

  constructor(private readonly send: (message: Record<string, unknown>) => boolean) {}

  get lastId(): string | null {
    return this.ordered.at(-1)?.id ?? null;
  }

  /** Texts and files in id order, with the reactions gathered under the message they react to. */
  texts(): { message: ChatMessage; reactions: Map<string, number> }[] {
    const reactions = new Map<string, Map<string, number>>();
    for (const m of this.ordered) {
      if (m.type === "reaction" && m.reactsTo) {
        const counts = reactions.get(m.reactsTo) ?? new Map<string, number>();
        counts.set(m.text, (counts.get(m.text) ?? 0) + 1);
        reactions.set(m.reactsTo, counts);
      }
    }
    return this.ordered.filter((m) => m.type === "text" || m.type === "file").map((message) => ({ message, reactions: reactions.get(message.id) ?? new Map() }));
  }

  sendText(text: string, to: string | null): void {
    this.queue({ clientId: newClientId(), to, text, sentAt: 0, kind: "text" });
  }

  /** Sends a file already uploaded (its `fileId` from the upload). */
  sendFile(fileId: string, name: string, to: string | null): void {
    this.queue({ clientId: newClientId(), to, text: name, sentAt: 0, kind: "file", fileId });
  }

  react(messageId: string, emoji: string): void {
    this.queue({ clientId: newClientId(), to: null, text: emoji, sentAt: 0, kind: "reaction", reactsTo: messageId });
  }

  /** A message arrived (`chat`, or in a history page); returns false when it was already known. */
  received(message: ChatMessage, countUnread: boolean, selfId: string | null): boolean {
    if (!message || typeof message.id !== "string" || this.byId.has(message.id)) {
      return false;
    }
    if (message.type === "file") {
      message.text = message.file?.name ?? "file";
    }
    this.byId.set(message.id, message);
    // Ids grow with time: nearly always an append; a history page merged late goes to its place.
    const last = this.ordered.at(-1);
    if (!last || last.id < message.id) {
      this.ordered.push(message);
    } else {
      this.ordered.push(message);
      this.ordered.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
    if (countUnread && !this.panelOpen && message.from !== selfId && message.type !== "reaction") {
      this.unread += 1;
    }
    return true;
  }

  acknowledged(clientId: string): void {
    this.pending.delete(clientId);
  }

  refused(clientId: string, reason: string): void {
    const pending = this.pending.get(clientId);
    if (pending) {
      pending.failed = reason;
    }
  }

  /** Sends what is not acknowledged yet (after a resume, and every few seconds). */
  retry(now: number): void {
    for (const p of this.pending.values()) {
      if (!p.failed && now - p.sentAt >= RETRY_MS) {
        this.transmit(p, now);
      }
    }
  }

  /** Asks for what was said since the last message this page has (all of it on first join). */
  catchUp(): void {
    const after = this.lastId;
    this.send({ type: "chat-history", ...(after ? { after } : {}), limit: 500 });
  }

  private queue(p: Pending): void {
    this.pending.set(p.clientId, p);
    this.transmit(p, Date.now());
  }

  private transmit(p: Pending, now: number): void {
    p.sentAt = now;
    if (p.kind === "reaction") {
      this.send({ type: "chat-react", clientId: p.clientId, messageId: p.reactsTo, emoji: p.text });
    } else if (p.kind === "file") {
      this.send({ type: "chat-send", clientId: p.clientId, to: p.to, file: p.fileId });
    } else {
      this.send({ type: "chat-send", clientId: p.clientId, to: p.to, text: p.text });
    }
  }
}

function newClientId(): string {
  return crypto.randomUUID().replaceAll("-", "");
}
