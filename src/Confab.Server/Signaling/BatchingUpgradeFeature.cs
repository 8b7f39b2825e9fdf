using Microsoft.AspNetCore.Http.Features;

namespace Confab.Server.Signaling;

/// <summary>
/// Puts a <see cref="BatchingWriteStream"/> under the signaling WebSocket: it stands in for the connection's upgrade feature
/// before the WebSocket middleware takes it, so the WebSocket the endpoint accepts writes through the stream, and the endpoint
/// finds the stream here. A connection without an HTTP/1.1 upgrade (the in-process test host, HTTP/2) keeps its feature and
/// sends message by message.
/// </summary>
internal sealed class BatchingUpgradeFeature(IHttpUpgradeFeature inner) : IHttpUpgradeFeature
{
    /// <summary>The stream once upgraded; null before.</summary>
    public BatchingWriteStream? Stream { get; private set; }

    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    public async Task<Stream> UpgradeAsync()
    {
        Stream = new BatchingWriteStream(await inner.UpgradeAsync());
        return Stream;
    }

    /// <summary>Wraps the upgrade of requests to <paramref name="path"/>; to be used before <c>UseWebSockets</c>.</summary>
    public static IApplicationBuilder Use(IApplicationBuilder app, PathString path) => app.Use((context, next) =>
    {
        if (context.Request.Path.Equals(path, StringComparison.Ordinal)
            && context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade)
        {
            var batching = new BatchingUpgradeFeature(upgrade);
            context.Features.Set<IHttpUpgradeFeature>(batching);
            context.Features.Set(batching);
        }
        return next(context);
    });
}
