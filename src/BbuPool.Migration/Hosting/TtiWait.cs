namespace BbuPool.Migration.Hosting;

/// <summary>How a clocked host waits for the next TTI start.</summary>
public enum TtiWait
{
    /// <summary>Busy-spin: lowest jitter, burns the (isolated, pinned) core.</summary>
    Spin,

    /// <summary>Sleep (usleep) until 80 us before the start, then spin with Thread.Yield: low jitter, mostly idle.</summary>
    Yield,

    /// <summary>Sleep 1 ms slices, then one usleep to the start: idle, jitter of the timer slack (~50 us).</summary>
    Sleep,
}
