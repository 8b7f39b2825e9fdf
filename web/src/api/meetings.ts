// Meetings as the API shows them (Zoom API v2 names) and the calls the client makes.

import { apiJson, apiText } from "./http";

export const MeetingType = { Instant: 1, Scheduled: 2, RecurringNoFixedTime: 3, RecurringFixedTime: 8 } as const;
export const RecurrenceType = { Daily: 1, Weekly: 2, Monthly: 3 } as const;

export interface Recurrence {
  type: number;
  repeat_interval?: number;
  /** Comma-separated "1".."7", 1 = Sunday. */
  weekly_days?: string | null;
  end_times?: number | null;
  end_date_time?: string | null;
}

export interface MeetingSettings {
  waiting_room?: boolean;
  mute_upon_entry?: boolean;
  join_before_host?: boolean;
  host_video?: boolean;
  participant_video?: boolean;
}

export interface Occurrence {
  occurrence_id: string;
  start_time: string;
  duration: number;
  status: string;
}

export interface MeetingListItem {
  id: number;
  uuid: string;
  topic: string | null;
  type: number;
  status: string;
  start_time: string | null;
  duration: number;
  timezone: string | null;
  join_url: string;
}

export interface Meeting extends MeetingListItem {
  password: string | null;
  settings: MeetingSettings;
  recurrence: Recurrence | null;
  occurrences: Occurrence[] | null;
}

export interface MeetingRequest {
  topic?: string;
  type: number;
  /** Local time in `timezone` (no offset), as the API reads it. */
  start_time?: string;
  duration?: number;
  timezone?: string;
  password?: string;
  recurrence?: Recurrence;
  settings?: MeetingSettings;
}

export function createMeeting(request: MeetingRequest): Promise<Meeting> {
  return apiJson<Meeting>("POST", "/v2/users/me/meetings", { body: request });
}

export async function upcomingMeetings(): Promise<MeetingListItem[]> {
  const page = await apiJson<{ meetings: MeetingListItem[] }>("GET", "/v2/users/me/meetings?type=upcoming&page_size=30");
  return page.meetings;
}

export function getMeeting(id: string | number): Promise<Meeting> {
  return apiJson<Meeting>("GET", `/v2/meetings/${encodeURIComponent(String(id))}`);
}

export function invitationText(id: string | number): Promise<string> {
  return apiText("GET", `/v2/meetings/${encodeURIComponent(String(id))}/invitation`);
}

/** The path and query of a join link, so the client stays on its own origin whatever base the server used. */
export function joinPath(joinUrl: string): string {
  const url = new URL(joinUrl, window.location.origin);
  return url.pathname + url.search;
}
