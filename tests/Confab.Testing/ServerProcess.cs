using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Confab.Testing;

/// <summary>
/// The real built Confab server (<c>dotnet Confab.Server.dll</c>) in its own process, on a free loopback port,
/// with the SFU on a free UDP port and its own data directory unless one is given; killed on dispose. Its
/// console output is kept for failure messages.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process, string dataDir)
    {
        _process = process;
        DataDir = dataDir;
    }

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The development room's signaling endpoint.</summary>
    public Uri SignalingEndpoint => new(BaseUrl.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "sfu/ws");

    /// <summary>The SFU's UDP port, as the server logged it at start.</summary>
    public int MediaPort { get; private set; }

    public string DataDir { get; }

    public bool HasExited => _process.HasExited;

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

    /// <summary>
    /// Starts the server and waits until it listens. <paramref name="settings"/> are environment variables
    /// (<c>Confab__Media__DevRoom</c>…); <paramref name="dataDir"/> defaults to a fresh temporary directory.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        IReadOnlyDictionary<string, string>? settings = null, string? dataDir = null, string? workingDirectory = null)
    {
        dataDir ??= Directory.CreateTempSubdirectory("confab-test-").FullName;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add(ServerAssemblyPath());
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Confab__DataDir"] = dataDir;
        info.Environment["Confab__Media__Port"] = "0";
        // CONFAB_E2E_CAPTURE_DIR: have the server write the browsers' plain packets there (fuzz corpus).
        if (Environment.GetEnvironmentVariable("CONFAB_E2E_CAPTURE_DIR") is { Length: > 0 } capture)
        {
            info.Environment["Confab__Media__CaptureDirectory"] = capture;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new ServerProcess(process, dataDir);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.Exited += (_, _) => server._listening.TrySetException(
            new InvalidOperationException($"The server exited early:{Environment.NewLine}{server.Output}"));
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

    public HttpClient CreateClient() => new() { BaseAddress = BaseUrl };

    /// <summary>Resident memory of the server process, from /proc.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        throw new InvalidOperationException("VmRSS not found");
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
        var media = MediaLine().Match(line);
        if (media.Success)
        {
            MediaPort = int.Parse(media.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        var listening = ListeningLine().Match(line);
        if (listening.Success)
        {
            _listening.TrySetResult(new Uri(listening.Groups[1].Value.TrimEnd('/') + "/"));
        }
    }

    // tests/<Project>/bin/<Configuration>/<framework> → src/Confab.Server/bin/<Configuration>/<framework>
    private static string ServerAssemblyPath()
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = testDir.Name;
        string configuration = testDir.Parent!.Name;
        string root = testDir.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        string path = Path.Combine(root, "src", "Confab.Server", "bin", configuration, framework, "Confab.Server.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("The server was not built.", path);
    }

    [GeneratedRegex(@"SFU listening on UDP \S+:(\d+)")]
    private static partial Regex MediaLine();

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
