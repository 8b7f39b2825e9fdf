using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Confab.Server.Hosting;

/// <summary>
/// The base of links Confab hands out (join links): <c>Confab:PublicBaseUrl</c> when set, else the first
/// address the server listens on (when it names a concrete host), else the scheme and host of the request.
/// </summary>
public sealed class PublicBaseUrl(ConfabSettings settings, IServer server)
{
    public string Resolve(HttpRequest request)
    {
        if (settings.PublicBaseUrl is not null)
        {
            return settings.PublicBaseUrl;
        }
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault();
        if (first is not null && Uri.TryCreate(first, UriKind.Absolute, out var uri) && IsConcreteHost(uri.Host) && uri.Port != 0)
        {
            return first.TrimEnd('/');
        }
        return $"{request.Scheme}://{request.Host}";
    }

    private static bool IsConcreteHost(string host) =>
        host is not ("0.0.0.0" or "[::]" or "::" or "*" or "+") && !string.IsNullOrEmpty(host);
}
