// The pre-join screen's camera and microphone, handed to the meeting page when the person presses Join, so
// the meeting starts sending at once instead of opening the devices a second time.

const MAX_AGE_MS = 10_000;

let handed: { tracks: MediaStreamTrack[]; at: number } | null = null;

/** Keeps these live tracks for the next meeting page; whatever was handed before and not taken is stopped. */
export function handOver(tracks: MediaStreamTrack[]): void {
  release();
  handed = { tracks: tracks.filter((t) => t.readyState === "live"), at: Date.now() };
}

/** The handed-over track of this kind (taken once), or null. */
export function take(kind: "audio" | "video"): MediaStreamTrack | null {
  if (!handed || Date.now() - handed.at > MAX_AGE_MS) {
    release();
    return null;
  }
  const index = handed.tracks.findIndex((t) => t.kind === kind && t.readyState === "live");
  if (index < 0) {
    return null;
  }
  const [track] = handed.tracks.splice(index, 1);
  return track ?? null;
}

/** Stops what was handed over and not taken. */
export function release(): void {
  handed?.tracks.forEach((t) => t.stop());
  handed = null;
}
