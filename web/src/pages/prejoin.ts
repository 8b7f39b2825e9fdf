// /j/<id>?pwd=<token>: the pre-join screen. Camera and microphone preview, device pickers, mute and
// video-off toggles, the display name, a passcode prompt when the link has no token, and Join.
// Join keeps the choices in this tab and opens /m/<id>, the meeting.

import { getMeeting } from "../api/meetings";
import { isSignedIn } from "../api/tokens";
import { currentUser } from "../api/users";
import { lastDisplayName, rememberDisplayName, saveJoinChoices } from "../media/join-choices";
import { handOver } from "../media/device-handoff";
import { coolDown, warmUp } from "../meeting/media-connections";
import { dropPreconnected, preconnect } from "../meeting/signaling";
import { LevelMeter } from "../media/level-meter";
import { listDevices, LocalPreview, type MediaKind } from "../media/local-preview";
import { navigate, type Cleanup, type RouteContext } from "../router";
import { field, formatMeetingId, h } from "../ui/dom";
import type { JoinState } from "../ui/join-box";

export function renderPreJoin({ main, params, query, state }: RouteContext): Cleanup {
  const meetingId = params[0] ?? "";
  const joinToken = query.get("pwd") ?? undefined;
  const typedPasscode = (state as JoinState | null)?.passcode;
  const preview = new LocalPreview();
  let disposed = false;
  /** Join was pressed: the media connections made ahead go to the meeting page. */
  let joining = false;

  // Preview.
  const video = h("video", { class: "preview-video", autoplay: true, muted: true, playsInline: true, "aria-label": "Your camera preview" });
  video.srcObject = preview.stream;
  const videoOffNote = h("p", { class: "video-off-note", hidden: true }, "Camera is off");
  const mediaError = h("p", { class: "error", role: "alert" });
  const levelBar = h("div", { class: "level", "aria-hidden": "true" }, h("span", {}));
  const meter = new LevelMeter(levelBar);

  // Toggles: aria-pressed tells the state, the text tells the action.
  let audioMuted = false;
  let videoOff = false;
  const muteButton = h("button", { type: "button", class: "toggle", "aria-pressed": "false" }, "Mute");
  const videoButton = h("button", { type: "button", class: "toggle", "aria-pressed": "false" }, "Stop video");

  // Form.
  const name = h("input", { type: "text", name: "display_name", autocomplete: "name", required: true, maxlength: 128, value: isSignedIn() ? "" : lastDisplayName() });
  const passcode = h("input", { type: "password", name: "passcode", autocomplete: "off", "aria-required": "true", maxlength: 10 });
  const needsPasscode = !joinToken && !typedPasscode;
  const camera = h("select", { name: "camera" });
  const microphone = h("select", { name: "microphone" });
  const topic = h("p", { class: "muted" });
  const formError = h("p", { class: "error", role: "alert" });
  const join = h("button", { type: "submit", class: "primary big" }, "Join");

  const refreshDevices = async (): Promise<void> => {
    const { cameras, microphones } = await listDevices();
    fill(camera, cameras, preview.currentDevice("video"), "Camera");
    fill(microphone, microphones, preview.currentDevice("audio"), "Microphone");
  };

  const switchDevice = async (kind: MediaKind, deviceId: string): Promise<void> => {
    mediaError.textContent = "";
    if (kind === "video" && videoOff) {
      return; // Used when the camera is turned back on.
    }
    try {
      await preview.acquire(kind, deviceId);
      if (kind === "audio") {
        preview.setEnabled("audio", !audioMuted);
        meter.attach(preview.stream);
      }
      void video.play().catch(() => undefined);
    } catch {
      mediaError.textContent = kind === "audio" ? "That microphone could not be started." : "That camera could not be started.";
    }
  };
  camera.addEventListener("change", () => void switchDevice("video", camera.value));
  microphone.addEventListener("change", () => void switchDevice("audio", microphone.value));

  muteButton.addEventListener("click", () => {
    meter.resume();
    audioMuted = !audioMuted;
    preview.setEnabled("audio", !audioMuted);
    muteButton.setAttribute("aria-pressed", String(audioMuted));
    muteButton.textContent = audioMuted ? "Unmute" : "Mute";
    levelBar.classList.toggle("muted-level", audioMuted);
  });
  videoButton.addEventListener("click", async () => {
    videoOff = !videoOff;
    videoButton.setAttribute("aria-pressed", String(videoOff));
    videoButton.textContent = videoOff ? "Start video" : "Stop video";
    videoOffNote.hidden = !videoOff;
    if (videoOff) {
      preview.release("video");
    } else {
      await switchDevice("video", camera.value);
    }
  });

  const form = h("form", {
    class: "card stack prejoin-form",
    onsubmit: (event: Event) => {
      event.preventDefault();
      formError.textContent = "";
      const displayName = name.value.trim();
      if (!displayName) {
        formError.textContent = "Enter the name others will see.";
        name.focus();
        return;
      }
      if (needsPasscode && !passcode.value) {
        formError.textContent = "Enter the meeting passcode.";
        passcode.focus();
        return;
      }
      rememberDisplayName(displayName);
      saveJoinChoices({
        meetingId,
        displayName,
        audioMuted,
        videoOff,
        microphoneId: preview.currentDevice("audio") ?? (microphone.value || undefined),
        cameraId: preview.currentDevice("video") ?? (camera.value || undefined),
        joinToken,
        passcode: needsPasscode ? passcode.value : typedPasscode,
      });
      handOver(preview.detach());
      joining = true;
      navigate(`/m/${meetingId}`);
    },
  },
  h("h1", {}, "Ready to join?"),
  h("p", {}, `Meeting ID ${formatMeetingId(meetingId)}`),
  topic,
  field("Your name", name),
  needsPasscode ? field("Meeting passcode", passcode, "This link has no passcode in it: ask the host for it.") : null,
  field("Camera", camera),
  field("Microphone", microphone),
  formError,
  join);

  main.append(h("div", { class: "prejoin" },
    h("section", { class: "preview card", "aria-label": "Camera and microphone preview" },
      h("div", { class: "video-frame" }, video, videoOffNote),
      levelBar,
      h("div", { class: "actions toggles" }, muteButton, videoButton),
      mediaError),
    form));

  // Start the devices, then fill the pickers (labels are only known after permission).
  void (async () => {
    if (!navigator.mediaDevices?.getUserMedia) {
      mediaError.textContent = "This browser cannot use a camera or microphone here (it needs HTTPS).";
      return;
    }
    const failures = await preview.start();
    if (disposed) {
      preview.stop();
      return;
    }
    mediaError.textContent = [failures.video, failures.audio].filter(Boolean).join(" ");
    // While the person looks at the preview: the media connections a join needs (see media-connections.ts) and the
    // signaling socket.
    warmUp();
    preconnect();
    meter.attach(preview.stream);
    void video.play().catch(() => undefined);
    await refreshDevices();
  })();
  navigator.mediaDevices?.addEventListener?.("devicechange", refreshDevices);

  // Signed-in people: their name, and the topic when they host this meeting. There is no public lookup
  // of a meeting yet, so a guest sees the ID only.
  if (isSignedIn()) {
    void currentUser().then((user) => {
      if (!name.value && user.display_name) {
        name.value = user.display_name;
      }
    }, () => undefined);
    void getMeeting(meetingId).then((meeting) => {
      topic.textContent = `${meeting.topic ?? "Confab Meeting"} · you are the host`;
    }, () => undefined);
  }

  return () => {
    disposed = true;
    if (!joining) {
      coolDown();
      dropPreconnected();
    }
    navigator.mediaDevices?.removeEventListener?.("devicechange", refreshDevices);
    meter.close();
    preview.stop();
  };
}

function fill(select: HTMLSelectElement, devices: MediaDeviceInfo[], current: string | undefined, noun: string): void {
  const chosen = current ?? select.value;
  select.replaceChildren(...devices.map((d, i) => h("option", { value: d.deviceId, selected: d.deviceId === chosen }, d.label || `${noun} ${i + 1}`)));
  if (devices.length === 0) {
    select.append(h("option", { value: "" }, `No ${noun.toLowerCase()} found`));
  }
  select.disabled = devices.length === 0;
}
