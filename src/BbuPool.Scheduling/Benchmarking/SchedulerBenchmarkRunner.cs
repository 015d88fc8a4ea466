using System.Diagnostics;
using BbuPool.Core.Cost;
using BbuPool.Core.Pool;
using BbuPool.Core.Scheduling;
using BbuPool.Scheduling.Baseline;

namespace BbuPool.Scheduling.Benchmarking;

/// <summary>
/// Measures the engine for `bbupool bench scheduler`: full placement of a synthetic pool, incremental
/// decisions after single-cell load changes (time and allocation per decision), an unchanged step,
/// each next to the FFD baseline in the same run.
/// </summary>
public static class SchedulerBenchmarkRunner
{
    /// <summary>Issue 4's size: 10,000 cells on 1,000 nodes.</summary>
    public const int DefaultNodes = 1000;

    /// <summary>Cells of the default size.</summary>
    public const int DefaultCells = 10_000;

    /// <summary>Runs the measurements; <paramref name="quick"/> takes fewer repetitions (under 30 s).</summary>
    public static SchedulerBenchmarkResult Run(bool quick, int nodes = DefaultNodes, int cells = DefaultCells, IProgress<string>? progress = null)
    {
        var reps = quick ? 5 : 9;
        var decisions = quick ? 20_000 : 200_000;

        progress?.Report("warm-up");
        // JIT warm-up at full size, with pauses: tiered compilation starts counting calls only
        // after 100 ms without new tier-0 code (DOTNET_TC_CallCountingDelayMs) and compiles tier 1
        // on a background thread, which a loaded 2-core machine starves. Five small pools were not
        // enough: the timed runs still executed tier-0 code (108-190 ms at load 17 vs 8-30 ms warm).
        for (var w = 0; w < 4; w++)
        {
            var warm = SyntheticPool.Create(nodes, cells, seed: w);
            new FrameworkScheduler(warm.Policy).PlaceAll(warm, 1);
            Thread.Sleep(150);
        }

        progress?.Report("full placement (framework)");
        var times = new double[reps];
        var cpu = new double[reps];
        PoolState? placed = null;
        FrameworkScheduler? scheduler = null;
        using var process = Process.GetCurrentProcess();
        for (var r = 0; r < reps; r++)
        {
            var pool = SyntheticPool.Create(nodes, cells);
            var s = new FrameworkScheduler(pool.Policy);
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            s.PlaceAll(pool, 1);
            times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            process.Refresh();
            cpu[r] = (process.TotalProcessorTime - cpuStart).TotalMilliseconds;
            placed = pool;
            scheduler = s;
        }

        var fullMs = Median(times);
        var placedCells = Placed(placed!);
        var nodesUsed = NodesUsed(placed!);

        progress?.Report("full placement (FFD baseline)");
        var baseReps = quick ? 1 : 3;
        var baseTimes = new double[baseReps];
        PoolState? basePool = null;
        for (var r = 0; r < baseReps; r++)
        {
            basePool = SyntheticPool.Create(nodes, cells);
            var ffd = new FirstFitDecreasingScheduler();
            var start = Stopwatch.GetTimestamp();
            ffd.Schedule(basePool, new SchedulingContext(0, 1, false, []));
            baseTimes[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        progress?.Report("incremental decisions");
        var (p50, p99, bytes, baseP99, bindBytes) = Incremental(placed!, scheduler!, decisions);

        progress?.Report("unchanged step");
        // Let consolidation settle (loads constant, time advancing), then time steps where nothing changes.
        var now = 0.0;
        for (var quiet = 0; quiet < 3 && now < 86_400; now += 60)
        {
            Step(placed!, scheduler!, now);
            quiet = placed!.Journal.Count == 0 ? quiet + 1 : 0;
        }

        var stepTimes = new double[quick ? 20 : 200];
        for (var i = 0; i < stepTimes.Length; i++, now += 1)
        {
            var start = Stopwatch.GetTimestamp();
            Step(placed!, scheduler!, now);
            stepTimes[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        return new SchedulerBenchmarkResult(
            nodes,
            cells,
            fullMs,
            Median(baseTimes),
            placedCells,
            Placed(basePool!),
            nodesUsed,
            NodesUsed(basePool!),
            p50,
            p99,
            bytes,
            baseP99,
            decisions,
            Median(stepTimes),
            bindBytes,
            Median(cpu));
    }

    /// <summary>
    /// One cell's load changes (its demand is swapped for one computed ahead), then the engine decides
    /// where that cell should run if its node cannot grow it: a full framework cycle (PreFilter ..
    /// Score) over the capacity index, the worst case of a decision (most load changes are absorbed
    /// in place). Timed one by one; allocation measured over the whole loop.
    /// </summary>
    private static (double P50, double P99, double Bytes, double BaselineP99, double BindBytes) Incremental(PoolState pool, FrameworkScheduler scheduler, int decisions)
    {
        var rng = new Random(7);
        var cellsSeq = new int[decisions];
        var demands = new CellDemand[decisions];
        for (var i = 0; i < decisions; i++)
        {
            cellsSeq[i] = rng.Next(pool.CellCount);
            demands[i] = SyntheticPool.DemandAt(pool, cellsSeq[i], 0.2 + (0.6 * rng.NextDouble()));
        }

        var latencies = new double[decisions];
        scheduler.Prepare(pool, 1);
        // Warm up the JIT on the same path.
        for (var i = 0; i < Math.Min(2000, decisions); i++)
        {
            pool.SetDemand(cellsSeq[i], demands[i]);
            scheduler.Placer.SelectMove(cellsSeq[i]);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < decisions; i++)
        {
            var cell = cellsSeq[i];
            pool.SetDemand(cell, demands[i]);
            var start = Stopwatch.GetTimestamp();
            scheduler.Placer.SelectMove(cell);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        var bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)decisions;
        Array.Sort(latencies);
        var p50 = latencies[decisions / 2];
        var p99 = latencies[(int)(decisions * 0.99)];

        // Baseline: FFD's first-fit scan for the same cell (feasibility + cores, no bind).
        var baseCount = Math.Min(decisions, 20_000);
        var baseLat = new double[baseCount];
        for (var i = 0; i < baseCount; i++)
        {
            var cell = cellsSeq[i];
            var start = Stopwatch.GetTimestamp();
            for (var n = 0; n < pool.NodeCount; n++)
            {
                if (n != pool.NodeOf(cell) && FirstFitDecreasingScheduler.Feasible(pool, cell, n) &&
                    pool.CoresOfNode(n).LargestFreeNuma() >= pool.CoresNeeded(cell, n))
                {
                    break;
                }
            }

            baseLat[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(baseLat);

        // PoolState's bind path (resize down and up again): core ids go into its flat table, so 0 B expected.
        // As at the start of every simulated step: the journal holds this step's changes only.
        pool.ClearJournal();
        var bindBefore = GC.GetAllocatedBytesForCurrentThread();
        var resizes = 0;
        for (var c = 0; c < pool.CellCount && resizes < 1000; c++)
        {
            var have = pool.CoresOf(c).Length;
            if (pool.NodeOf(c) >= 0 && have > 1 && pool.TryResize(c, have - 1, "bench") && pool.TryResize(c, have, "bench"))
            {
                resizes += 2;
            }
        }

        var bindBytes = resizes > 0 ? (GC.GetAllocatedBytesForCurrentThread() - bindBefore) / (double)resizes : 0;
        pool.ClearJournal();
        return (p50, p99, bytes, baseLat[(int)(baseCount * 0.99)], bindBytes);
    }

    private static void Step(PoolState pool, FrameworkScheduler scheduler, double now)
    {
        pool.Now = now;
        pool.ClearJournal();
        pool.AdvanceBoots();
        scheduler.Schedule(pool, new SchedulingContext(now, 1, false, []));
    }

    private static int Placed(PoolState pool)
    {
        var n = 0;
        for (var c = 0; c < pool.CellCount; c++)
        {
            n += pool.NodeOf(c) >= 0 ? 1 : 0;
        }

        return n;
    }

    private static int NodesUsed(PoolState pool)
    {
        var n = 0;
        for (var i = 0; i < pool.NodeCount; i++)
        {
            n += pool.CellsOn(i).Count > 0 ? 1 : 0;
        }

        return n;
    }

    private static double Median(double[] values)
    {
        var copy = (double[])values.Clone();
        Array.Sort(copy);
        return copy[copy.Length / 2];
    }
}
