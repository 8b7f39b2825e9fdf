using System.Text.Json;
using Confab.Client.Receive;
using Confab.Client.Sdp;
using Confab.Client.Signaling;
using Confab.Client.Tests.Transport;
using Confab.Rtc.Sdp;

namespace Confab.Client.Tests.Signaling;

/// <summary>
/// Screen share on the media path of a real server process: a screen section (publish-offer `sources`) flows in a
/// meeting only while its owner holds the share, flows freely in the development room, is chosen like a camera in
/// "selected" video mode, and ends at the subscribers when the publisher stops its section.
/// </summary>
public class ScreenShareEndToEndTests
{
    [Fact]
    public async Task In_a_meeting_a_screen_flows_only_while_its_owner_holds_the_share_and_ends_with_its_section()
    {
        await using ServerProcess server = await ServerProcess.StartAsync();
        var (meetingId, linkToken, hostToken) = await MeetingMediaEndToEndTests.ScheduleAsync(server, waitingRoom: false);
        await using var host = new SfuDevClient(server.SignalingEndpoint);
        await using var guest = new SfuDevClient(server.SignalingEndpoint);
        var hostErrors = new List<string>();
        host.ErrorReceived += e =>
        {
            lock (hostErrors)
            {
                hostErrors.Add(e.Code);
            }
        };

        await host.JoinMeetingAsync(new MeetingJoin(meetingId, "Host", AccessToken: hostToken)).WaitAsync(SfuHarness.Patience);
        await host.WaitForMediaAsync(SfuHarness.Patience);
        string guestId = await guest.JoinMeetingAsync(new MeetingJoin(meetingId, "Guest", LinkToken: linkToken)).WaitAsync(SfuHarness.Patience);
        await guest.WaitForMediaAsync(SfuHarness.Patience);

        // Every participant of the snapshot says whether they share.
        using (var state = JsonDocument.Parse(guest.MeetingStateJson!))
        {
            var participants = state.RootElement.GetProperty("participants").EnumerateArray().ToList();
            Assert.Equal(2, participants.Count);
            Assert.All(participants, p => Assert.Equal(JsonValueKind.False, p.GetProperty("sharing").ValueKind));
        }

        await guest.PublishAsync(audio: true, video: true, videoBitrate: 300_000).WaitAsync(SfuHarness.Patience);
        await guest.PublishScreenAsync(bitrate: 300_000).WaitAsync(SfuHarness.Patience);

        // The host is offered the screen (tracks name it), but the SFU holds it back: no share was granted.
        await SfuHarness.WaitUntilAsync(() => ScreenTrack(host, guestId) is not null && CameraFrames(host, guestId) >= 10, "the host to be offered the guest's screen");
        var offered = host.SubscribeTracks.Where(t => t.PeerId == guestId).OrderBy(t => t.Source, StringComparer.Ordinal).ToList();
        Assert.Equal([("video", "camera"), ("audio", "microphone"), ("video", "screen")],
            offered.Select(t => (t.Kind, t.Source)).OrderBy(t => t.Source, StringComparer.Ordinal).ToList());
        Assert.Equal(3, offered.Select(t => t.Mid).Distinct().Count());
        Assert.All(offered, t => Assert.Equal(MediaDirection.SendOnly, SdpDirectionOf(host, t.Mid)));
        long cameraBefore = CameraFrames(host, guestId);
        await SfuHarness.WaitUntilAsync(() => CameraFrames(host, guestId) >= cameraBefore + 30, "the guest's camera to go on");
        Assert.Equal(0, ScreenPackets(host, guestId));
        Assert.True(guest.ScreenSource!.VideoPacketsSent > 50, "the guest's client sends its screen all along");

        // start-share is granted: the screen reaches the host, from a key frame.
        await guest.SendMeetingRequestAsync("start-share");
        await SfuHarness.WaitUntilAsync(() => host.MeetingEvents.Contains("share-started"), "the share to be announced");
        await SfuHarness.WaitUntilAsync(() => ScreenFrames(host, guestId) >= 30, "the host to see the guest's screen");
        Assert.True(ScreenStats(host, guestId)!.KeyFrames >= 1);

        // One sharer at a time (the default): the host's own start-share is refused.
        await host.SendMeetingRequestAsync("start-share");
        await SfuHarness.WaitUntilAsync(() => { lock (hostErrors) { return hostErrors.Contains("already-sharing"); } }, "the second share to be refused");

        // stop-share: held back again, while the camera goes on.
        await guest.SendMeetingRequestAsync("stop-share");
        await SfuHarness.WaitUntilAsync(() => host.MeetingEvents.Contains("share-stopped"), "the end of the share to be announced");
        long screenAtStop = ScreenPackets(host, guestId);
        long cameraAtStop = CameraFrames(host, guestId);
        long sentAtStop = guest.ScreenSource!.VideoPacketsSent;
        await SfuHarness.WaitUntilAsync(() => CameraFrames(host, guestId) >= cameraAtStop + 30, "the guest's camera to go on");
        Assert.Equal(screenAtStop, ScreenPackets(host, guestId));
        Assert.True(guest.ScreenSource.VideoPacketsSent > sentAtStop + 50, "the guest's client kept sending its screen");

        // The guest stops the screen transceiver: its section is rejected in the answer and the host's goes inactive.
        string screenMid = ScreenTrack(host, guestId)!.Mid;
        SessionDescription answer = await guest.StopScreenAsync().WaitAsync(SfuHarness.Patience);
        MediaDescription stopped = answer.FindMedia(ClientSdp.ScreenMid)!;
        Assert.True(stopped.IsRejected);
        Assert.Equal(0, stopped.Port);
        Assert.DoesNotContain(ClientSdp.ScreenMid, answer.BundleGroup!.Mids);
        Assert.False(answer.FindMedia(ClientSdp.VideoMid)!.IsRejected);
        await SfuHarness.WaitUntilAsync(() => ScreenTrack(host, guestId) is null && SdpDirectionOf(host, screenMid) == MediaDirection.Inactive,
            "the host's screen section to go inactive");
        Assert.Equal(2, host.SubscribeTracks.Count(t => t.PeerId == guestId));
        long cameraAfter = CameraFrames(host, guestId);
        await SfuHarness.WaitUntilAsync(() => CameraFrames(host, guestId) >= cameraAfter + 30, "the guest's camera to go on after the screen ended");
    }

