using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Confab.Client.Tests.Signaling;

/// <summary>The Confab server as a real process on a free loopback port (SFU on a free UDP port); killed on dispose.</summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process) => _process = process;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The dev room's signaling endpoint.</summary>
    public Uri SignalingEndpoint => new(BaseUrl.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "sfu/ws");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    public static async Task<ServerProcess> StartAsync()
    {
        string dataDir = Directory.CreateTempSubdirectory("confab-client-").FullName;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ServerAssemblyPath());
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        info.Environment["Confab__DataDir"] = dataDir;
        info.Environment["Confab__Media__Port"] = "0";
        info.Environment["Confab__Media__BindAddress"] = "127.0.0.1";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.Exited += (_, _) => server._listening.TrySetException(new InvalidOperationException($"The server exited early:{Environment.NewLine}{server.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            server.BaseUrl = await server._listening.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Add(line);
        }
        Match match = ListeningLine().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
        }
    }

    private static string ServerAssemblyPath()
    {
        // tests/Confab.Client.Tests/bin/<Configuration>/net10.0 → src/Confab.Server/bin/<Configuration>/net10.0
        var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = testDir.Name;
        string configuration = testDir.Parent!.Name;
        string root = testDir.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        string path = Path.Combine(root, "src", "Confab.Server", "bin", configuration, framework, "Confab.Server.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("The server was not built.", path);
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
