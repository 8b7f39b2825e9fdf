// One person's stay in a meeting: the signaling socket, the two media connections, the roster, and the
// views drawn from them. Server messages change the roster or the media; every change redraws.

import { currentAccessToken } from "../api/http";
import type { JoinChoices } from "../media/join-choices";
import { h } from "../ui/dom";
import { ActiveSpeaker } from "./active-speaker";
import { ChatState, type ChatMessage } from "./chat";
import { downloadChatFile, uploadChatFile } from "./chat-files";
import { describeError, type MeetingStateMessage, type ParticipantInfo, type ServerMessage } from "./protocol";
import { Publisher } from "./publisher";
import { QualityMeter, roundTripMs, type Quality } from "./quality";
import { Roster } from "./roster";
import { dropPreconnected, MeetingSignaling, signalingUrl, type SocketStatus } from "./signaling";
import { Subscriber, type ReceivedCounts } from "./subscriber";
import { Controls } from "./views/controls";
import { connectingNotice, endNotice, waitingNotice } from "./views/notices";
import { RemoteAudio } from "./remote-audio";
import { ChatPanel } from "./views/chat-panel";
import { MeetingHeader } from "./views/meeting-header";
import { ParticipantsPanel } from "./views/participants-panel";
import { Stage, type VideoChoice } from "./views/stage";
import { Toasts } from "./views/toasts";
import { coolDown } from "./media-connections";

const STATS_INTERVAL_MS = 500;
/** The longest a joining page waits for its subscribe connection before it starts publishing. */
const PUBLISH_AFTER_SUBSCRIBE_MAX_WAIT_MS = 1000;

/** A random key this browser keeps and sends when joining as a guest, so a removed guest stays removed. */
function guestKey(): string {
  let key = localStorage.getItem("confab.guestKey");
  if (!key || !/^[A-Za-z0-9_-]{16,64}$/.test(key)) {
    key = crypto.randomUUID().replaceAll("-", "");
    localStorage.setItem("confab.guestKey", key);
  }
  return key;
}

export class MeetingSession {
  readonly roster = new Roster();
  /** Every event received, in order (the tests read it: a resume must show nobody leaving or joining). */
  readonly events: string[] = [];
  private readonly signaling: MeetingSignaling;
  private readonly publisher: Publisher;
  private readonly subscriber: Subscriber;
  private readonly speaker = new ActiveSpeaker();
  private readonly quality = new QualityMeter();
  private readonly root = h("div", { class: "meeting" });
  private readonly body = h("div", { class: "meeting-body" });
  private readonly audio = new RemoteAudio();
  private readonly head: MeetingHeader;
  private readonly toasts = new Toasts();
  private readonly stage: Stage;
  private readonly panel: ParticipantsPanel;
  readonly chat: ChatState;
  private readonly chatPanel: ChatPanel;
  private readonly controls: Controls;
  private topic = "";
  private connection: SocketStatus = "connecting";
  private qualityNow: Quality = "unknown";
  private lastSelection = "";
  private statsTimer: number | undefined;
  private mediaStarted = false;
  private ended = false;
  private latestCounts = new Map<string, ReceivedCounts>();