    [Fact]
    public async Task In_the_development_room_a_screen_flows_to_everyone_and_to_a_selecting_peer_only_once_selected()
    {
        await using ServerProcess server = await ServerProcess.StartAsync();
        await using var alice = new SfuDevClient(server.SignalingEndpoint);
        await using var bob = new SfuDevClient(server.SignalingEndpoint);
        await using var carol = new SfuDevClient(server.SignalingEndpoint, new SfuDevClientOptions { SelectVideo = true });

        string aliceId = (await alice.JoinAsync("screen-room", "alice").WaitAsync(SfuHarness.Patience)).PeerId;
        await bob.JoinAsync("screen-room", "bob").WaitAsync(SfuHarness.Patience);
        await carol.JoinAsync("screen-room", "carol").WaitAsync(SfuHarness.Patience);
        await alice.PublishAsync(audio: true, video: true, videoBitrate: 300_000).WaitAsync(SfuHarness.Patience);
        await alice.PublishScreenAsync(bitrate: 300_000).WaitAsync(SfuHarness.Patience);

        // No meeting, no share needed: bob (all videos) sees both.
        await SfuHarness.WaitUntilAsync(() => ScreenFrames(bob, aliceId) >= 30 && CameraFrames(bob, aliceId) >= 30, "bob to see alice's camera and screen");

        // Carol selects alice's camera: the screen is not offered.
        VideoSelection cameraOnly = await carol.SelectVideoAsync([new VideoChoice(aliceId)]).WaitAsync(SfuHarness.Patience);
        Assert.Equal([aliceId], cameraOnly.Selected);
        Assert.Empty(cameraOnly.Screens);
        await SfuHarness.WaitUntilAsync(() => CameraFrames(carol, aliceId) >= 30, "carol to see alice's camera");
        Assert.Null(ScreenTrack(carol, aliceId));
        Assert.Equal(["audio/microphone", "video/camera"],
            carol.SubscribeTracks.Select(t => $"{t.Kind}/{t.Source}").Order(StringComparer.Ordinal).ToList());

        // Then only the screen: the camera ends, the screen flows.
        VideoSelection screenOnly = await carol.SelectVideoAsync([new VideoChoice(aliceId, VideoQuality.High, Screen: true)]).WaitAsync(SfuHarness.Patience);
        Assert.Empty(screenOnly.Selected);
        Assert.Equal([aliceId], screenOnly.Screens);
        await SfuHarness.WaitUntilAsync(() => ScreenFrames(carol, aliceId) >= 30, "carol to see alice's screen");
        Assert.Equal(["audio/microphone", "video/screen"],
            carol.SubscribeTracks.Select(t => $"{t.Kind}/{t.Source}").Order(StringComparer.Ordinal).ToList());

        // Alice turns her screen section inactive: the screen ends for both, as when a peer leaves.
        string bobsScreenMid = ScreenTrack(bob, aliceId)!.Mid;
        string carolsScreenMid = ScreenTrack(carol, aliceId)!.Mid;
        SessionDescription answer = await alice.StopScreenAsync(reject: false).WaitAsync(SfuHarness.Patience);
        Assert.Equal(MediaDirection.Inactive, answer.FindMedia(ClientSdp.ScreenMid)!.Direction);
        await SfuHarness.WaitUntilAsync(() => ScreenTrack(bob, aliceId) is null && SdpDirectionOf(bob, bobsScreenMid) == MediaDirection.Inactive
            && ScreenTrack(carol, aliceId) is null && SdpDirectionOf(carol, carolsScreenMid) == MediaDirection.Inactive, "alice's screen to end for bob and carol");
        Assert.Equal(["audio/microphone"], carol.SubscribeTracks.Select(t => $"{t.Kind}/{t.Source}").ToList());
        long bobCamera = CameraFrames(bob, aliceId);
        await SfuHarness.WaitUntilAsync(() => CameraFrames(bob, aliceId) >= bobCamera + 30, "alice's camera to go on for bob");
    }

    private static SubscribeTrack? ScreenTrack(SfuDevClient c, string from) =>
        c.SubscribeTracks.FirstOrDefault(t => t.PeerId == from && t.Source == "screen");

    private static ReceiveStreamSnapshot? ScreenStats(SfuDevClient c, string from) => Stats(c, from, "screen");

    private static long ScreenPackets(SfuDevClient c, string from) => ScreenStats(c, from)?.Packets ?? 0;

    private static long ScreenFrames(SfuDevClient c, string from) => ScreenStats(c, from)?.FramesCompleted ?? 0;

    private static long CameraFrames(SfuDevClient c, string from) => Stats(c, from, "camera")?.FramesCompleted ?? 0;

    private static ReceiveStreamSnapshot? Stats(SfuDevClient c, string from, string source) =>
        c.GetTrackStats().FirstOrDefault(t => t.Track.PeerId == from && t.Track.Source == source).Stats;

    private static MediaDirection? SdpDirectionOf(SfuDevClient c, string mid) => c.LastSubscribeOffer?.FindMedia(mid)?.Direction;
}
