using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace BbuPool.Testing.StatePlane;

/// <summary>
/// A real redis-server child process on 127.0.0.1 and a free port, for tests, benchmarks and vendor
/// integration runs. Without persistence by default (--save "" --appendonly no); with
/// <c>durable: true</c> it writes an append-only file fsynced on every write into its own temporary
/// folder, so <see cref="Kill"/> + <see cref="RestartAsync"/> keeps every acknowledged write, as a
/// production Redis configured that way would.
/// </summary>
public sealed partial class RedisServerProcess : IAsyncDisposable
{
    // A cold redis-server answers PING in ~10-50 ms here; 10 s covers a loaded CI box and AOF replay.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly string _executable;
    private readonly bool _durable;
    private readonly string _directory;
    private readonly string[] _extraArguments;
    private Process? _process;

    private RedisServerProcess(string executable, int port, bool durable, string[] extraArguments)
    {
        _executable = executable;
        _extraArguments = extraArguments;
        Port = port;
        _durable = durable;
        _directory = Path.Combine(Path.GetTempPath(), "bbupool-redis-" + port.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
    }

    /// <summary>The TCP port it listens on.</summary>
    public int Port { get; }

    /// <summary>"127.0.0.1:PORT", what <c>--redis</c> and StatePlaneOptions.Redis take.</summary>
    public string EndPoint => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>True while the child process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The redis-server on PATH (or in BBUPOOL_REDIS_SERVER), or null when none is installed.</summary>
    public static string? FindExecutable()
    {
        var fromEnv = Environment.GetEnvironmentVariable("BBUPOOL_REDIS_SERVER");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv))
        {
            return fromEnv;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, "redis-server");
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : null;
    }

    /// <summary>Starts redis-server on a free port and waits until it answers PING.</summary>
    /// <param name="durable">Append-only file fsynced per write, kept across <see cref="RestartAsync"/>.</param>
    /// <param name="extraArguments">More redis-server arguments, e.g. "--requirepass", "pw" (then PING readiness expects NOAUTH).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="InvalidOperationException">redis-server is not installed or did not start.</exception>
    public static async Task<RedisServerProcess> StartAsync(bool durable = false, IEnumerable<string>? extraArguments = null, CancellationToken cancellationToken = default)
    {
        var exe = FindExecutable() ?? throw new InvalidOperationException(
            "redis-server not found: install the Debian package redis-server (scripts/install-deps.sh) or set BBUPOOL_REDIS_SERVER.");
        var server = new RedisServerProcess(exe, FreePort(), durable, extraArguments?.ToArray() ?? []);
        try
        {
            await server.RestartAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the server at once (SIGKILL: no shutdown save, clients see a reset connection).</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>
    /// Stops the server with SIGSTOP: its connections stay open and nothing answers, which is how a
    /// stalled host (or a CI box that stalls for seconds) looks to a client. <see cref="Resume"/> continues it.
    /// </summary>
    public void Pause() => Signal(SigStop);

    /// <summary>Continues a server stopped by <see cref="Pause"/> (SIGCONT).</summary>
    public void Resume() => Signal(SigCont);

    // Linux signal numbers (x86-64 and arm64 alike; signal(7)).
    private const int SigCont = 18;
    private const int SigStop = 19;

    private void Signal(int signal)
    {
        var p = _process is { HasExited: false } running ? running : throw new InvalidOperationException("redis-server is not running.");
        if (SendSignal(p.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({p.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);

    /// <summary>Starts the server again on the same port (and, when durable, the same data folder) and waits until it answers PING.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        Kill();
        var psi = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        foreach (var arg in Arguments())
        {
            psi.ArgumentList.Add(arg);
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException("redis-server did not start.");
        // Drain its output so a full pipe can never block it.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForPingAsync(cancellationToken);
    }

    private IEnumerable<string> Arguments()
    {
        yield return "--port";
        yield return Port.ToString(CultureInfo.InvariantCulture);
        yield return "--bind";
        yield return "127.0.0.1";
        yield return "--save";
        yield return string.Empty;
        yield return "--dir";
        yield return _directory;
        yield return "--appendonly";
        yield return _durable ? "yes" : "no";
        if (_durable)
        {
            // fsync per write: the price of "no acknowledged write lost" across kill -9.
            yield return "--appendfsync";
            yield return "always";
        }

        yield return "--protected-mode";
        yield return "no";
        yield return "--daemonize";
        yield return "no";
        yield return "--loglevel";
        yield return "warning";
        foreach (var extra in _extraArguments)
        {
            yield return extra;
        }
    }

    private async Task WaitForPingAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var ping = Encoding.ASCII.GetBytes("PING\r\n");
        var buffer = new byte[64];
        while (deadline.Elapsed < StartTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited during start (port {Port}).");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                var stream = client.GetStream();
                await stream.WriteAsync(ping, cancellationToken);
                var n = await stream.ReadAsync(buffer, cancellationToken);
                // "-LOADING ..." while an append-only file is replayed: not ready yet.
                // "-NOAUTH ..." from a server started with --requirepass: it is up.
                var reply = Encoding.ASCII.GetString(buffer, 0, n);
                if (reply.StartsWith("+PONG", StringComparison.Ordinal) || reply.StartsWith("-NOAUTH", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException)
            {
                // Not listening yet.
            }
            catch (IOException)
            {
                // Accepted then closed during start.
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new InvalidOperationException($"redis-server did not answer PING on port {Port} within {StartTimeout.TotalSeconds} s.");
    }

    private static int FreePort()
    {
        // The OS hands out a free ephemeral port; redis-server binds it right after we release it.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Stops the server and deletes its data folder.</summary>
    public ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }

        return ValueTask.CompletedTask;
    }
}
