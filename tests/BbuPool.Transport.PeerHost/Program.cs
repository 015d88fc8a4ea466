using System.Globalization;
using BbuPool.Transport.Dpdk;
using BbuPool.Transport.Threading;

namespace BbuPool.Transport.PeerHost;

/// <summary>
/// The second process of the two-process transport tests. Usage:
///   PeerHost --kind dpdk|shm|tcp (--listen ADDRESS | --connect ADDRESS) [--mode echo] [--lcore N] [--cpu N] [--busy]
///   PeerHost --mode fallback-check
///   PeerHost --mode unpin-check
/// echo: every frame received is sent back unchanged until the peer closes; prints READY (with the
/// listen address), CONNECTED, then DONE frames=N bytes=M. fallback-check: asks the factory for a
/// DPDK transport and prints the kind it got and the logged reason. unpin-check: see UnpinCheck.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        var options = ParseArgs(args);
        try
        {
            return options.GetValueOrDefault("mode", "echo") switch
            {
                "echo" => await EchoAsync(options),
                "fallback-check" => FallbackCheck(),
                "unpin-check" => UnpinCheck(),
                var other => Fail($"unknown mode {other}"),
            };
        }
        catch (Exception ex)
        {
            return Fail(ex.ToString());
        }
    }

    private static async Task<int> EchoAsync(Dictionary<string, string> options)
    {
        var transportOptions = new TransportOptions
        {
            Kind = Enum.Parse<TransportKind>(options["kind"], ignoreCase: true),
            ReceiveMode = options.ContainsKey("busy") ? ReceiveMode.BusyPoll : ReceiveMode.Hybrid,
        };
        if (options.TryGetValue("lcore", out var lcore))
        {
            transportOptions.Dpdk.Lcore = int.Parse(lcore, CultureInfo.InvariantCulture);
        }

        if (options.TryGetValue("cpu", out var cpu))
        {
            CpuAffinity.TryPinCurrentThread(int.Parse(cpu, CultureInfo.InvariantCulture));
        }

        if (transportOptions.Kind == TransportKind.Dpdk && !DpdkEnvironment.TryInitialize(transportOptions.Dpdk, out var reason))
        {
            return Fail(reason);
        }

        await using var transport = TransportFactory.Create(transportOptions);
        ITransportLink link;
        if (options.TryGetValue("listen", out var listenAddress))
        {
            await using var listener = await transport.ListenAsync(listenAddress);
            Console.WriteLine("READY " + listener.LocalAddress);
            link = await listener.AcceptAsync();
        }
        else
        {
            Console.WriteLine("READY");
            link = await transport.ConnectAsync(options["connect"]);
        }

        Console.WriteLine("CONNECTED");
        long frames = 0, bytes = 0;
        await using (link)
        {
            try
            {
                while (true)
                {
                    using var frame = await link.ReceiveAsync();
                    await link.SendAsync(frame.Memory);
                    frames++;
                    bytes += frame.Length;
                }
            }
            catch (TransportClosedException)
            {
                // The test closed its end: every frame was echoed.
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"DONE frames={frames} bytes={bytes}"));
        return 0;
    }

    /// <summary>
    /// On a new thread: pins to the process's lowest CPU, unpins, and prints
    /// "UNPIN process=SET pinned=SET unpinned=SET" (SETs as {a,b}); run it under taskset.
    /// </summary>
    private static int UnpinCheck()
    {
        string? line = null;
        var thread = new Thread(() =>
        {
            if (!CpuAffinity.TryGetProcessSet(out var process) || !CpuAffinity.TryPinCurrentThread(process.Lowest)
                || !CpuAffinity.TryGetCurrentThreadSet(out var pinned) || !CpuAffinity.TryUnpinCurrentThread()
                || !CpuAffinity.TryGetCurrentThreadSet(out var unpinned))
            {
                line = "UNPIN refused";
                return;
            }

            line = $"UNPIN process={process} pinned={pinned} unpinned={unpinned}";
        });
        thread.Start();
        thread.Join();
        Console.WriteLine(line);
        return 0;
    }

    private static int FallbackCheck()
    {
        var logger = new LineLogger();
        var transport = TransportFactory.Create(new TransportOptions { Kind = TransportKind.Dpdk }, logger);
        Console.WriteLine("KIND " + transport.Kind);
        return 0;
    }

    private static int Fail(string message)
    {
        Console.WriteLine("ERROR " + message.ReplaceLineEndings(" | "));
        return 1;
    }

    private static Dictionary<string, string> ParseArgs(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[args[i][2..]] = hasValue ? args[++i] : "true";
        }

        return options;
    }
}
