using BbuPool.Migration.Hosting;
using BbuPool.Migration.Stacks;
using BbuPool.Migration.State;
using BbuPool.Migration.Tests.Stacks;

namespace BbuPool.Migration.Tests.Hosting;

[Collection(SerialCollection.Name)]
public sealed class StackHostMissLogTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(1);

    // Every 10th TTI computes for 2.5 ms.
    private static readonly Action<long> SlowEveryTenth = tti =>
    {
        if (tti % 10 == 0)
        {
            Thread.Sleep(TimeSpan.FromMilliseconds(2.5));
        }
    };

    [Fact]
    public async Task MissLog_HoldsTheLastMisses_InOrder_EachPastItsDeadline_AndTheSlowTtisAmongThem()
    {
        // Every 10th TTI computes for 2.5 periods: it misses, and so may the one or two behind it.
        using var region = PageRegion.ForBytes(1L << 20);
        using var host = new StackHost(new QuietStack(SlowEveryTenth), region, new LoadProfile(0.1).InputFor, new StackHostOptions { TtiPeriod = Period, Wait = TtiWait.Sleep, Name = "misses" });
        host.StartClocked(0);
        await Eventually.TrueAsync(() => host.DeadlineMisses > StackHost.MissLogLength + 20, () => $"more misses than the log holds ({host.DeadlineMisses})");
        await Eventually.WithinAsync(host.PauseAsync(), () => "the host to pause");

        long total = host.DeadlineMisses;
        var log = host.MissesSince(0);
        // A full log gives one less than it holds: the oldest slot is the one a running thread writes next.
        Assert.Equal(StackHost.MissLogLength - 1, log.Length);
        Assert.Equal(log, host.MissesSince(total - log.Length - 10, out long counted));
        Assert.Equal(total, counted);
        Assert.Empty(host.MissesSince(total));
        Assert.Equal(log[^5..], host.MissesSince(total - 5));

        long period = (long)(Period.TotalSeconds * host.Time.TimestampFrequency);
        for (int i = 0; i < log.Length; i++)
        {
            var miss = log[i];
            Assert.True(miss.Finished > miss.SlotStart + period, $"TTI {miss.Tti} finished {miss.Finished - miss.SlotStart} ticks after its slot, deadline {period}");
            Assert.True(miss.Started >= miss.SlotStart, $"TTI {miss.Tti} began before its slot");
            if (i > 0)
            {
                Assert.True(miss.Tti > log[i - 1].Tti, $"TTI {miss.Tti} after {log[i - 1].Tti}");
            }
        }

        // Each slow TTI misses on its own compute; the log shows it with that compute.
        var slow = log.Where(m => m.Tti % 10 == 0).ToList();
        Assert.NotEmpty(slow);
        Assert.All(slow, m => Assert.True(m.Finished - m.Started >= 2 * period, $"TTI {m.Tti} computed {m.Finished - m.Started} ticks"));
        long firstSlow = log[0].Tti + ((10 - (log[0].Tti % 10)) % 10);
        Assert.Equal(Enumerable.Range(0, (int)((log[^1].Tti - firstSlow) / 10) + 1).Select(k => firstSlow + (10 * k)), slow.Select(m => m.Tti));
    }
}