  constructor(private readonly main: HTMLElement, private readonly meetingId: string, private readonly choices: JoinChoices) {
    this.signaling = new MeetingSignaling(signalingUrl(), {
      hello: (token) => this.hello(token),
      message: (m) => this.onMessage(m),
      status: (s, reason) => this.onStatus(s, reason),
    });
    const error = (where: string, err: unknown): void => console.error(`${where}:`, err);
    this.publisher = new Publisher({ send: (m) => this.signaling.send(m), error });
    this.subscriber = new Subscriber({ send: (m) => this.signaling.send(m), error, changed: () => this.drawStage() });
    this.stage = new Stage(() => this.drawStage());
    this.head = new MeetingHeader(meetingId, {
      request: (m) => this.request(m),
      showWaitingRoom: () => {
        this.panel.open = true;
        this.chatPanel.open = false;
        this.draw();
      },
    });
    this.panel = new ParticipantsPanel((m) => this.request(m), () => this.togglePanel());
    this.chat = new ChatState((m) => this.signaling.send(m));
    this.chatPanel = new ChatPanel(this.chat, this.roster, () => this.toggleChat(), () => this.draw(), {
      upload: (file) => uploadChatFile(this.meetingId, this.signaling.token ?? "", file),
      download: (file) => downloadChatFile(file, this.signaling.token ?? ""),
    });
    this.controls = new Controls({
      toggleMute: () => this.toggleMute(),
      toggleVideo: () => void this.toggleVideo(),
      toggleShare: () => void this.toggleShare(),
      react: (emoji) => this.request({ type: "react", emoji }),
      toggleHand: () => this.request({ type: this.roster.self?.handRaised ? "lower-hand" : "raise-hand" }),
      togglePanel: () => this.togglePanel(),
      toggleChat: () => this.toggleChat(),
      toggleMode: () => {
        this.stage.mode = this.stage.mode === "gallery" ? "speaker" : "gallery";
        this.draw();
      },
      leave: () => this.leave(),
      endForAll: () => this.request({ type: "end-for-all" }),
    });
  }

  async start(accessToken?: string): Promise<void> {
    this.accessToken = accessToken ?? await currentAccessToken();
    this.main.replaceChildren(connectingNotice("Joining the meeting…"));
    document.body.classList.add("in-meeting");
    // The devices open while the socket connects and the server admits us; publishing waits for both.
    this.devicesReady = this.publisher.openDevices(
      { microphoneId: this.choices.microphoneId, cameraId: this.choices.cameraId }, this.choices.audioMuted, !this.choices.videoOff)
      .then((failures) => {
        performance.mark("confab:devices-ready");
        failures.forEach((f) => this.toasts.show(f));
      });
    this.signaling.connect();
    this.statsTimer = window.setInterval(() => void this.poll(), STATS_INTERVAL_MS);
  }

  private devicesReady: Promise<void> = Promise.resolve();
  /** How many welcomes (media room starts) this page had: a start that waited checks it is still the latest. */
  private welcomes = 0;
  /** A resume happened: the next snapshot asks for the chat said meanwhile. */
  private catchUpChat = false;
  /** A resume happened: the next snapshot sends the unacknowledged messages again. */
  private retryChat = false;
  /** The last resume carried chatAfter: the server sends the missed chat itself. */
  private chatComesWithResume = false;

  dispose(): void {
    if (!this.ended) {
      this.signaling.leave();
    }
    this.stop();
    document.body.classList.remove("in-meeting");
  }

  /** For tests and tools: what this page receives from each person. */
  async counts(): Promise<Record<string, ReceivedCounts>> {
    return Object.fromEntries(await this.subscriber.counts());
  }

  /** For tests and tools: the local ICE ufrags of the two media connections (what STUN checks name). */
  iceUfrags(): string[] {
    return [this.publisher.connection, this.subscriber.connection]
      .map((pc) => /a=ice-ufrag:(\S+)/.exec(pc?.localDescription?.sdp ?? "")?.[1])
      .filter((u): u is string => !!u);
  }

  private accessToken: string | undefined;

  private hello(resumeToken: string | null): Record<string, unknown> {
    if (resumeToken) {
      // With the last chat id seen, the server sends what was missed before anything new (each message once).
      const chatAfter = this.chat.lastId;
      this.chatComesWithResume = chatAfter !== null;
      return {
        type: "resume",
        meetingId: this.meetingId,
        resumeToken,
        iceRestart: this.publisher.connection !== null,
        ...(chatAfter ? { chatAfter } : {}),
      };
    }
    return {
      type: "join",
      v: 1,
      meetingId: this.meetingId,
      name: this.choices.displayName,
      passcode: this.choices.passcode,
      token: this.choices.joinToken,
      accessToken: this.accessToken,
      guestKey: this.accessToken ? undefined : guestKey(),
      device: matchMedia("(pointer: coarse)").matches ? "mobile" : "web",
      muted: this.choices.audioMuted,
      videoOn: !this.choices.videoOff,
      // The server picks the first gallery page itself, so the first subscribe offer needs no select-video.
      video: "gallery",
    };
  }

