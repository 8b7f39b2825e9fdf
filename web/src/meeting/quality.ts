// The connection-quality indicator: good / fair / poor from what the browser measures — the round-trip
// time of the active ICE pair and the share of received packets lost since the last look.

export type Quality = "good" | "fair" | "poor" | "unknown";

export interface QualitySample {
  rttMs: number | null;
  packetsReceived: number;
  packetsLost: number;
}

export class QualityMeter {
  private last: QualitySample | null = null;

  /** Grades the interval since the previous sample. */
  grade(sample: QualitySample): Quality {
    const previous = this.last;
    this.last = sample;
    if (!previous) {
      return sample.rttMs === null ? "unknown" : gradeRtt(sample.rttMs);
    }
    const received = Math.max(0, sample.packetsReceived - previous.packetsReceived);
    const lost = Math.max(0, sample.packetsLost - previous.packetsLost);
    const lossRatio = received + lost === 0 ? 0 : lost / (received + lost);
    const byLoss: Quality = lossRatio > 0.08 ? "poor" : lossRatio > 0.02 ? "fair" : "good";
    const byRtt = sample.rttMs === null ? "good" : gradeRtt(sample.rttMs);
    return worse(byLoss, byRtt);
  }
}

function gradeRtt(ms: number): Quality {
  return ms > 400 ? "poor" : ms > 150 ? "fair" : "good";
}

function worse(a: Quality, b: Quality): Quality {
  const rank: Record<Quality, number> = { unknown: 0, good: 1, fair: 2, poor: 3 };
  return rank[a] >= rank[b] ? a : b;
}

/** The round-trip time of the connection's selected candidate pair, in ms. */
export async function roundTripMs(pc: RTCPeerConnection | null): Promise<number | null> {
  if (!pc) {
    return null;
  }
  const stats = await pc.getStats();
  let rtt: number | null = null;
  stats.forEach((report: Record<string, unknown>) => {
    if (report.type === "candidate-pair" && report.nominated === true && report.state === "succeeded" && typeof report.currentRoundTripTime === "number") {
      rtt = report.currentRoundTripTime * 1000;
    }
  });
  return rtt;
}
