using System.Diagnostics;

namespace Confab.LoadGen.Measurement;

/// <summary>
/// Samples one process's CPU time and memory at a fixed period on a background task, for the duration of a
/// load run; <see cref="Summarize"/> gives the CPU used and the memory between two points of the run.
/// </summary>
public sealed class ProcessSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly TimeSpan _period;
    private readonly List<ProcessSample> _samples = [];
    private readonly object _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public ProcessSampler(int pid, TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pid);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        _pid = pid;
        _period = period;
    }

    /// <summary>Samples so far, oldest first (a copy).</summary>
    public IReadOnlyList<ProcessSample> Samples
    {
        get
        {
            lock (_lock)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>Takes one sample now; false when the process could not be read.</summary>
    public bool SampleNow()
    {
        if (!ProcReader.TryRead(_pid, out ProcessSample sample))
        {
            return false;
        }

        lock (_lock)
        {
            _samples.Add(sample);
        }

        return true;
    }

    public void Start()
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("The sampler is already running.");
        }

        SampleNow();
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(_period);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
                {
                    SampleNow();
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        });
    }

    /// <summary>Stops sampling after one last sample.</summary>
    public async Task StopAsync()
    {
        if (_loop is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _loop = null;
        SampleNow();
    }

    /// <summary>CPU and memory between the first sample at or after <paramref name="fromTimestamp"/> and the last sample.</summary>
    public ProcessUsage Summarize(long fromTimestamp = 0) => ProcessUsage.From(Samples, fromTimestamp);

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}

/// <summary>CPU time used over a window, the wall time of that window, and the resident memory seen in it.</summary>
public readonly record struct ProcessUsage(long CpuMicroseconds, double WallSeconds, long StartResidentKilobytes, long PeakResidentKilobytes, long EndResidentKilobytes)
{
    /// <summary>CPU time over wall time: 1.0 is one core busy all the time.</summary>
    public double CoresUsed => WallSeconds > 0 ? CpuMicroseconds / 1e6 / WallSeconds : 0;

    public static ProcessUsage From(IReadOnlyList<ProcessSample> samples, long fromTimestamp)
    {
        ArgumentNullException.ThrowIfNull(samples);
        int first = 0;
        while (first < samples.Count && samples[first].WallTimestamp < fromTimestamp)
        {
            first++;
        }

        if (samples.Count - first < 2)
        {
            return default;
        }

        ProcessSample start = samples[first];
        ProcessSample end = samples[^1];
        long peak = 0;
        for (int i = first; i < samples.Count; i++)
        {
            peak = Math.Max(peak, samples[i].ResidentKilobytes);
        }

        double wall = (double)(end.WallTimestamp - start.WallTimestamp) / Stopwatch.Frequency;
        return new ProcessUsage(end.CpuMicroseconds - start.CpuMicroseconds, wall, start.ResidentKilobytes, peak, end.ResidentKilobytes);
    }
}
