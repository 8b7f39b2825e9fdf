// The meeting signaling's messages as the web client reads them (docs/signaling.md, v1). Only the fields
// the client uses are typed; the server may send more.

export type Role = "host" | "co-host" | "participant" | "guest";
export type Source = "microphone" | "camera" | "screen";
export type VideoLayer = "low" | "medium" | "high";

export interface ParticipantInfo {
  participantId: string;
  name: string;
  role: Role;
  muted: boolean;
  videoOn: boolean;
  handRaised: boolean;
  sharing: boolean;
  joinedAt?: string;
}

export interface MeetingSettings {
  waitingRoom: boolean;
  muteOnEntry: boolean;
  joinBeforeHost: boolean;
  allowParticipantsUnmute: boolean;
  allowRenameSelf: boolean;
  screenShare: "one" | "many";
  locked: boolean;
  allowRemovedToRejoin: boolean;
  /** Whom participants may chat with (hosts and co-hosts always may). */
  chatWith?: "no-one" | "hosts" | "everyone" | "everyone-and-private";
  chatHistoryForLateJoiners?: boolean;
}

export interface WaitingPerson {
  participantId: string;
  name: string;
  since?: string;
}

export type MeetingStateName = "in-meeting" | "waiting" | "waiting-for-host";

export interface MeetingStateMessage {
  type: "meeting-state";
  state: MeetingStateName;
  you: ParticipantInfo | null;
  status: string;
  settings: MeetingSettings | null;
  participants: ParticipantInfo[] | null;
  waiting: WaitingPerson[] | null;
}

/** One receive section of a subscribe offer: whose track it is and what it shows. */
export interface OfferedTrack {
  mid: string;
  peerId: string;
  kind: "audio" | "video";
  source: Source;
}

/** Any server message; `type` tells which, the rest is read by the handler of that type. */
export interface ServerMessage {
  type: string;
  [field: string]: unknown;
}

export function isRole(value: unknown): value is Role {
  return value === "host" || value === "co-host" || value === "participant" || value === "guest";
}

export function holdsControls(role: Role | undefined): boolean {
  return role === "host" || role === "co-host";
}

/** Text for the codes a refused join or request can carry (docs/signaling.md). */
export function describeError(code: string, fallback: string): string {
  switch (code) {
    case "join-refused": return "The meeting ID or passcode is not right.";
    case "too-many-attempts": return "Too many attempts. Wait a little and try again.";
    case "unauthorized": return "Your sign-in has expired. Sign in again to join as yourself.";
    case "locked": return "The host has locked this meeting.";
    case "room-full": return "This meeting is full.";
    case "removed": return "You were removed from this meeting and cannot rejoin.";
    case "invalid-name": return "Enter a name of 1 to 64 characters.";
    case "not-allowed": return "Only the host or a co-host can do that.";
    case "ended": return "This meeting has ended.";
    case "chat-not-allowed": return "The host does not allow that chat.";
    case "unknown-recipient": return "That person is not in the meeting.";
    case "rate-limited": return "You are sending messages too fast. Wait a moment.";
    case "unknown-message": return "That message is no longer there.";
    case "unknown-file": return "That file is not available to send.";
    case "chat-unavailable": return "The chat could not be saved. Trying again…";
    case "media-full": return "The media server cannot take more people in this meeting.";
    default: return fallback || code;
  }
}
