using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Confab.Client.Receive;
using Confab.Client.Signaling;
using Confab.Client.Tests.Transport;
using Confab.Rtc.Sdp;

namespace Confab.Client.Tests.Signaling;

/// <summary>
/// A meeting with the waiting room on, on a real server process: people in the waiting room receive no media
/// while the admitted ones do, and media reaches them once the host admits them.
/// </summary>
public class MeetingMediaEndToEndTests
{
    [Fact]
    public async Task The_waiting_room_receives_no_media_until_admitted()
    {
        await using ServerProcess server = await ServerProcess.StartAsync();
        var (meetingId, linkToken, hostToken) = await ScheduleAsync(server, waitingRoom: true);

        await using var host = new SfuDevClient(server.SignalingEndpoint);
        await using var witness = new SfuDevClient(server.SignalingEndpoint);
        await using var waiting = new SfuDevClient(server.SignalingEndpoint);

        await JoinPublishingAsync(host, new MeetingJoin(meetingId, "Host", AccessToken: hostToken));

        string witnessId = await witness.JoinMeetingAsync(new MeetingJoin(meetingId, "Witness", LinkToken: linkToken)).WaitAsync(SfuHarness.Patience);
        string waitingId = await waiting.JoinMeetingAsync(new MeetingJoin(meetingId, "Waiting", LinkToken: linkToken)).WaitAsync(SfuHarness.Patience);
        await SfuHarness.WaitUntilAsync(() => waiting.MeetingState == "waiting" && witness.MeetingState == "waiting", "both to wait");

        await host.SendMeetingRequestAsync("admit", new { participantId = witnessId });
        await witness.WaitForMediaAsync(SfuHarness.Patience);
        await SfuHarness.WaitUntilAsync(() => VideoFrames(witness) >= 30 && AudioPackets(witness) >= 50, "the admitted witness to see and hear the host");

        // All the while the one still waiting had no media room, no subscribe connection, no packet.
        Assert.Equal("waiting", waiting.MeetingState);
        Assert.Null(waiting.PeerId);
        Assert.Null(waiting.SubscribeConnection);
        Assert.Empty(waiting.GetReceiveStats());
        Assert.DoesNotContain("participant-joined", waiting.MeetingEvents);

        await host.SendMeetingRequestAsync("admit", new { participantId = waitingId });
        await waiting.WaitForMediaAsync(SfuHarness.Patience);
        await SfuHarness.WaitUntilAsync(() => VideoFrames(waiting) >= 30 && AudioPackets(waiting) >= 50, "the admitted one to see and hear the host");
        Assert.Equal("in-meeting", waiting.MeetingState);
    }

    [Fact]
    public async Task A_host_mute_holds_the_audio_back_at_the_server_until_the_participant_unmutes()
    {
        await using ServerProcess server = await ServerProcess.StartAsync();
        var (meetingId, linkToken, hostToken) = await ScheduleAsync(server, waitingRoom: false);
        await using var host = new SfuDevClient(server.SignalingEndpoint);
        await using var guest = new SfuDevClient(server.SignalingEndpoint);

        await host.JoinMeetingAsync(new MeetingJoin(meetingId, "Host", AccessToken: hostToken)).WaitAsync(SfuHarness.Patience);
        await host.WaitForMediaAsync(SfuHarness.Patience);
        string guestId = await JoinPublishingAsync(guest, new MeetingJoin(meetingId, "Guest", LinkToken: linkToken));
        await SfuHarness.WaitUntilAsync(() => AudioPackets(host) >= 50 && VideoFrames(host) >= 10, "the host to hear and see the guest");

        // The guest's client goes on sending audio: the SFU holds it back.
        await host.SendMeetingRequestAsync("mute", new { participantId = guestId });
        await SfuHarness.WaitUntilAsync(() => host.MeetingEvents.Contains("muted"), "the mute to be announced");
        long audioAtMute = AudioPackets(host);
        long framesAtMute = VideoFrames(host);
        long sentAtMute = guest.PublishConnection!.Counters.RtpSent;
        await SfuHarness.WaitUntilAsync(() => VideoFrames(host) >= framesAtMute + 30, "the guest's video to go on");
        Assert.Equal(audioAtMute, AudioPackets(host));
        Assert.True(guest.PublishConnection.Counters.RtpSent > sentAtMute + 50, "the guest's client kept sending");

        // Participants may unmute themselves (the default): the audio comes back.
        await guest.SendMeetingRequestAsync("set-muted", new { muted = false });
        await SfuHarness.WaitUntilAsync(() => AudioPackets(host) >= audioAtMute + 50, "the guest to be heard again");
    }

