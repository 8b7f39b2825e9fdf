// A microphone level bar drawn from an AnalyserNode, so people can see that they are heard.

export class LevelMeter {
  private context: AudioContext | null = null;
  private frame = 0;
  private source: MediaStreamAudioSourceNode | null = null;

  constructor(private readonly bar: HTMLElement) {}

  attach(stream: MediaStream): void {
    this.detach();
    if (stream.getAudioTracks().length === 0 || typeof AudioContext === "undefined") {
      this.bar.style.setProperty("--level", "0");
      return;
    }
    if (!this.context) {
      this.context = new AudioContext();
      // Browsers start audio contexts suspended until a user gesture: resume on the first one.
      document.addEventListener("pointerdown", () => this.resume(), { once: true });
    }
    const analyser = this.context.createAnalyser();
    analyser.fftSize = 512;
    this.source = this.context.createMediaStreamSource(stream);
    this.source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const draw = (): void => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) {
        sum += s * s;
      }
      const rms = Math.sqrt(sum / samples.length);
      this.bar.style.setProperty("--level", Math.min(1, rms * 4).toFixed(3));
      this.frame = requestAnimationFrame(draw);
    };
    draw();
  }

  /** Browsers start audio contexts suspended until a user gesture. */
  resume(): void {
    void this.context?.resume();
  }

  detach(): void {
    cancelAnimationFrame(this.frame);
    this.source?.disconnect();
    this.source = null;
  }

  close(): void {
    this.detach();
    void this.context?.close();
    this.context = null;
  }
}
