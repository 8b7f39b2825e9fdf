// The meeting's WebSocket (docs/signaling.md): JSON messages, a ping every 20 s, and — when the socket is
// lost without a leave — reconnecting with the resume token for up to 60 s, as the same participant.

import type { ServerMessage } from "./protocol";

export type SocketStatus = "connecting" | "open" | "reconnecting" | "closed";

export interface SignalingHandlers {
  /** The first message of every new socket: a join, or a resume once a resume token is known. */
  hello(resumeToken: string | null): Record<string, unknown>;
  message(message: ServerMessage): void;
  status(status: SocketStatus, reason?: string): void;
}

const PING_INTERVAL_MS = 20_000;
const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 3000];
/** Close reasons after which coming back is not possible or not wanted. */
const FINAL_REASONS = new Set(["removed", "denied", "meeting-ended", "replaced", "left"]);

/** The signaling endpoint of this server. */
export function signalingUrl(): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/sfu/ws`;
}

let preconnected: WebSocket | null = null;

/**
 * Opens the signaling socket ahead (the pre-join screen, while the person looks at the preview): Join then sends its
 * first message at once instead of waiting for a connection and its handshake. The server waits for that message.
 */
export function preconnect(): void {
  if (!preconnected || preconnected.readyState > WebSocket.OPEN) {
    preconnected = new WebSocket(signalingUrl());
  }
}

/** Closes a socket opened ahead and not taken (the person left the pre-join screen another way, the meeting ended). */
export function dropPreconnected(): void {
  preconnected?.close(1000, "unused");
  preconnected = null;
}

// The socket opened ahead for this url, when it is still connecting or open.
function takePreconnected(url: string): WebSocket | null {
  const socket = preconnected;
  preconnected = null;
  if (socket && socket.url === url && socket.readyState <= WebSocket.OPEN) {
    return socket;
  }
  socket?.close(1000, "unused");
  return null;
}

export class MeetingSignaling {
  private socket: WebSocket | null = null;
  private pingTimer: number | undefined;
  private retryTimer: number | undefined;
  private resumeToken: string | null = null;
  private resumeWithinMs = 60_000;
  private lostAt = 0;
  private attempts = 0;
  private finished = false;

  constructor(private readonly url: string, private readonly handlers: SignalingHandlers) {}

  connect(): void {
    this.open("connecting");
  }

  send(message: Record<string, unknown>): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) {
      return false;
    }
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** The latest resume token: it also proves the participant to the chat-file endpoints. */
  get token(): string | null {
    return this.resumeToken;
  }

  /** The server gave a (new) resume token: `joined` or `resumed`. */
  setResumeToken(token: string | null, withinSeconds?: number): void {
    this.resumeToken = token;
    if (withinSeconds && withinSeconds > 0) {
      this.resumeWithinMs = withinSeconds * 1000;
    }
  }

  /** Leaves for good: tells the server, then closes. */
  leave(): void {
    this.send({ type: "leave" });
    this.finish("left");
  }

  /** Stops without telling the server (the server ended the meeting, removed us, the page closed). */
  finish(reason: string): void {
    if (this.finished) {
      return;
    }
    this.finished = true;
    window.clearInterval(this.pingTimer);
    window.clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = null;
    if (socket && socket.readyState <= WebSocket.OPEN) {
      socket.close(1000, reason.slice(0, 100));
    }
    this.handlers.status("closed", reason);
  }

  private open(status: SocketStatus): void {
    this.handlers.status(status);
    const socket = takePreconnected(this.url) ?? new WebSocket(this.url);
    this.socket = socket;
    const opened = (): void => {
      if (this.socket !== socket) {
        return;
      }
      this.attempts = 0;
      socket.send(JSON.stringify(this.handlers.hello(this.resumeToken)));
      this.handlers.status("open");
      window.clearInterval(this.pingTimer);
      this.pingTimer = window.setInterval(() => this.send({ type: "ping" }), PING_INTERVAL_MS);
    };
    if (socket.readyState === WebSocket.OPEN) {
      queueMicrotask(opened); // opened ahead: the first message goes now (after the caller's own setup)
    } else {
      socket.onopen = opened;
    }
    socket.onmessage = (event) => {
      if (this.socket !== socket || typeof event.data !== "string") {
        return;
      }
      let message: ServerMessage;
      try {
        message = JSON.parse(event.data) as ServerMessage;
      } catch {
        return; // Not JSON: nothing the server sends; ignore rather than break the meeting.
      }
      if (message && typeof message.type === "string") {
        this.handlers.message(message);
      }
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) {
        return;
      }
      window.clearInterval(this.pingTimer);
      this.lost(event.reason);
    };
  }

  private lost(reason: string): void {
    if (this.finished) {
      return;
    }
    if (FINAL_REASONS.has(reason) || !this.resumeToken) {
      this.finish(reason || "disconnected");
      return;
    }
    const now = Date.now();
    if (this.attempts === 0) {
      this.lostAt = now;
    }
    if (now - this.lostAt > this.resumeWithinMs) {
      this.finish("disconnected");
      return;
    }
    const delay = RETRY_DELAYS_MS[Math.min(this.attempts, RETRY_DELAYS_MS.length - 1)] ?? 3000;
    this.attempts += 1;
    this.handlers.status("reconnecting");
    this.retryTimer = window.setTimeout(() => this.open("reconnecting"), delay);
  }
}
