using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Confab.LoadGen.Janus;

/// <summary>
/// One Janus API session over the plain HTTP transport: POST requests to /janus/&lt;session&gt;[/&lt;handle&gt;] and
/// a long poll (GET /janus/&lt;session&gt;?maxev=N) that delivers asynchronous events to the handles' queues.
/// A long poll every 30 s at most also keeps the session alive.
/// </summary>
public sealed class JanusSession : IAsyncDisposable
{
    private const int MaxEventsPerPoll = 32;

    private readonly HttpClient _http;
    private readonly Uri _sessionUri;
    private readonly ConcurrentDictionary<long, JanusHandle> _handles = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _poll;
    private long _transaction;

    private JanusSession(HttpClient http, Uri baseUri, long id)
    {
        _http = http;
        Id = id;
        _sessionUri = new Uri(baseUri.ToString().TrimEnd('/') + "/" + id.ToString(CultureInfo.InvariantCulture));
        _poll = Task.Run(PollAsync);
    }

    public long Id { get; }

    /// <summary>Poll failures so far (the loop keeps going).</summary>
    public long PollFailures { get; private set; }

    /// <summary>Creates a session on the server at <paramref name="baseUri"/> (e.g. http://127.0.0.1:8088/janus).</summary>
    public static async Task<JanusSession> CreateAsync(HttpClient http, Uri baseUri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseUri);
        JanusMessage reply = await PostAsync(http, baseUri, JanusRequests.CreateSession("create"), cancellationToken).ConfigureAwait(false);
        if (reply.Kind != JanusMessageKind.Success || reply.DataId is not long id)
        {
            throw new JanusException($"create session failed: {reply.ErrorCode} {reply.ErrorReason}");
        }

        return new JanusSession(http, baseUri, id);
    }

    /// <summary>Attaches a handle to <paramref name="plugin"/>.</summary>
    public async Task<JanusHandle> AttachAsync(string plugin, CancellationToken cancellationToken = default)
    {
        JanusMessage reply = await PostAsync(_http, _sessionUri, JanusRequests.Attach(NextTransaction(), plugin), cancellationToken)
            .ConfigureAwait(false);
        if (reply.Kind != JanusMessageKind.Success || reply.DataId is not long id)
        {
            throw new JanusException($"attach {plugin} failed: {reply.ErrorCode} {reply.ErrorReason}");
        }

        var handle = new JanusHandle(this, id);
        _handles[id] = handle;
        return handle;
    }

    internal string NextTransaction() => Interlocked.Increment(ref _transaction).ToString(CultureInfo.InvariantCulture);

    internal Uri HandleUri(long handle) => new(_sessionUri + "/" + handle.ToString(CultureInfo.InvariantCulture));

    internal Task<JanusMessage> PostToHandleAsync(long handle, JsonObject request, CancellationToken cancellationToken)
        => PostAsync(_http, HandleUri(handle), request, cancellationToken);

    internal void Forget(long handle) => _handles.TryRemove(handle, out _);

    private static async Task<JanusMessage> PostAsync(HttpClient http, Uri uri, JsonObject request, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await http.PostAsJsonAsync(uri, request, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!JanusMessage.TryReadAll(text, out List<JanusMessage> messages) || messages.Count != 1)
        {
            throw new JanusException($"unreadable reply from {uri}: {Truncate(text)}");
        }

        return messages[0];
    }

    private async Task PollAsync()
    {
        var uri = new Uri(_sessionUri + "?maxev=" + MaxEventsPerPoll.ToString(CultureInfo.InvariantCulture));
        while (!_stop.IsCancellationRequested)
        {
            string text;
            try
            {
                text = await _http.GetStringAsync(uri, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                PollFailures++;
                await Task.Delay(TimeSpan.FromMilliseconds(100), _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            if (!JanusMessage.TryReadAll(text, out List<JanusMessage> messages))
            {
                PollFailures++;
                continue;
            }

            foreach (JanusMessage message in messages)
            {
                if (message.Sender is long sender && _handles.TryGetValue(sender, out JanusHandle? handle))
                {
                    handle.Deliver(message);
                }
            }
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "...";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await PostAsync(_http, _sessionUri, JanusRequests.DestroySession(NextTransaction()), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JanusException)
        {
            // The server may be gone already; the session then goes with it.
        }

        await _poll.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}

/// <summary>One plugin handle of a <see cref="JanusSession"/>: requests to it, and its queue of asynchronous events.</summary>
public sealed class JanusHandle
{
    private readonly JanusSession _session;
    private readonly Channel<JanusMessage> _events = Channel.CreateUnbounded<JanusMessage>(new UnboundedChannelOptions { SingleReader = true });

    internal JanusHandle(JanusSession session, long id)
    {
        _session = session;
        Id = id;
    }

    public long Id { get; }

    /// <summary>Events from the long poll addressed to this handle, in arrival order.</summary>
    public ChannelReader<JanusMessage> Events => _events.Reader;

    /// <summary>
    /// Sends a plugin message. Returns the immediate reply: "success" (with plugin data) for synchronous
    /// requests, "ack" for asynchronous ones (their outcome arrives in <see cref="Events"/>), or "error".
    /// </summary>
    public Task<JanusMessage> SendAsync(JsonObject body, JanusJsep? jsep = null, CancellationToken cancellationToken = default)
        => _session.PostToHandleAsync(Id, JanusRequests.Message(_session.NextTransaction(), body, jsep), cancellationToken);

    /// <summary>Tells Janus no more candidates come (ours are all in the SDP).</summary>
    public Task<JanusMessage> TrickleCompletedAsync(CancellationToken cancellationToken = default)
        => _session.PostToHandleAsync(Id, JanusRequests.TrickleCompleted(_session.NextTransaction()), cancellationToken);

    public async Task DetachAsync(CancellationToken cancellationToken = default)
    {
        _session.Forget(Id);
        _events.Writer.TryComplete();
        await _session.PostToHandleAsync(Id, JanusRequests.Detach(_session.NextTransaction()), cancellationToken).ConfigureAwait(false);
    }

    internal void Deliver(JanusMessage message) => _events.Writer.TryWrite(message);
}

/// <summary>A Janus request that failed or a reply that could not be read.</summary>
public sealed class JanusException(string message) : Exception(message);
