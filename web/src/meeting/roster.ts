// Who is in the meeting and how, as the server tells it: meeting-state snapshots replace everything,
// events change one person. Each event also yields the toast a person of Zoom would expect, if any.

import { holdsControls, isRole, type MeetingSettings, type MeetingStateMessage, type MeetingStateName, type ParticipantInfo, type ServerMessage, type WaitingPerson } from "./protocol";

export class Roster {
  state: MeetingStateName | "joining" = "joining";
  selfId: string | null = null;
  settings: MeetingSettings | null = null;
  readonly participants = new Map<string, ParticipantInfo>();
  readonly waiting = new Map<string, WaitingPerson>();
  /** Participants in the order they came (longest present first), for the gallery. */
  order: string[] = [];

  get self(): ParticipantInfo | undefined {
    return this.selfId ? this.participants.get(this.selfId) : undefined;
  }

  get hasControls(): boolean {
    return holdsControls(this.self?.role);
  }

  get sharers(): ParticipantInfo[] {
    return this.order.map((id) => this.participants.get(id)).filter((p): p is ParticipantInfo => !!p?.sharing);
  }

  nameOf(id: unknown): string {
    return (typeof id === "string" && this.participants.get(id)?.name) || (typeof id === "string" && this.waiting.get(id)?.name) || "Someone";
  }

  applySnapshot(message: MeetingStateMessage): void {
    this.state = message.state;
    if (message.you) {
      this.selfId = message.you.participantId;
    }
    this.settings = message.settings;
    this.participants.clear();
    this.order = [];
    for (const p of message.participants ?? (message.you ? [message.you] : [])) {
      this.participants.set(p.participantId, { ...p });
      this.order.push(p.participantId);
    }
    if (message.you && !this.participants.has(message.you.participantId)) {
      this.participants.set(message.you.participantId, { ...message.you });
    }
    this.waiting.clear();
    for (const w of message.waiting ?? []) {
      this.waiting.set(w.participantId, w);
    }
  }

  /** Applies one event; returns the toast to show, if the event deserves one. */
  applyEvent(message: ServerMessage): string | null {
    const id = typeof message.participantId === "string" ? message.participantId : "";
    const p = this.participants.get(id);
    const me = id !== "" && id === this.selfId;
    const by = typeof message.by === "string" && message.by !== id ? message.by : null;
    switch (message.event) {
      case "participant-joined": {
        const name = typeof message.name === "string" ? message.name : "Someone";
        if (!this.participants.has(id)) {
          this.participants.set(id, { participantId: id, name, role: isRole(message.role) ? message.role : "participant", muted: message.muted === true, videoOn: message.videoOn !== false, handRaised: false, sharing: false });
          this.order.push(id);
        }
        this.waiting.delete(id);
        return me ? null : `${name} joined`;
      }
      case "participant-left": {
        const name = this.nameOf(id);
        this.participants.delete(id);
        this.order = this.order.filter((x) => x !== id);
        return `${name} left`;
      }
      case "put-in-waiting-room": {
        const name = typeof message.name === "string" ? message.name : this.nameOf(id);
        this.participants.delete(id);
        this.order = this.order.filter((x) => x !== id);
        if (!me) {
          this.waiting.set(id, { participantId: id, name });
        }
        return me ? (by ? "The host moved you to the waiting room" : null) : `${name} is in the waiting room`;
      }
      case "left-waiting-room":
        this.waiting.delete(id);
        return null;
      case "admitted":
      case "denied":
        this.waiting.delete(id);
        return null;
      case "muted":
        if (p) p.muted = true;
        return me && by ? `${this.nameOf(by)} muted you` : null;
      case "unmuted":
        if (p) p.muted = false;
        return null;
      case "unmute-requested":
        return `${this.nameOf(message.by)} asks you to unmute`;
      case "video-started":
        if (p) p.videoOn = true;
        return null;
      case "video-stopped":
        if (p) p.videoOn = false;
        return me && by ? `${this.nameOf(by)} stopped your video` : null;
      case "removed": {
        const name = this.nameOf(id);
        this.participants.delete(id);
        this.order = this.order.filter((x) => x !== id);
        return me ? null : `${name} was removed`;
      }
      case "renamed": {
        const before = this.nameOf(id);
        if (p && typeof message.name === "string") p.name = message.name;
        return me && by ? `${this.nameOf(by)} renamed you to ${p?.name ?? ""}` : me ? null : `${before} is now ${p?.name ?? ""}`;
      }
      case "role-changed":
        if (p && isRole(message.role)) p.role = message.role;
        if (me && message.role === "co-host") return "You are now a co-host";
        if (me && message.role === "host") return "You are now the host";
        return null;
      case "host-changed": {
        const previous = this.participants.get(typeof message.previous === "string" ? message.previous : "");
        if (previous?.role === "host") previous.role = "participant";
        if (p) p.role = "host";
        return me ? "You are now the host" : `${this.nameOf(id)} is now the host`;
      }
      case "lock-changed":
        if (this.settings) this.settings.locked = message.locked === true;
        return message.locked === true ? "The meeting is locked" : "The meeting is unlocked";
      case "waiting-room-changed":
        if (this.settings) this.settings.waitingRoom = message.on === true;
        return null;
      case "settings-changed":
        if (message.settings && typeof message.settings === "object") this.settings = message.settings as MeetingSettings;
        return null;
      case "share-started":
        if (p) p.sharing = true;
        return me ? "You are sharing your screen" : `${this.nameOf(id)} started sharing`;
      case "share-stopped":
        if (p) p.sharing = false;
        return null;
      case "hand-raised":
        if (p) p.handRaised = true;
        return me ? null : `${this.nameOf(id)} raised a hand`;
      case "hand-lowered":
        if (p) p.handRaised = false;
        return me && by ? `${this.nameOf(by)} lowered your hand` : null;
      case "time-limit-warning": {
        const minutes = Math.max(1, Math.round(Number(message.remainingSeconds) / 60));
        return `This meeting ends in ${minutes} minute${minutes === 1 ? "" : "s"}`;
      }
      default:
        return null;
    }
  }
}
