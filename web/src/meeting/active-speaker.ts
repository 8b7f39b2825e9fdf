// Who is speaking, from the audio levels of the received streams (RTCInboundRtpStreamStats.audioLevel,
// 0..1). A person becomes the speaker after being loudest above a threshold for a moment, and stays so
// until someone else is — so the speaker view does not flicker between people on every syllable.

const SPEAKING_LEVEL = 0.02;
const HOLD_MS = 1200;

export class ActiveSpeaker {
  private current: string | null = null;
  private candidate: string | null = null;
  private candidateSince = 0;
  readonly speaking = new Set<string>();

  get speaker(): string | null {
    return this.current;
  }

  /** Feeds the latest levels by participant id; returns true when the speaker changed. */
  update(levels: Map<string, number>, now: number): boolean {
    this.speaking.clear();
    let loudest: string | null = null;
    let loudestLevel = SPEAKING_LEVEL;
    for (const [id, level] of levels) {
      if (level >= SPEAKING_LEVEL) {
        this.speaking.add(id);
      }
      if (level >= loudestLevel) {
        loudest = id;
        loudestLevel = level;
      }
    }
    if (this.current !== null && !levels.has(this.current)) {
      this.current = null; // They left, or we no longer hear them.
    }
    if (loudest === null || loudest === this.current) {
      this.candidate = null;
      return false;
    }
    if (loudest !== this.candidate) {
      this.candidate = loudest;
      this.candidateSince = now;
    }
    if (this.current === null || now - this.candidateSince >= HOLD_MS) {
      this.current = loudest;
      this.candidate = null;
      return true;
    }
    return false;
  }
}
