// The local camera and microphone before joining: one MediaStream whose tracks are replaced when a
// device is switched or the camera is turned off and on again (a stopped camera turns its light off).

export type MediaKind = "audio" | "video";

export interface DeviceLists {
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
}

export class LocalPreview {
  readonly stream = new MediaStream();
  private readonly deviceIds: Record<MediaKind, string | undefined> = { audio: undefined, video: undefined };

  /** Asks for both at once (one permission prompt); on failure, for each alone. Returns what failed, by kind. */
  async start(audioDevice?: string, videoDevice?: string): Promise<Partial<Record<MediaKind, string>>> {
    this.deviceIds.audio = audioDevice;
    this.deviceIds.video = videoDevice;
    try {
      const both = await navigator.mediaDevices.getUserMedia({ audio: constraint(audioDevice), video: videoConstraint(videoDevice) });
      for (const track of both.getTracks()) {
        this.put(track);
      }
      return {};
    } catch {
      const failures: Partial<Record<MediaKind, string>> = {};
      for (const kind of ["audio", "video"] as const) {
        try {
          await this.acquire(kind);
        } catch (e) {
          failures[kind] = describe(e, kind);
        }
      }
      return failures;
    }
  }

  /** Re-acquires one kind from the given device (or the current one). */
  async acquire(kind: MediaKind, deviceId = this.deviceIds[kind]): Promise<void> {
    this.release(kind);
    this.deviceIds[kind] = deviceId;
    const stream = await navigator.mediaDevices.getUserMedia({ [kind]: kind === "video" ? videoConstraint(deviceId) : constraint(deviceId) });
    for (const track of stream.getTracks()) {
      this.put(track);
    }
  }

  release(kind: MediaKind): void {
    for (const track of this.tracks(kind)) {
      track.stop();
      this.stream.removeTrack(track);
    }
  }

  /** Mutes without giving up the device, so unmuting is instant. */
  setEnabled(kind: MediaKind, enabled: boolean): void {
    for (const track of this.tracks(kind)) {
      track.enabled = enabled;
    }
  }

  has(kind: MediaKind): boolean {
    return this.tracks(kind).some((t) => t.readyState === "live");
  }

  /** The device actually in use (after a default choice), for the pickers. */
  currentDevice(kind: MediaKind): string | undefined {
    return this.tracks(kind)[0]?.getSettings().deviceId ?? this.deviceIds[kind];
  }

  stop(): void {
    this.release("audio");
    this.release("video");
  }

  /** Gives up the live tracks without stopping them (the meeting page takes them over). */
  detach(): MediaStreamTrack[] {
    const tracks = this.stream.getTracks();
    for (const track of tracks) {
      this.stream.removeTrack(track);
    }
    return tracks;
  }

  private tracks(kind: MediaKind): MediaStreamTrack[] {
    return kind === "audio" ? this.stream.getAudioTracks() : this.stream.getVideoTracks();
  }

  private put(track: MediaStreamTrack): void {
    this.release(track.kind as MediaKind);
    this.stream.addTrack(track);
  }
}

/** Cameras and microphones; their labels are only filled in once permission was given. */
export async function listDevices(): Promise<DeviceLists> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return {
    cameras: devices.filter((d) => d.kind === "videoinput" && d.deviceId),
    microphones: devices.filter((d) => d.kind === "audioinput" && d.deviceId),
  };
}

function constraint(deviceId: string | undefined): MediaTrackConstraints | boolean {
  return deviceId ? { deviceId: { exact: deviceId } } : true;
}

/** The camera at 720p when it can (what the meeting sends), from the chosen device. */
function videoConstraint(deviceId: string | undefined): MediaTrackConstraints {
  return { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), width: { ideal: 1280 }, height: { ideal: 720 } };
}

function describe(error: unknown, kind: MediaKind): string {
  const what = kind === "audio" ? "microphone" : "camera";
  const name = error instanceof DOMException ? error.name : "";
  switch (name) {
    case "NotAllowedError":
      return `Access to the ${what} was refused. Allow it in the browser's site settings.`;
    case "NotFoundError":
    case "OverconstrainedError":
      return `No ${what} was found.`;
    case "NotReadableError":
      return `The ${what} is in use by another program.`;
    default:
      return `The ${what} could not be started.`;
  }
}
