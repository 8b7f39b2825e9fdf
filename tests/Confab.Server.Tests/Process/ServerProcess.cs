using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Confab.Server.Tests.Process;

/// <summary>The real built server (<c>dotnet Confab.Server.dll --urls …</c>) in its own process, on a free port.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly System.Diagnostics.Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(System.Diagnostics.Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output => string.Join('\n', _output);

    /// <summary>Starts the server on <paramref name="dataDir"/> and waits until /healthz answers 200.</summary>
    public static async Task<ServerProcess> StartAsync(string dataDir, string workingDir)
    {
        var port = FreeTcpPort();
        var dll = Path.Combine(AppContext.BaseDirectory, "Confab.Server.dll");
        var url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(url);
        info.Environment["Confab__DataDir"] = dataDir;
        info.Environment["Confab__Media__Port"] = "0";
        info.Environment.Remove("ASPNETCORE_URLS");
        var process = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new ServerProcess(process, new Uri(url));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitHealthyAsync();
        return server;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var client = CreateClient();
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                var response = await client.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(PollInterval);
        }
        throw new TimeoutException($"The server did not become healthy within {StartTimeout}:\n{Output}");
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
