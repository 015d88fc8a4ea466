using BbuPool.Migration.State;

namespace BbuPool.Migration.Stacks;

/// <summary>Where the reference stack keeps each kind of state inside its region (all offsets page-aligned).</summary>
/// <param name="HeaderOffset">Scheduler header page (hot: written every TTI).</param>
/// <param name="UeContextOffset">UE contexts, <see cref="UeContextBytes"/> each.</param>
/// <param name="HarqOffset">HARQ soft buffers: UE x process x <paramref name="SoftBufferBytes"/>.</param>
/// <param name="SoftBufferBytes">One HARQ process's soft buffer.</param>
/// <param name="TraceOffset">Trace ring (non-real-time writes, throttled by auto-converge).</param>
/// <param name="TraceBytes">Trace ring size.</param>
/// <param name="ColdOffset">Cold state (configuration, tables): rarely written.</param>
/// <param name="ColdBytes">Cold state size.</param>
public readonly record struct ReferenceStackLayout(
    long HeaderOffset,
    long UeContextOffset,
    long HarqOffset,
    int SoftBufferBytes,
    long TraceOffset,
    int TraceBytes,
    long ColdOffset,
    long ColdBytes)
{
    /// <summary>Bytes per UE context (RRC/MAC context, bearers, timers: ~0.5 KiB).</summary>
    public const int UeContextBytes = 512;

    /// <summary>HARQ processes per UE (LTE FDD: 8).</summary>
    public const int HarqProcesses = 8;

    /// <summary>Lays out a region of <paramref name="stateBytes"/> for <paramref name="maxUes"/> UEs.</summary>
    public static ReferenceStackLayout For(long stateBytes, int maxUes)
    {
        const int Page = PageRegion.PageSize;
        long header = 0;
        long ue = Page;
        long harq = ue + RoundUp((long)maxUes * UeContextBytes);
        // Soft buffers take up to half the state, 4..32 KiB per process (an LTE soft buffer for a
        // 20 MHz, 2-layer UE is ~ 35 KiB per process in bits; we keep one byte per LLR of one TB).
        long perProcess = Math.Clamp(stateBytes / 2 / ((long)maxUes * HarqProcesses) / Page * Page, Page, 8 * Page);
        long trace = harq + ((long)maxUes * HarqProcesses * perProcess);
        // Trace ring: 1/16 of the state, at least 2 pages (a few seconds of per-TTI records).
        long traceBytes = Math.Max(2 * Page, RoundUp(stateBytes / 16));
        long cold = trace + traceBytes;
        long coldBytes = stateBytes - cold;
        if (coldBytes < Page)
        {
            throw new ArgumentOutOfRangeException(nameof(stateBytes), $"State of {stateBytes} bytes is too small for {maxUes} UEs.");
        }

        return new ReferenceStackLayout(header, ue, harq, (int)perProcess, trace, (int)traceBytes, cold, coldBytes / Page * Page);
    }

    private static long RoundUp(long bytes) => (bytes + PageRegion.PageSize - 1) / PageRegion.PageSize * PageRegion.PageSize;
}
