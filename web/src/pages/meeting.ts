// /m/<id>: the meeting. The pre-join screen left the person's choices in this tab; without them (a link
// opened straight to /m/) the pre-join screen comes first.

import { loadJoinChoices } from "../media/join-choices";
import { MeetingSession } from "../meeting/meeting-session";
import { navigate, type Cleanup, type RouteContext } from "../router";

declare global {
  interface Window {
    /** The meeting on this page, for tests and tools. */
    confabMeeting?: MeetingSession;
  }
}

export function renderMeeting({ main, params }: RouteContext): Cleanup | void {
  const meetingId = params[0] ?? "";
  const choices = loadJoinChoices(meetingId);
  if (!choices) {
    navigate(`/j/${meetingId}`, { replace: true });
    return;
  }
  const session = new MeetingSession(main, meetingId, choices);
  window.confabMeeting = session;
  void session.start();
  return () => {
    session.dispose();
    if (window.confabMeeting === session) {
      delete window.confabMeeting;
    }
  };
}
