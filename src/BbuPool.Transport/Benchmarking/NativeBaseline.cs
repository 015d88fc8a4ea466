using BbuPool.Transport.Dpdk;

namespace BbuPool.Transport.Benchmarking;

/// <summary>
/// The raw C baseline: the shim's own benchmark (native/src/bbu_dpdk_bench.c) on its own net_ring
/// pair in this process, moving the same bytes with the same fragmenting, bursts of 32, no .NET.
/// </summary>
public sealed class NativeBaseline : IDisposable
{
    private readonly DpdkPortHandle _first;
    private readonly DpdkPortHandle _second;

    private NativeBaseline(DpdkPortHandle first, DpdkPortHandle second)
    {
        _first = first;
        _second = second;
    }

    /// <summary>Creates the ring pair; EAL must be up (<see cref="DpdkEnvironment.TryInitialize"/>).</summary>
    public static NativeBaseline Create(string name)
    {
        if (DpdkNative.RingPair(name, 0, out var first, out var second) != 0)
        {
            throw new TransportException("raw C baseline: " + DpdkNative.LastError());
        }

        return new NativeBaseline(first, second);
    }

    /// <summary>Bytes per second for <paramref name="totalBytes"/> in <paramref name="frameBytes"/> frames.</summary>
    public double Throughput(long totalBytes, int frameBytes, int txCpu, int rxCpu)
    {
        DpdkNative.BenchSetPriority(LinkBenchmarks.FifoPriority);
        if (DpdkNative.BenchThroughput(_first, _second, (ulong)totalBytes, (uint)frameBytes, txCpu, rxCpu, out var result) != 0)
        {
            throw new TransportException("raw C throughput: " + DpdkNative.LastError());
        }

        return result.BytesPerSecond;
    }

    /// <summary>One-way latency of a <paramref name="frameBytes"/> ping-pong over <paramref name="iterations"/> round trips.</summary>
    public LatencyFigure PingPong(int frameBytes, int iterations, int aCpu, int bCpu)
    {
        // Same warm-up as the .NET path: a tenth of the iterations, at least 1000.
        var warmup = Math.Max(1000, iterations / 10);
        DpdkNative.BenchSetPriority(LinkBenchmarks.FifoPriority);
        DpdkNative.BenchPingPong(_first, _second, (uint)frameBytes, (uint)warmup, aCpu, bCpu, out _);
        if (DpdkNative.BenchPingPong(_first, _second, (uint)frameBytes, (uint)iterations, aCpu, bCpu, out var result) != 0)
        {
            throw new TransportException("raw C ping-pong: " + DpdkNative.LastError());
        }

        return new LatencyFigure("dpdk_native_c", frameBytes, result.P50Nanoseconds, result.P99Nanoseconds, iterations);
    }

    /// <summary>Closes both ports.</summary>
    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }
}
