using System.Diagnostics;
using System.Threading.Channels;

namespace BbuPool.Transport.IntegrationTests.Infrastructure;

/// <summary>A running BbuPool.Transport.PeerHost, optionally inside a network namespace; killed on dispose if still running.</summary>
public sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _all = [];
    private int _openStreams = 2;

    private PeerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything the peer printed so far, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_all)
            {
                return string.Join('\n', _all);
            }
        }
    }

    /// <summary>Starts the peer; <paramref name="cpus"/>: under `taskset -c CPUS`, as an operator confines a process.</summary>
    public static PeerProcess Start(string arguments, string? netns = null, IDictionary<string, string>? environment = null, string? cpus = null)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var dll = Path.Combine(AppContext.BaseDirectory, "BbuPool.Transport.PeerHost.dll");
        var run = $"\"{dotnet}\" \"{dll}\" {arguments}";
        var confined = cpus is null ? run : $"taskset -c {cpus} {run}";
        var info = (netns, cpus) switch
        {
            (null, null) => new ProcessStartInfo(dotnet, $"\"{dll}\" {arguments}"),
            (null, _) => new ProcessStartInfo("taskset", $"-c {cpus} {run}"),
            _ => new ProcessStartInfo("ip", $"netns exec {netns} {confined}"),
        };
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return new PeerProcess(Process.Start(info)!);
    }

    /// <summary>Waits for a line starting with <paramref name="prefix"/>; fails with the peer's output on timeout or exit.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(cts.Token);
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }

                if (line.StartsWith("ERROR", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("peer failed: " + Output);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"peer did not print '{prefix}' in {timeout}; output:\n{Output}", ex);
        }
    }

    /// <summary>Waits for the peer to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
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
            // stdout and stderr end separately: the peer is done only when both did.
            if (Interlocked.Decrement(ref _openStreams) == 0)
            {
                _lines.Writer.TryComplete();
            }

            return;
        }

        lock (_all)
        {
            _all.Add(line);
        }

        _lines.Writer.TryWrite(line);
    }
}
