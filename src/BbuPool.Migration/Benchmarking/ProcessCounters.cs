using System.Runtime;

namespace BbuPool.Migration.Benchmarking;

/// <summary>
/// The process-wide counters a cell reports the change of: collections and their pause, JIT
/// compiles and their time, bytes allocated, and CPU the host stole.
/// </summary>
/// <param name="Gc">Garbage collections and their pause.</param>
/// <param name="JitMethods">Methods compiled.</param>
/// <param name="JitTime">Time compiling.</param>
/// <param name="AllocatedBytes">Bytes allocated, all threads.</param>
/// <param name="StealMs">CPU time the host stole from this guest (ms).</param>
internal readonly record struct ProcessCounters(GarbageCollections Gc, long JitMethods, TimeSpan JitTime, long AllocatedBytes, double StealMs)
{
    /// <summary>The counters now.</summary>
    public static ProcessCounters Now() => new(
        GarbageCollections.Now(),
        JitInfo.GetCompiledMethodCount(),
        JitInfo.GetCompilationTime(),
        GC.GetTotalAllocatedBytes(),
        StolenTime.ReadMs());

    /// <summary>How much each counter moved since <paramref name="start"/>.</summary>
    public static ProcessCounters Since(ProcessCounters start)
    {
        var now = Now();
        return new(
            now.Gc - start.Gc,
            now.JitMethods - start.JitMethods,
            now.JitTime - start.JitTime,
            now.AllocatedBytes - start.AllocatedBytes,
            now.StealMs - start.StealMs);
    }
}
