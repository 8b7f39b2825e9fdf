// What the person chose on the pre-join screen, kept for the meeting view (per tab, per meeting).

export interface JoinChoices {
  meetingId: string;
  displayName: string;
  audioMuted: boolean;
  videoOff: boolean;
  microphoneId?: string;
  cameraId?: string;
  /** The join link's token (pwd), when the link carried one. */
  joinToken?: string;
  /** A passcode typed by the person, when there was no token. */
  passcode?: string;
}

const key = (meetingId: string): string => `confab.join.${meetingId}`;

export function saveJoinChoices(choices: JoinChoices): void {
  sessionStorage.setItem(key(choices.meetingId), JSON.stringify(choices));
}

export function loadJoinChoices(meetingId: string): JoinChoices | null {
  const text = sessionStorage.getItem(key(meetingId));
  if (!text) {
    return null;
  }
  try {
    const value = JSON.parse(text) as JoinChoices;
    return value.meetingId === meetingId ? value : null;
  } catch {
    return null;
  }
}

/** The name typed last time, so a guest does not retype it. */
export function lastDisplayName(): string {
  return localStorage.getItem("confab.displayName") ?? "";
}

export function rememberDisplayName(name: string): void {
  localStorage.setItem("confab.displayName", name);
}