    [Fact]
    public async Task A_dropped_socket_resumes_with_an_ice_restart_and_the_same_media_goes_on_unseen_by_the_others()
    {
        await using ServerProcess server = await ServerProcess.StartAsync();
        var (meetingId, linkToken, hostToken) = await ScheduleAsync(server, waitingRoom: false);
        await using var host = new SfuDevClient(server.SignalingEndpoint);
        await using var guest = new SfuDevClient(server.SignalingEndpoint);

        await JoinPublishingAsync(host, new MeetingJoin(meetingId, "Host", AccessToken: hostToken));
        string guestId = await JoinPublishingAsync(guest, new MeetingJoin(meetingId, "Guest", LinkToken: linkToken));
        await SfuHarness.WaitUntilAsync(() => VideoFrames(host, guestId) >= 10 && AudioPackets(host, guestId) >= 50, "the host to see and hear the guest");
        await SfuHarness.WaitUntilAsync(() => VideoFrames(guest) >= 10 && AudioPackets(guest) >= 50, "the guest to see and hear the host");

        var seenByHost = new ConcurrentQueue<string>();
        host.PeerJoined += (id, _) => seenByHost.Enqueue($"peer-joined {id}");
        host.PeerLeft += id => seenByHost.Enqueue($"peer-left {id}");
        var guestErrors = new ConcurrentQueue<string>();
        guest.ErrorReceived += e => guestErrors.Enqueue(e.Code);
        var guestErrorTexts = new ConcurrentQueue<string>();
        guest.ErrorReceived += e => guestErrorTexts.Enqueue(e.Message);
        var publish = guest.PublishConnection!;
        var subscribe = guest.SubscribeConnection!;
        var source = guest.Source!;
        var streamsBefore = host.GetReceiveStats()[guestId].Select(s => s.Ssrc).Order().ToList();
        var (staleVersion, staleSdp) = guest.LastSubscribeAnswer!.Value;
        int meetingEventsBefore = host.MeetingEvents.Count;

        // The socket goes without a leave; the media connections stay and so does the media, through the SFU.
        await guest.DropSignalingAsync();
        long framesAtDrop = VideoFrames(host, guestId);
        await SfuHarness.WaitUntilAsync(() => VideoFrames(host, guestId) >= framesAtDrop + 15, "the guest's video to go on while its socket is gone");

        // Someone comes and publishes meanwhile: what the guest missed comes with the resume.
        await using var late = new SfuDevClient(server.SignalingEndpoint);
        string lateId = await JoinPublishingAsync(late, new MeetingJoin(meetingId, "Late", LinkToken: linkToken));
        await SfuHarness.WaitUntilAsync(() => VideoFrames(host, lateId) >= 10 && VideoFrames(late, guestId) >= 10, "the newcomer's media to flow");
        Assert.DoesNotContain(lateId, guest.Peers.Keys);

        await guest.ResumeMeetingAsync(iceRestart: true).WaitAsync(SfuHarness.Patience);
        Assert.Equal(guestId, guest.PeerId);
        Assert.Same(publish, guest.PublishConnection);
        Assert.Same(source, guest.Source);
        Assert.Equal(1, publish.Counters.IceRestarts);
        await SfuHarness.WaitUntilAsync(() => subscribe.Counters.IceRestarts == 1, "the subscribe connection to restart ICE on the server's offer");
        Assert.Same(subscribe, guest.SubscribeConnection);
        Assert.Null(guest.SubscribeFailure);

        // The same streams keep coming, both ways, over the restarted ICE and the old DTLS and SRTP.
        long framesAtResume = VideoFrames(host, guestId), audioAtResume = AudioPackets(host, guestId);
        long guestFramesAtResume = VideoFrames(guest), guestAudioAtResume = AudioPackets(guest);
        await SfuHarness.WaitUntilAsync(() => VideoFrames(host, guestId) >= framesAtResume + 30 && AudioPackets(host, guestId) >= audioAtResume + 50,
            "the guest's media to go on after the resume");
        await SfuHarness.WaitUntilAsync(() => VideoFrames(guest) >= guestFramesAtResume + 30 && AudioPackets(guest) >= guestAudioAtResume + 50,
            "the host's media to reach the guest after the resume");
        Assert.Equal(streamsBefore, host.GetReceiveStats()[guestId].Select(s => s.Ssrc).Order().ToList());
        Assert.Contains(lateId, guest.Peers.Keys);
        await SfuHarness.WaitUntilAsync(() => VideoFrames(guest, lateId) >= 10 && AudioPackets(guest, lateId) >= 20, "the newcomer's media to reach the guest");

        // A publish offer from another certificate cannot restart ICE on the kept DTLS association.
        var stranger = Confab.Rtc.Dtls.DtlsCertificate.Generate();
        var strangeOffer = Confab.Client.Sdp.ClientSdp.BuildPublishOffer(new Confab.Client.Sdp.PublishOfferOptions
        {
            IceUfrag = "strange1",
            IcePwd = "strangepasswordstrangepw",
            Fingerprint = stranger.SdpFingerprint,
            AudioSsrc = 11,
            VideoSsrc = 13,
            VideoRtxSsrc = 15,
            Cname = "strange",
            StreamId = guestId,
        });
        await guest.SendMeetingRequestAsync("publish-offer", new { sdp = SdpWriter.Write(strangeOffer) });
        await SfuHarness.WaitUntilAsync(() => guestErrors.Contains("bad-sdp"), "the offer with another fingerprint to be refused");
        Assert.Contains(guestErrorTexts, text => text.StartsWith("bad-sdp", StringComparison.Ordinal) && text.Contains("fingerprint", StringComparison.Ordinal));
        long framesAfterStrange = VideoFrames(host, guestId);
        await SfuHarness.WaitUntilAsync(() => VideoFrames(host, guestId) >= framesAfterStrange + 15, "the guest's media to go on after the refusal");

        // The answer to the offer from before the drop is stale now, and changes nothing.
        await guest.SendMeetingRequestAsync("subscribe-answer", new { version = staleVersion, sdp = staleSdp });
        await SfuHarness.WaitUntilAsync(() => guestErrors.Contains("stale-version"), "the stale answer to be refused");
        long guestFramesAfterStale = VideoFrames(guest);
        await SfuHarness.WaitUntilAsync(() => VideoFrames(guest) >= guestFramesAfterStale + 15, "the guest's reception to go on");

        // The host saw no leave and no join: of the participant, or of its media.
        Assert.Equal([$"peer-joined {lateId}"], seenByHost);
        Assert.DoesNotContain("participant-left", host.MeetingEvents);
        Assert.Single(host.MeetingEvents.Skip(meetingEventsBefore), e => e == "participant-joined"); // the newcomer's
        Assert.Contains(guestId, host.Peers.Keys);
    }

