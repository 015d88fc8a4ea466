using BbuPool.Migration.State;

namespace BbuPool.Migration.Selection;

/// <summary>Measures a running stack's dirty rate: distinct pages written per second over a window.</summary>
public static class DirtyRateMeter
{
    /// <summary>
    /// Clears the dirty bits, waits <paramref name="window"/>, counts the pages written. Distinct
    /// pages per window is what a pre-copy round of that length would have to re-send.
    /// </summary>
    public static async Task<double> MeasurePagesPerSecondAsync(PageRegion region, TimeSpan window, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(region);
        var clock = time ?? TimeProvider.System;
        region.ClearDirty();
        long t0 = clock.GetTimestamp();
        await Task.Delay(window, clock, cancellationToken);
        int pages = region.DirtyCount;
        double seconds = clock.GetElapsedTime(t0).TotalSeconds;
        return pages / Math.Max(seconds, 1e-6);
    }
}