  private onMessage(m: ServerMessage): void {
    switch (m.type) {
      case "joined":
        performance.mark("confab:joined");
        this.roster.selfId = typeof m.participantId === "string" ? m.participantId : null;
        this.topic = typeof m.topic === "string" ? m.topic : "";
        this.signaling.setResumeToken(typeof m.resumeToken === "string" ? m.resumeToken : null, Number(m.resumeWithinSeconds));
        break;
      case "resumed":
        this.signaling.setResumeToken(typeof m.resumeToken === "string" ? m.resumeToken : null, Number(m.resumeWithinSeconds));
        this.toasts.show("Reconnected");
        this.catchUpChat = !this.chatComesWithResume;
        this.retryChat = true;
        break;
      case "meeting-state":
        this.onMeetingState(m as unknown as MeetingStateMessage);
        break;
      case "welcome":
        void this.onWelcome(m.iceRestart === true, m.subscribeOfferFollows === true);
        break;
      case "publish-answer":
        performance.mark("confab:publish-answer");
        if (typeof m.sdp === "string") {
          void this.publisher.answered(m.sdp).catch((e) => console.error("publish-answer:", e));
        }
        break;
      case "subscribe-offer":
        performance.mark("confab:subscribe-offer");
        this.subscriber.offered(m);
        break;
      case "event":
        this.onEvent(m);
        break;
      case "error":
        this.onError(m);
        break;
      case "chat":
      case "chats": {
        // A "chats" is several deliveries at once, in order: the same as that many "chat".
        const messages = m.type === "chat" ? [m.message as ChatMessage] : Array.isArray(m.messages) ? (m.messages as ChatMessage[]) : [];
        let changed = false;
        for (const message of messages) {
          changed = this.chat.received(message, true, this.roster.selfId) || changed;
        }
        if (changed) {
          this.draw();
        }
        break;
      }
      case "chat-ack":
        this.chat.acknowledged(String(m.clientId ?? ""));
        this.draw();
        break;
      case "chat-history":
        for (const message of Array.isArray(m.messages) ? (m.messages as ChatMessage[]) : []) {
          this.chat.received(message, false, this.roster.selfId);
        }
        if (m.more === true && m.catchUp !== true) {
          this.chat.catchUp(); // a resume's catch-up pages keep coming by themselves
        }
        this.draw();
        break;
      default:
        break; // pong, peer-joined/left, video-selected: the roster comes from meeting events.
    }
  }

  private onMeetingState(m: MeetingStateMessage): void {
    const wasIn = this.roster.state === "in-meeting";
    this.roster.applySnapshot(m);
    if (m.state === "in-meeting" && (!wasIn || this.catchUpChat || this.retryChat)) {
      // Entering (or back after a resume): what was said meanwhile (unless the resume brought it), then what is still
      // unacknowledged. Other snapshots (a role change) need neither.
      if (!wasIn || this.catchUpChat) {
        this.chat.catchUp();
      }
      this.catchUpChat = false;
      this.retryChat = false;
      this.chat.retry(Date.now());
    }
    if (wasIn && m.state !== "in-meeting") {
      // Sent back to the waiting room: the media room is gone for us.
      this.subscriber.close();
      this.publisher.connection?.close();
      this.mediaStarted = false;
    }
    const self = this.roster.self;
    if (self) {
      this.publisher.setMuted(self.muted);
    }
    this.draw();
  }

