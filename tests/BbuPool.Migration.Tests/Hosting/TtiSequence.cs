using BbuPool.Migration.Hosting;

namespace BbuPool.Migration.Tests.Hosting;

/// <summary>Checks on a clocked host's sequence of TTIs.</summary>
internal static class TtiSequence
{
    /// <summary>
    /// A clocked host, paused or stopped, ran each of its TTIs once, none skipped: it completed as
    /// many as its first and last TTI span, or none if it never ran one (pauses can take every
    /// boundary first). <c>TtiStatistics.Gaps</c> counts only a follower's skipped inputs, so it
    /// cannot tell this for a clocked host.
    /// </summary>
    public static void AssertEachRanOnce(StackHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var stats = host.Statistics();
        Assert.Equal(0, stats.Gaps);
        long span = host.FirstClockedTti < 0 ? 0 : host.LastTti - host.FirstClockedTti + 1;
        Assert.Equal(span, stats.Completed);
    }
}
