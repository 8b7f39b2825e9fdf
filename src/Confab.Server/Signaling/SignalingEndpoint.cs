using System.Text.Json;
using Confab.Server.Media;
using Microsoft.Extensions.Options;

namespace Confab.Server.Signaling;

/// <summary>
/// <c>/sfu/ws</c>: one WebSocket endpoint for both protocols. Messages before the first valid <c>join</c> are answered
/// here; a join with a <c>meetingId</c> starts the meeting signaling (docs/signaling.md), a join with a <c>room</c>
/// the development room's (docs/sfu-dev-signaling.md) when that is on. A socket that has not joined within
/// <see cref="SignalingOptions.JoinWithinSeconds"/> is closed (<see cref="SignalingSocket.StartJoinDeadline"/>).
/// </summary>
internal static class SignalingEndpoint
{
    private static readonly HashSet<string> KnownBeforeJoin = new(StringComparer.Ordinal)
    {
        "publish-offer", "subscribe-answer", "select-video", "leave", "ping",
    };

    public static void Map(WebApplication app)
    {
        app.Map("/sfu/ws", async (HttpContext context, IServiceProvider services, ILogger<SignalingSocket> logger) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "WebSocket required",
                    detail: "Connect to /sfu/ws with a WebSocket.");
            }
            using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
            var socket = new SignalingSocket(webSocket, context.Features.Get<BatchingUpgradeFeature>()?.Stream);
            socket.StartJoinDeadline(services.GetRequiredService<IOptions<SignalingOptions>>().Value.JoinWithin,
                services.GetRequiredService<TimeProvider>());
            var ct = context.RequestAborted;
            try
            {
                while (socket.IsOpen && await socket.ReceiveAsync(ct) is { } text)
                {
                    switch (Classify(text, out var meetingId, out var problem))
                    {
                        case Protocol.Meeting:
                            await RunMeetingAsync(services, socket, text, meetingId, context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                                logger, ct);
                            return Results.Empty;
                        case Protocol.DevRoom when services.GetRequiredService<IOptions<MediaOptions>>().Value.DevRoom:
                            socket.MarkJoined(); // the development room takes every join
                            await new DevSignalingSession(socket, services.GetRequiredService<DevRoomRegistry>(), logger).RunAsync(text, ct);
                            return Results.Empty;
                        case Protocol.DevRoom:
                            await socket.SendErrorAsync("dev-room-off", "the development room is switched off on this server (Confab:Media:DevRoom)");
                            break;
                        default:
                            await socket.SendErrorAsync(problem!.Value.Code, problem.Value.Message);
                            break;
                    }
                }
            }
            catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or OperationCanceledException)
            {
                logger.LogDebug("Signaling socket ended before a join: {Message}", e.Message);
            }
            finally
            {
                socket.MarkJoined(); // the timer goes with the socket
                await CompleteCloseAsync(webSocket, logger);
            }
            return Results.Empty;
        });
    }

    // Here when the meeting lives here (or is claimed now, or the id is malformed and the session refuses it), else relayed to
    // the node where it lives (docs/adr/0012). Without Redis every meeting lives here.
    private static async Task RunMeetingAsync(IServiceProvider services, SignalingSocket socket, string first, string? meetingId,
        string clientAddress, ILogger logger, CancellationToken ct)
    {
        string? home = null;
        if (meetingId is not null && services.GetService<Cluster.SignalingRelay>() is not null)
        {
            try
            {
                home = await services.GetRequiredService<Cluster.IMeetingHomes>().ClaimOrFindAsync(meetingId, ct);
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
            {
                logger.LogWarning(e, "Finding where meeting {Meeting} lives failed; serving it here", meetingId);
            }
        }
        if (home is not null)
        {
            await services.GetRequiredService<Cluster.SignalingRelay>().RelayAsync(socket, first, home, clientAddress, ct);
            return;
        }
        await services.GetRequiredService<MeetingSessions>().Create(socket, clientAddress).RunAsync(first, ct);
    }

    // The client's close (or ours) answered, so neither side waits for a close frame that never comes.
    private static async Task CompleteCloseAsync(System.Net.WebSockets.WebSocket webSocket, ILogger logger)
    {
        try
        {
            if (webSocket.State is System.Net.WebSockets.WebSocketState.Open or System.Net.WebSockets.WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await webSocket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            logger.LogDebug("Closing the signaling socket failed: {Message}", e.Message);
        }
    }

    private enum Protocol
    {
        None,
        Meeting,
        DevRoom,
    }

    private static Protocol Classify(string text, out string? meetingId, out (string Code, string Message)? problem)
    {
        problem = null;
        meetingId = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !SignalingSocket.TryGetString(root, "type", out var type))
            {
                problem = ("bad-message", "a message is a JSON object with a string 'type'");
                return Protocol.None;
            }
            if (type is "resume" or "join" && SignalingSocket.TryGetString(root, "meetingId", out var id) && id.Length is > 0 and <= 64)
            {
                meetingId = id;
            }
            if (type == "resume")
            {
                return Protocol.Meeting;
            }
            if (type == "join")
            {
                if (root.TryGetProperty("meetingId", out _))
                {
                    return Protocol.Meeting;
                }
                if (root.TryGetProperty("room", out _))
                {
                    return Protocol.DevRoom;
                }
                problem = ("bad-message", "join needs 'meetingId' (a meeting) or 'room' (the development room)");
                return Protocol.None;
            }
            problem = KnownBeforeJoin.Contains(type) || MeetingRequests.Types.Contains(type)
                ? ("not-joined", "join first")
                : ("bad-message", $"unknown message type '{SignalingSocket.Truncate(type)}'");
            return Protocol.None;
        }
        catch (JsonException e)
        {
            problem = ("bad-message", $"not JSON: {e.Message}");
            return Protocol.None;
        }
    }
}
