namespace BbuPool.Migration.Hosting;

/// <summary>How a clocked host waits for the next TTI start.</summary>
public enum TtiWait
{
    /// <summary>Busy-spin: lowest jitter, burns the (isolated, pinned) core.</summary>
    Spin,

    /// <summary>Spin with Thread.Yield: low jitter, gives the core to runnable threads.</summary>
    Yield,

    /// <summary>Sleep 1 ms slices: coarse (TTIs may start late) but idle; for tests on shared cores.</summary>
    Sleep,
}
