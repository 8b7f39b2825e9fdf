namespace Confab.Server.Signaling;

/// <summary>Starts meeting signaling sessions, for a client's own socket or for one relayed from another node.</summary>
internal sealed class MeetingSessions(
    MeetingJoinAuthenticator authenticator, LiveMeetingRegistry meetings, MeetingPersistence persistence, ILogger<SignalingSocket> logger)
{
    public MeetingSignalingSession Create(ISignalingSocket socket, string clientAddress) =>
        new(socket, authenticator, meetings, persistence, clientAddress, logger);
}