  private async onWelcome(iceRestart: boolean, subscribeOfferFollows: boolean): Promise<void> {
    performance.mark("confab:welcome");
    if (iceRestart && this.mediaStarted && this.publisher.connection) {
      await this.publisher.restartIce();
      return;
    }
    const welcome = ++this.welcomes;
    this.subscriber.start();
    // Choose the videos to receive at once: the SFU's first offer can already carry them.
    this.mediaStarted = true;
    this.lastSelection = "";
    this.drawStage();
    await this.devicesReady;
    if (subscribeOfferFollows) {
      // Others' media first: the page answers the SFU's offer and connects before it starts its own encoders and
      // negotiation, which on a busy machine would hold up the first picture of the others.
      await this.subscriber.settled(PUBLISH_AFTER_SUBSCRIBE_MAX_WAIT_MS);
    }
    // Meanwhile the meeting may have ended, sent us back to the waiting room, or started the media room anew.
    if (this.ended || !this.mediaStarted || welcome !== this.welcomes) {
      return;
    }
    await this.publisher.start();
  }

  private onEvent(m: ServerMessage): void {
    const name = typeof m.event === "string" ? m.event : "";
    this.events.push(name);
    const me = m.participantId === this.roster.selfId;
    const toast = this.roster.applyEvent(m);
    switch (name) {
      case "meeting-ended":
        this.end("The meeting has ended", m.reason === "ended-by-host" ? "The host ended the meeting for everyone." : "", false);
        return;
      case "removed":
        if (me) {
          this.end("You were removed from the meeting", "The host removed you. You cannot rejoin unless the host allows it.", false);
          return;
        }
        break;
      case "denied":
        if (me) {
          this.end("The host did not let you in", "", false);
          return;
        }
        break;
      case "muted":
        if (me) this.publisher.setMuted(true);
        break;
      case "unmuted":
        if (me) this.publisher.setMuted(false);
        break;
      case "video-stopped":
        if (me) void this.publisher.setVideo(false);
        break;
      case "share-stopped":
        if (me && this.publisher.sharing) void this.publisher.stopShare();
        break;
      case "reaction":
        this.showReaction(String(m.participantId ?? ""), String(m.emoji ?? ""));
        break;
      default:
        break;
    }
    if (name === "unmute-requested" && toast) {
      // Asked, never forced: the person chooses (the server lets them unmute once even after "mute all").
      this.toasts.show(toast, { label: "Unmute me", run: () => this.request({ type: "set-muted", muted: false }) });
    } else if (toast) {
      this.toasts.show(toast);
    }
    this.draw();
  }

  private onError(m: ServerMessage): void {
    const code = typeof m.code === "string" ? m.code : "";
    const message = typeof m.message === "string" ? m.message : "";
    if (code === "resume-failed") {
      this.end("You were disconnected", "The connection was lost for too long. Join again to come back.", true);
      return;
    }
    if (this.roster.state === "joining") {
      // A refused join (docs/signaling.md): nothing else can be answered before the join is.
      this.end("Could not join", describeError(code, message), true);
      return;
    }
    if (m.request === "start-share") {
      void this.publisher.stopShare();
      this.toasts.show(code === "already-sharing" ? "Someone else is sharing. Only one person can share at a time." : describeError(code, message));
      this.draw();
      return;
    }
    if ((m.request === "chat-send" || m.request === "chat-react") && typeof m.clientId === "string") {
      if (code === "chat-unavailable" || code === "rate-limited") {
        this.toasts.show(describeError(code, message)); // Transient: the message stays queued and is sent again.
        return;
      }
      this.chat.refused(m.clientId, describeError(code, message));
      this.draw();
      return;
    }
    if (m.request === "chat-send" || m.request === "chat-react") {
      this.toasts.show(describeError(code, message));
      return;
    }
    if (m.request === "set-muted" && code === "not-allowed") {
      this.toasts.show("The host has not allowed participants to unmute.");
      return;
    }
    this.toasts.show(describeError(code, message));
  }

