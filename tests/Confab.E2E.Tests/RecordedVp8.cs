using System.Diagnostics;
using Confab.Client.Media;

namespace Confab.E2E.Tests;

/// <summary>A few seconds of real VP8 (ffmpeg's test pattern through libvpx), as an IVF recording.</summary>
internal static class RecordedVp8
{
    public static async Task<IvfFile> EncodeAsync()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("confab-vp8-").FullName, "pattern.ivf");
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30",
            "-t", "4", "-c:v", "libvpx", "-deadline", "realtime", "-b:v", "400k", "-g", "30", "-f", "ivf", path,
        })
        {
            info.ArgumentList.Add(argument);
        }
        using var ffmpeg = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start; ./test.sh installs it.");
        string errors = await ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync();
        if (ffmpeg.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed: {errors}");
        }
        return IvfFile.TryRead(await File.ReadAllBytesAsync(path), out var ivf, out var error)
            ? ivf
            : throw new InvalidOperationException($"ffmpeg's IVF does not read back: {error}");
    }
}
