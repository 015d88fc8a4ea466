using System.Diagnostics;
using System.Runtime.InteropServices;
using BbuPool.Transport.Diagnostics;
using BbuPool.Transport.Interop;
using BbuPool.Transport.Threading;

namespace BbuPool.Transport.Benchmarking;

/// <summary>
/// Measurements over any pair of <see cref="ITransportLink"/>s, with the two sides on two pinned
/// threads busy-polling the synchronous TryX paths (what a pinned migration sender and receiver do).
/// </summary>
public static class LinkBenchmarks
{
    // What a receiver does with each frame it takes (its index in the stream, its bytes).
    private delegate void FrameSink(long index, ReadOnlySpan<byte> frame);

    /// <summary>
    /// SCHED_FIFO priority of the measuring threads (0: normal). The runner sets it (and the same for
    /// the raw C threads) so a loaded machine preempts both sides of a ratio alike.
    /// </summary>
    public static int FifoPriority { get; set; }

    /// <summary>Sends <paramref name="totalBytes"/> in <paramref name="frameBytes"/> frames from <paramref name="sender"/> to <paramref name="receiver"/>; returns bytes per second.</summary>
    public static double Throughput(ITransportLink sender, ITransportLink receiver, long totalBytes, int frameBytes, int senderCpu, int receiverCpu)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(receiver);
        var frames = (totalBytes + frameBytes - 1) / frameBytes;
        return Stream("throughput", sender, receiver, Source(frames * frameBytes), frames, frameBytes, senderCpu, receiverCpu, sink: null);
    }

    /// <summary>
    /// The largest image <see cref="StateTransfer"/> moves (1 GiB): spans index with an int, and
    /// past the last-level cache the rate no longer depends on the size.
    /// </summary>
    public const long MaxStateTransferBytes = 1L << 30;

    // The x86-64 and arm64 transparent huge page.
    private const int HugePageBytes = 2 * 1024 * 1024;

    /// <summary>
    /// Moves a whole state image of <paramref name="stateBytes"/> from one buffer to another through
    /// the link, in <paramref name="frameBytes"/> frames: the sender reads the image in place, the
    /// receiver stores each frame at its offset in a second image; returns bytes per second. This
    /// is the least any migration of that state does, and the rate it is held to: the plain
    /// <see cref="Throughput"/> probe drops each frame into a reused, cache-hot buffer and so never
    /// writes the state out to memory (here 15-26 GB/s against 15-20 GB/s for one memcpy of a
    /// 256 MiB image). Both images are 2 MiB-aligned, advised to huge pages and touched before the
    /// clock starts, as a migration's source region and its destination's parked image are: with
    /// 4 KiB pages the probe would pay TLB misses the engine does not, and flatter it.
    /// </summary>
    public static unsafe double StateTransfer(ITransportLink sender, ITransportLink receiver, long stateBytes, int frameBytes, int senderCpu, int receiverCpu)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentOutOfRangeException.ThrowIfLessThan(stateBytes, frameBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stateBytes, MaxStateTransferBytes);
        long frames = stateBytes / frameBytes;
        long bytes = frames * frameBytes;
        byte* source = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, HugePageBytes);
        byte* destination = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, HugePageBytes);
        try
        {
            LibC.AdviseHugePages(source, (nuint)bytes);
            LibC.AdviseHugePages(destination, (nuint)bytes);
            // Distinct contents with no zero page: a page of zeros would let a smarter path skip it.
            Random.Shared.NextBytes(new Span<byte>(source, (int)bytes));
            for (long offset = 0; offset < bytes; offset += 4096)
            {
                destination[offset] = 1;
            }

            using var image = new NativeBytes(source, bytes);
            double rate = Stream("state transfer", sender, receiver, image.Memory, frames, frameBytes, senderCpu, receiverCpu,
                (index, frame) => frame.CopyTo(new Span<byte>(destination + (index * frameBytes), frameBytes)));
            // A rate is only worth reporting for bytes that arrived intact and in order.
            if (!new ReadOnlySpan<byte>(source, (int)bytes).SequenceEqual(new ReadOnlySpan<byte>(destination, (int)bytes)))
            {
                throw new TransportException("state transfer run failed: the destination image differs from the source");
            }

            return rate;
        }
        finally
        {
            NativeMemory.AlignedFree(source);
            NativeMemory.AlignedFree(destination);
        }
    }

    /// <summary>
    /// Streams <paramref name="frames"/> slices of <paramref name="source"/> from a pinned sender to
    /// a pinned receiver that hands each to <paramref name="sink"/> (or drops it); returns bytes per
    /// second, timed at the receiver.
    /// </summary>
    private static double Stream(string what, ITransportLink sender, ITransportLink receiver, ReadOnlyMemory<byte> source, long frames, int frameBytes, int senderCpu, int receiverCpu, FrameSink? sink)
    {
        using var start = new ManualResetEventSlim();
        long elapsedTicks = 0;
        Exception? failure = null;
        var receive = CpuAffinity.StartPinned(receiverCpu, "bench-receive", () =>
        {
            try
            {
                start.Wait();
                var clock = Stopwatch.StartNew();
                for (long got = 0; got < frames;)
                {
                    if (receiver.TryReceive(out var frame))
                    {
                        sink?.Invoke(got, frame.Span);
                        frame.Dispose();
                        got++;
                    }
                }

                elapsedTicks = clock.ElapsedTicks;
            }
            catch (Exception ex)
            {
                failure ??= ex;
            }
        }, FifoPriority);
        var send = CpuAffinity.StartPinned(senderCpu, "bench-send", () =>
        {
            try
            {
                start.Wait();
                for (long i = 0; i < frames; i++)
                {
                    while (!sender.TrySend(source.Slice((int)(i * frameBytes), frameBytes)))
                    {
                        Thread.SpinWait(1);
                    }
                }
            }
            catch (Exception ex)
            {
                failure ??= ex;
            }
        }, FifoPriority);
        start.Set();
        send.Join();
        receive.Join();
        if (failure is not null)
        {
            throw new TransportException(what + " run failed: " + failure.Message, failure);
        }

        return frames * (double)frameBytes / (elapsedTicks / (double)Stopwatch.Frequency);
    }

    /// <summary>Ping-pong of <paramref name="frameBytes"/> frames; one-way latency is half of each round trip.</summary>
    public static LatencyFigure PingPong(string path, ITransportLink pinger, ITransportLink echoer, int frameBytes, int iterations, int pingCpu, int echoCpu)
    {
        ArgumentNullException.ThrowIfNull(pinger);
        ArgumentNullException.ThrowIfNull(echoer);
        // A tenth of the iterations again as warm-up: JIT, first-touch of ring pages, caches.
        var warmup = Math.Max(1000, iterations / 10);
        var total = warmup + iterations;
        var payload = new byte[frameBytes];
        var rtt = new long[iterations];
        Exception? failure = null;
        var echo = CpuAffinity.StartPinned(echoCpu, "bench-echo", () =>
        {
            try
            {
                for (var i = 0; i < total; i++)
                {
                    TransportFrame? frame;
                    while (!echoer.TryReceive(out frame))
                    {
                    }

                    while (!echoer.TrySend(frame.Memory))
                    {
                    }

                    frame.Dispose();
                }
            }
            catch (Exception ex)
            {
                failure ??= ex;
            }
        }, FifoPriority);
        var ping = CpuAffinity.StartPinned(pingCpu, "bench-ping", () =>
        {
            try
            {
                ReadOnlyMemory<byte> frame = payload;
                for (var i = 0; i < total; i++)
                {
                    var t0 = MonotonicClock.NowNanoseconds();
                    while (!pinger.TrySend(frame))
                    {
                    }

                    TransportFrame? back;
                    while (!pinger.TryReceive(out back))
                    {
                    }

                    var t1 = MonotonicClock.NowNanoseconds();
                    back.Dispose();
                    if (i >= warmup)
                    {
                        rtt[i - warmup] = t1 - t0;
                    }
                }
            }
            catch (Exception ex)
            {
                failure ??= ex;
            }
        }, FifoPriority);
        ping.Join();
        echo.Join();
        if (failure is not null)
        {
            throw new TransportException("ping-pong run failed: " + failure.Message, failure);
        }

        Array.Sort(rtt);
        return new LatencyFigure(path, frameBytes, rtt[iterations / 2] / 2.0, rtt[(int)((long)iterations * 99 / 100)] / 2.0, iterations);
    }

    /// <summary>
    /// The memcpy baseline: one pinned thread copies the same bytes (the same 64 MiB source, frame by
    /// frame) into one frame-size destination, as the transports' receivers copy each frame into a
    /// pooled buffer: one copy on one core, where a transport copies twice on two cores.
    /// </summary>
    public static double Memcpy(long totalBytes, int frameBytes, int cpu)
    {
        var frames = (totalBytes + frameBytes - 1) / frameBytes;
        var source = Source(frames * frameBytes);
        var destination = new byte[frameBytes];
        long elapsedTicks = 0;
        var thread = CpuAffinity.StartPinned(cpu, "bench-memcpy", () =>
        {
            var clock = Stopwatch.StartNew();
            for (long i = 0; i < frames; i++)
            {
                source.Span.Slice((int)(i * frameBytes), frameBytes).CopyTo(destination);
            }

            elapsedTicks = clock.ElapsedTicks;
        }, FifoPriority);
        thread.Join();
        return frames * (double)frameBytes / (elapsedTicks / (double)Stopwatch.Frequency);
    }

    // One source of distinct random bytes shared by every path of a run (a state image being
    // migrated): all paths read the same cold 64 MiB, so the ratios compare like with like. Native,
    // not a pinned array: with 64 MiB on the pinned-object heap, the process's next collection was
    // a full compacting one (generation 2), 11.6-21 ms in `bench migration`'s cells where it fell
    // there, every managed thread stopped, the FIFO stack threads too (docs/migration-benchmarks.md).
    private static unsafe byte* _source;
    private static long _sourceBytes;
    private static NativeBytes? _sourceMemory;

    // Not thread-safe, as the probes are not: one runs at a time.
    private static unsafe ReadOnlyMemory<byte> Source(long bytes)
    {
        int length = checked((int)bytes);
        if (_sourceBytes < length)
        {
            ReleaseSource();
            _source = (byte*)NativeMemory.AlignedAlloc((nuint)length, HugePageBytes);
            _sourceBytes = length;
            Random.Shared.NextBytes(new Span<byte>(_source, length));
            _sourceMemory = new NativeBytes(_source, length);
        }

        return _sourceMemory!.Memory[..length];
    }

    /// <summary>
    /// Frees the random image the <see cref="Throughput"/> and <see cref="Memcpy"/> probes share
    /// (kept between calls so every path of a run reads the same bytes); the next probe makes a new
    /// one. Call it only when no probe runs: the image is freed at once.
    /// </summary>
    public static unsafe void ReleaseSource()
    {
        if (_source != null)
        {
            _sourceMemory = null;
            NativeMemory.AlignedFree(_source);
            _source = null;
            _sourceBytes = 0;
        }
    }
}