  private onStatus(status: SocketStatus, reason?: string): void {
    this.connection = status;
    if (status === "closed" && !this.ended) {
      const why = reason === "removed" ? "You were removed from the meeting"
        : reason === "meeting-ended" ? "The meeting has ended"
          : reason === "denied" ? "The host did not let you in"
            : reason === "replaced" ? "You joined from another window"
              : "You left the meeting";
      this.end(why, "", reason !== "removed" && reason !== "meeting-ended");
      return;
    }
    this.drawBanner();
  }

  private request(message: Record<string, unknown>): void {
    if (!this.signaling.send(message)) {
      this.toasts.show("Not connected. Trying to reconnect…");
    }
  }

  private toggleMute(): void {
    const self = this.roster.self;
    if (!self) {
      return;
    }
    if (self.muted) {
      this.request({ type: "set-muted", muted: false }); // The microphone opens when the server says unmuted.
    } else {
      this.publisher.setMuted(true);
      this.request({ type: "set-muted", muted: true });
    }
  }

  private async toggleVideo(): Promise<void> {
    const self = this.roster.self;
    if (!self) {
      return;
    }
    const on = !self.videoOn;
    if (on && !(await this.publisher.setVideo(true))) {
      this.toasts.show("Your camera could not be started.");
      return;
    }
    if (!on) {
      await this.publisher.setVideo(false);
    }
    this.request({ type: "set-video", on });
    this.draw();
  }

  private async toggleShare(): Promise<void> {
    if (this.publisher.sharing) {
      this.request({ type: "stop-share" });
      await this.publisher.stopShare();
      this.draw();
      return;
    }
    // The picker first (it needs the click's user activation); then the button shows the share at once, the server is
    // asked to grant it, and the screen is offered meanwhile (the SFU holds it back until the grant).
    const refused = await this.publisher.pickScreen(() => {
      this.request({ type: "stop-share" });
      void this.publisher.stopShare().then(() => this.draw());
    });
    if (refused !== null) {
      if (refused !== "cancelled") {
        this.toasts.show(`Could not share your screen: ${refused}`);
      }
      this.draw();
      return;
    }
    this.request({ type: "start-share" });
    this.draw();
    await this.publisher.sendScreen();
    this.draw();
  }

  private togglePanel(): void {
    this.panel.open = !this.panel.open;
    if (this.panel.open) {
      this.chatPanel.open = false;
    }
    this.draw();
  }

  private toggleChat(): void {
    this.chatPanel.open = !this.chatPanel.open;
    if (this.chatPanel.open) {
      this.panel.open = false;
    }
    this.draw();
    if (this.chatPanel.open) {
      this.root.querySelector<HTMLTextAreaElement>(".chat textarea")?.focus();
    }
  }

  private leave(): void {
    this.signaling.leave();
    this.end("You left the meeting", "", true);
  }

  private end(title: string, detail: string, canRejoin: boolean): void {
    if (this.ended) {
      return;
    }
    this.ended = true;
    this.signaling.finish("ended");
    this.stop();
    document.body.classList.remove("in-meeting");
    const rejoin = canRejoin ? `/j/${this.meetingId}${this.choices.joinToken ? `?pwd=${encodeURIComponent(this.choices.joinToken)}` : ""}` : null;
    this.main.replaceChildren(endNotice(title, detail, rejoin));
  }

  private stop(): void {
    coolDown();
    dropPreconnected();
    window.clearInterval(this.statsTimer);
    this.publisher.close();
    this.subscriber.close();
    this.audio.stop();
  }

  private showReaction(participantId: string, emoji: string): void {
    const tile = this.root.querySelector(`.tile[data-participant-id="${CSS.escape(participantId)}"]`);
    if (!tile) {
      return;
    }
    const bubble = h("span", { class: "reaction", "aria-label": `${this.roster.nameOf(participantId)} reacted ${emoji}` }, emoji);
    tile.append(bubble);
    window.setTimeout(() => bubble.remove(), 4000);
  }

