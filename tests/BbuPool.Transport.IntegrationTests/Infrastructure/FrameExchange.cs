using BbuPool.Testing.Transport;
using BbuPool.Transport.Threading;

namespace BbuPool.Transport.IntegrationTests.Infrastructure;

/// <summary>
/// Moves a known sequence of self-checking frames (random sizes, every 16th a 64 KiB page batch)
/// from a sending thread to a receiving thread and checks each one: length, CRC-32C, and a byte
/// compare with the regenerated frame, so loss, reordering and corruption all fail.
/// </summary>
public static class FrameExchange
{
    /// <summary>The plan: frame lengths adding up to at least <paramref name="totalBytes"/>.</summary>
    public static int[] Plan(long totalBytes, int maxFrame, int seed)
    {
        var random = new Random(seed);
        var lengths = new List<int>();
        long sum = 0;
        for (var i = 0; sum < totalBytes; i++)
        {
            var length = TransportTestFrames.RandomLength(random, i, maxFrame);
            lengths.Add(length);
            sum += length;
        }

        return [.. lengths];
    }

    /// <summary>
    /// Sends <paramref name="plan"/> on <paramref name="sender"/> and checks it on <paramref name="receiver"/>
    /// (the same link when a peer echoes), at most <paramref name="window"/> frames in flight.
    /// Threads are pinned to <paramref name="senderCpu"/> / <paramref name="receiverCpu"/> when not -1.
    /// Returns the number of bad frames (0 expected).
    /// </summary>
    public static int Run(ITransportLink sender, ITransportLink receiver, int[] plan, int window, int senderCpu = -1, int receiverCpu = -1)
    {
        using var slots = new SemaphoreSlim(window);
        Exception? failure = null;
        var bad = 0;
        var send = new Thread(() =>
        {
            try
            {
                if (senderCpu >= 0)
                {
                    CpuAffinity.TryPinCurrentThread(senderCpu);
                }

                var buffer = new byte[plan.Max()];
                for (var i = 0; i < plan.Length; i++)
                {
                    slots.Wait();
                    var frame = buffer.AsMemory(0, plan[i]);
                    TransportTestFrames.Fill(frame.Span, (ulong)i + 1);
                    // Gather from two pieces, as a page batch of header + pages would be sent.
                    var cut = plan[i] / 3;
                    sender.SendAsync(new ReadOnlyMemory<byte>[] { frame[..cut], frame[cut..] }).AsTask().GetAwaiter().GetResult();
                }
            }
            catch (Exception ex)
            {
                failure ??= ex;
            }
        }) { IsBackground = true, Name = "exchange-send" };
        var receive = new Thread(() =>
        {
            try
            {
                if (receiverCpu >= 0)
                {
                    CpuAffinity.TryPinCurrentThread(receiverCpu);
                }

                var expected = new byte[plan.Max()];
                for (var i = 0; i < plan.Length; i++)
                {
                    using var frame = receiver.ReceiveAsync().AsTask().GetAwaiter().GetResult();
                    var want = expected.AsSpan(0, plan[i]);
                    TransportTestFrames.Fill(want, (ulong)i + 1);
                    if (frame.Length != plan[i] || !TransportTestFrames.Verify(frame.Span) || !frame.Span.SequenceEqual(want))
                    {
                        bad++;
                    }

                    slots.Release();
                }
            }
            catch (Exception ex)
            {
                failure ??= ex;
                slots.Release(window);
            }
        }) { IsBackground = true, Name = "exchange-receive" };
        send.Start();
        receive.Start();
        if (!send.Join(TimeSpan.FromMinutes(2)) || !receive.Join(TimeSpan.FromMinutes(2)))
        {
            throw new TimeoutException($"frame exchange did not finish in 2 minutes (received stats: {receiver.GetStats()})");
        }

        if (failure is not null)
        {
            throw new InvalidOperationException("frame exchange failed", failure);
        }

        return bad;
    }
}