    private static long AudioPackets(SfuDevClient c, string peerId) =>
        c.GetReceiveStats().GetValueOrDefault(peerId, []).Where(s => s.Kind == MediaKind.Audio).Sum(s => s.Packets);

    private static long VideoFrames(SfuDevClient c, string peerId) =>
        c.GetReceiveStats().GetValueOrDefault(peerId, []).Where(s => s.Kind == MediaKind.Video).Sum(s => s.FramesCompleted);

    private static long AudioPackets(SfuDevClient c) =>
        c.GetReceiveStats().Values.SelectMany(s => s).Where(s => s.Kind == MediaKind.Audio).Sum(s => s.Packets);

    // Joins the meeting, waits for its media room, and publishes synthetic audio and 300 kbit/s video; returns the participant id.
    internal static async Task<string> JoinPublishingAsync(SfuDevClient client, MeetingJoin join)
    {
        string id = await client.JoinMeetingAsync(join).WaitAsync(SfuHarness.Patience);
        await client.WaitForMediaAsync(SfuHarness.Patience);
        await client.PublishAsync(audio: true, video: true, videoBitrate: 300_000).WaitAsync(SfuHarness.Patience);
        return id;
    }

    private static long VideoFrames(SfuDevClient c) =>
        c.GetReceiveStats().Values.SelectMany(s => s).Where(s => s.Kind == MediaKind.Video).Sum(s => s.FramesCompleted);

    internal static async Task<(string MeetingId, string LinkToken, string HostToken)> ScheduleAsync(ServerProcess server, bool waitingRoom)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        string email = $"host-{Guid.NewGuid():N}@example.com";
        const string password = "Quiet-Harbour-Lantern-42";
        (await http.PostAsJsonAsync("/v2/auth/register", new { email, password, display_name = "Host", timezone = "UTC" })).EnsureSuccessStatusCode();
        var tokens = await (await http.PostAsJsonAsync("/v2/auth/login", new { email, password })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        string accessToken = tokens.GetProperty("access_token").GetString()!;
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        var meeting = await (await http.PostAsJsonAsync("/v2/users/me/meetings", new { topic = "Meeting", type = 1, settings = new { waiting_room = waitingRoom } }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var joinUrl = new Uri(meeting.GetProperty("join_url").GetString()!);
        string linkToken = joinUrl.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == "pwd")[1];
        return (meeting.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), Uri.UnescapeDataString(linkToken), accessToken);
    }
}