  // Drawing.

  private draw(): void {
    if (this.ended) {
      return;
    }
    const state = this.roster.state;
    if (state === "waiting" || state === "waiting-for-host") {
      this.main.replaceChildren(waitingNotice(state, this.topic), this.toasts.element);
      return;
    }
    if (state === "joining") {
      return;
    }
    if (this.root.parentElement !== this.main) {
      this.body.replaceChildren(this.stage.element, this.panel.element, this.chatPanel.element);
      this.root.replaceChildren(this.head.header, this.head.banner, this.head.hostNotice, this.body, this.controls.element, this.toasts.element, this.audio.element);
      this.main.replaceChildren(this.root);
    }
    this.drawHeader();
    this.drawBanner();
    this.head.drawHostNotice(this.roster);
    const self = this.roster.self;
    this.controls.update({
      muted: self?.muted ?? true,
      videoOn: self?.videoOn ?? false,
      sharing: this.publisher.sharing,
      handRaised: self?.handRaised ?? false,
      participantCount: this.roster.participants.size,
      panelOpen: this.panel.open,
      chatOpen: this.chatPanel.open,
      unread: this.chat.unread,
      mode: this.stage.mode,
      canEndForAll: self?.role === "host",
      waitingCount: this.roster.hasControls ? this.roster.waiting.size : 0,
    });
    this.panel.render(this.roster);
    this.chatPanel.render();
    this.drawStage();
  }

  private drawHeader(): void {
    this.head.drawTitle(this.topic, this.roster.settings?.locked === true, this.qualityNow);
  }

  private drawBanner(): void {
    this.head.drawBanner(this.connection === "reconnecting" || this.connection === "connecting" && this.roster.state !== "joining");
  }

  private drawStage(): void {
    if (this.ended || this.roster.state !== "in-meeting") {
      return;
    }
    const people = this.roster.order.map((id) => this.roster.participants.get(id)).filter((p): p is ParticipantInfo => !!p);
    const remote = this.subscriber.media();
    const share = this.roster.sharers.find((p) => p.participantId !== this.roster.selfId) ?? null;
    const choices = this.stage.render({
      people,
      selfId: this.roster.selfId,
      localCamera: this.publisher.camera.getVideoTracks()[0] ?? null,
      remote,
      speaker: this.speaker.speaker,
      speaking: this.speaker.speaking,
      share,
    });
    this.select(choices);
    this.audio.update(remote);
  }

  private select(choices: VideoChoice[]): void {
    const key = JSON.stringify(choices);
    if (key === this.lastSelection || !this.mediaStarted) {
      return;
    }
    if (this.signaling.send({ type: "select-video", peers: choices })) {
      this.lastSelection = key;
    }
  }

  private async poll(): Promise<void> {
    if (this.ended || this.roster.state !== "in-meeting") {
      return;
    }
    this.chat.retry(Date.now());
    this.latestCounts = await this.subscriber.counts();
    const levels = new Map<string, number>();
    let received = 0;
    let lost = 0;
    for (const [id, c] of this.latestCounts) {
      levels.set(id, this.roster.participants.get(id)?.muted ? 0 : c.audioLevel);
      received += c.packetsReceived;
      lost += c.packetsLost;
    }
    const speakerChanged = this.speaker.update(levels, performance.now());
    const rtt = (await roundTripMs(this.subscriber.connection)) ?? (await roundTripMs(this.publisher.connection));
    const quality = this.quality.grade({ rttMs: rtt, packetsReceived: received, packetsLost: lost });
    if (quality !== this.qualityNow) {
      this.qualityNow = quality;
      this.drawHeader();
    }
    // Speaking outlines follow every poll; the speaker view's layout only when the speaker changed.
    if (speakerChanged || this.speaker.speaking.size > 0 || this.root.querySelector(".tile.speaking")) {
      this.drawStage();
    }
  }
}
