using BenchmarkDotNet.Attributes;
using BbuPool.Transport;
using BbuPool.Transport.SharedMemory;

namespace BbuPool.Benchmarks.Transport;

/// <summary>
/// Per-frame cost of the shm link API on one thread (send then receive, no second core): the
/// copy in, the copy out, the index stores and the pooled frame, without cross-core traffic.
/// `dotnet run -c Release --project tests/BbuPool.Benchmarks -- --filter '*SharedMemoryRing*'`
/// </summary>
[MemoryDiagnoser]
public class SharedMemoryRingBenchmarks
{
    private ITransportLink? _sender;
    private ITransportLink? _receiver;
    private byte[] _payload = [];

    /// <summary>Frame size: a 64 B control message, two pages, a 16-page batch.</summary>
    [Params(64, 8 * 1024, 64 * 1024)]
    public int FrameBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var transport = new SharedMemoryTransport(new TransportOptions { ReceiveMode = ReceiveMode.BusyPoll });
        var name = $"bdn-{Environment.ProcessId}-{FrameBytes}";
        var listener = transport.ListenAsync(name).AsTask().GetAwaiter().GetResult();
        var connect = transport.ConnectAsync(name).AsTask();
        _receiver = listener.AcceptAsync().AsTask().GetAwaiter().GetResult();
        _sender = connect.GetAwaiter().GetResult();
        listener.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _payload = new byte[FrameBytes];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sender?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _receiver?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public int SendThenReceive()
    {
        _sender!.TrySend(_payload);
        _receiver!.TryReceive(out var frame);
        var length = frame!.Length;
        frame.Dispose();
        return length;
    }
}
