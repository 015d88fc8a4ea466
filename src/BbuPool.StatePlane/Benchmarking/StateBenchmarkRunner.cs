using System.Diagnostics;
using BbuPool.StatePlane.Redis;
using StackExchange.Redis;

namespace BbuPool.StatePlane.Benchmarking;

/// <summary>
/// Measures the Redis state plane against the raw server in one run: pipelined plan commits vs
/// pipelined SETs of the same value size, and the latency of one compare-and-set commit vs one SET.
/// Uses its own key prefix and deletes its keys afterwards.
/// </summary>
public static class StateBenchmarkRunner
{
    /// <summary>Runs the measurements; <paramref name="quick"/> uses 20,000 plans and 2,000 latency samples instead of 200,000 and 20,000.</summary>
    public static async Task<StateBenchmarkResult> RunAsync(string endpoint, bool quick, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var plans = quick ? 20_000 : 200_000;
        var samples = quick ? 2_000 : 20_000;
        // 10,000 plans per CommitPlansAsync: a simulator step's worth, and ~1 MB of requests in flight.
        const int Window = 10_000;
        // 1,000 cells: a large pool; every cell gets many versions so the CAS path is the steady-state one.
        const int Cells = 1_000;
        // 10 moves per plan: a typical consolidation plan that empties one server.
        const int MovesPerPlan = 10;

        var prefix = "bench-" + Guid.NewGuid().ToString("N")[..8];
        // 10 s to connect and per call, not the product's 2 s: a benchmark on a shared, noisy
        // machine should report slow figures, not fail on one stall.
        var options = new StatePlaneOptions { Redis = endpoint, KeyPrefix = prefix, ConnectTimeout = TimeSpan.FromSeconds(10), OperationTimeout = TimeSpan.FromSeconds(10) };
        await using var state = await RedisStatePlane.ConnectAsync(options, cancellationToken: cancellationToken);
        // The same pool without the per-commit XADD: what the operator event stream costs.
        var quietOptions = new StatePlaneOptions { Redis = endpoint, KeyPrefix = prefix, ConnectTimeout = options.ConnectTimeout, OperationTimeout = options.OperationTimeout, EmitPlanEvents = false };
        await using var quiet = await RedisStatePlane.ConnectAsync(quietOptions, cancellationToken: cancellationToken);
        // The baseline's own client gets the same timeouts (the client's default is 1 s per call,
        // which one stall of a shared 2-core machine can exceed in a blocking call).
        var rawStarted = Stopwatch.GetTimestamp();
        using var raw = await ConnectionMultiplexer.ConnectAsync(endpoint + ",allowAdmin=true"
            + ",syncTimeout=" + ((int)options.OperationTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ",connectTimeout=" + ((int)options.ConnectTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var db = raw.GetDatabase();
        // Closed before any throw here, as at the end of a run: the plain Dispose of `using` would
        // wait out the 10 s sync timeout on a server that does not answer.
        bool answered;
        try
        {
            answered = await FirstAnswer.WaitAsync(db, rawStarted, options.ConnectTimeout * 2, cancellationToken);
        }
        catch
        {
            await raw.CloseAsync(allowCommandsToComplete: false);
            throw;
        }

        if (!answered)
        {
            await raw.CloseAsync(allowCommandsToComplete: false);
            throw new StatePlaneUnavailableException($"Redis at {endpoint} did not answer the benchmark's baseline client within {(options.ConnectTimeout * 2).TotalSeconds:0.#} s.");
        }

        var server = raw.GetServer(raw.GetEndPoints()[0]);
        var versions = new long[Cells];
        var value = StateCodec.Encode("c0000", "node-000", [0, 1], 1);

        try
        {
            // Warm-up of every measured path at a tenth of the run: tiered JIT needs thousands of
            // calls and ~100 ms before it re-compiles, and the first figure must not pay for it.
            var warm = Math.Max(2_000, plans / 10);
            var rawKeys = Enumerable.Range(0, Cells).Select(i => (RedisKey)(prefix + ":raw:" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
            await RawSets(db, rawKeys, value, warm);
            await Commit(state, BuildSingles(versions, 30_000_000, warm, warm, Cells)[0], cancellationToken);
            await Commit(quiet, BuildSingles(versions, 40_000_000, warm, warm, Cells)[0], cancellationToken);
            await Commit(state, BuildBatched(versions, "w", warm / MovesPerPlan, Cells, MovesPerPlan), cancellationToken);

            progress?.Report("pipelined SET");
            var cpu = await CpuMeter.StartAsync(server);
            var sw = Stopwatch.StartNew();
            for (var done = 0; done < plans; done += Window)
            {
                await RawSets(db, rawKeys, value, Math.Min(Window, plans - done));
            }

            var rawPerSecond = plans / sw.Elapsed.TotalSeconds;
            var rawCpu = await cpu.StopAsync(plans);

            progress?.Report("pipelined single-move plans");
            // Plans are built before the clock starts, as the raw SETs' keys are: the figure is the
            // state plane's (encode, send, run the script, parse), not the benchmark's plan objects.
            var windows = BuildSingles(versions, 10_000_000, plans, Window, Cells);
            cpu = await CpuMeter.StartAsync(server);
            sw.Restart();
            foreach (var window in windows)
            {
                await Commit(state, window, cancellationToken);
            }

            var updatesPerSecond = plans / sw.Elapsed.TotalSeconds;
            var updateCpu = await cpu.StopAsync(plans);

            progress?.Report("pipelined single-move plans without events");
            windows = BuildSingles(versions, 20_000_000, plans, Window, Cells);
            sw.Restart();
            foreach (var window in windows)
            {
                await Commit(quiet, window, cancellationToken);
            }

            var quietPerSecond = plans / sw.Elapsed.TotalSeconds;

            progress?.Report("pipelined 10-move plans");
            var batchedPlans = plans / MovesPerPlan;
            windows = [];
            for (var done = 0; done < batchedPlans; done += Window / MovesPerPlan)
            {
                windows.Add(BuildBatched(versions, "m" + done.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-", Math.Min(Window / MovesPerPlan, batchedPlans - done), Cells, MovesPerPlan));
            }

            sw.Restart();
            foreach (var window in windows)
            {
                await Commit(state, window, cancellationToken);
            }

            windows = [];

            var batchedPerSecond = batchedPlans * MovesPerPlan / sw.Elapsed.TotalSeconds;

            progress?.Report("commit latency");
            var cas = new double[samples];
            var set = new double[samples];
            for (var i = 0; i < samples; i++)
            {
                var cell = i % Cells;
                var plan = new PlacementPlan($"l{i}", [PlacementMove.To(CellId(cell), versions[cell]++, "node-001", [2, 3])]);
                var t0 = Stopwatch.GetTimestamp();
                var r = await state.CommitPlanAsync(plan, cancellationToken);
                cas[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
                EnsureCommitted([r]);
                t0 = Stopwatch.GetTimestamp();
                await db.StringSetAsync(prefix + ":raw:lat", value);
                set[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
            }

            Array.Sort(cas);
            Array.Sort(set);

            // The embedded default, for reference: the same single-move plans and commits in-process.
            progress?.Report("embedded store");
            await using var embedded = StatePlaneFactory.CreateEmbedded();
            var embeddedVersions = new long[Cells];
            await Commit(embedded, BuildSingles(embeddedVersions, 50_000_000, warm, warm, Cells)[0], cancellationToken);
            windows = BuildSingles(embeddedVersions, 60_000_000, plans, Window, Cells);
            sw.Restart();
            foreach (var window in windows)
            {
                await Commit(embedded, window, cancellationToken);
            }

            var embeddedPerSecond = plans / sw.Elapsed.TotalSeconds;
            windows = [];
            var embeddedCas = new double[samples];
            for (var i = 0; i < samples; i++)
            {
                var cell = i % Cells;
                var plan = new PlacementPlan($"e{i}", [PlacementMove.To(CellId(cell), embeddedVersions[cell]++, "node-001", [2, 3])]);
                var t0 = Stopwatch.GetTimestamp();
                var r = await embedded.CommitPlanAsync(plan, cancellationToken);
                embeddedCas[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
                EnsureCommitted([r]);
            }

            Array.Sort(embeddedCas);
            return new StateBenchmarkResult(
                endpoint,
                value.Length,
                plans,
                updatesPerSecond,
                quietPerSecond,
                batchedPerSecond,
                MovesPerPlan,
                rawPerSecond,
                Percentile(cas, 0.50),
                Percentile(cas, 0.99),
                Percentile(set, 0.50),
                Percentile(set, 0.99),
                updateCpu.Server,
                updateCpu.Client,
                rawCpu.Server,
                rawCpu.Client,
                embeddedPerSecond,
                Percentile(embeddedCas, 0.50),
                Percentile(embeddedCas, 0.99),
                samples);
        }
        finally
        {
            await DeleteKeysAsync(raw, db, prefix);
            // Closed without waiting for QUIT replies: a plain Dispose of this client waits out its
            // sync timeout (measured in the integration tests' fixture), now 10 s.
            await raw.CloseAsync(allowCommandsToComplete: false);
        }
    }

    private static string CellId(int cell) => "c" + cell.ToString("0000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>count single-move plans in windows of <paramref name="window"/>, each window one pipelined batch.</summary>
    private static List<List<PlacementPlan>> BuildSingles(long[] versions, int idBase, int count, int window, int cells)
    {
        var windows = new List<List<PlacementPlan>>();
        for (var done = 0; done < count; done += window)
        {
            var batch = new List<PlacementPlan>(Math.Min(window, count - done));
            for (var i = done; i < done + batch.Capacity; i++)
            {
                var cell = (idBase + i) % cells;
                batch.Add(new PlacementPlan($"s{idBase + i}", [PlacementMove.To(CellId(cell), versions[cell]++, "node-" + (i % 64).ToString("000", System.Globalization.CultureInfo.InvariantCulture), [0, 1])]));
            }

            windows.Add(batch);
        }

        return windows;
    }

    private static async Task Commit(IStatePlane state, List<PlacementPlan> batch, CancellationToken cancellationToken) =>
        EnsureCommitted(await state.CommitPlansAsync(batch, cancellationToken));

    private static List<PlacementPlan> BuildBatched(long[] versions, string idPrefix, int count, int cells, int movesPerPlan)
    {
        var batch = new List<PlacementPlan>(count);
        var cell = 0;
        for (var i = 0; i < count; i++)
        {
            var moves = new PlacementMove[movesPerPlan];
            for (var m = 0; m < movesPerPlan; m++)
            {
                // Consecutive cells, wrapping: no cell twice in one plan while movesPerPlan <= cells.
                cell = (cell + 1) % cells;
                moves[m] = PlacementMove.To(CellId(cell), versions[cell]++, "node-" + (i % 64).ToString("000", System.Globalization.CultureInfo.InvariantCulture), [m, m + 1]);
            }

            batch.Add(new PlacementPlan(idPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture), moves));
        }

        return batch;
    }

    private static async Task RawSets(IDatabase db, RedisKey[] keys, byte[] value, int count)
    {
        var tasks = new Task[count];
        for (var i = 0; i < count; i++)
        {
            tasks[i] = db.StringSetAsync(keys[i % keys.Length], value);
        }

        await Task.WhenAll(tasks);
    }

    private static void EnsureCommitted(IReadOnlyList<CommitResult> results)
    {
        foreach (var r in results)
        {
            if (r.Outcome != CommitOutcome.Committed)
            {
                throw new InvalidOperationException($"Benchmark commit not applied: {r.Outcome} on {r.ConflictCellId} (version {r.ActualVersion}).");
            }
        }
    }

    /// <summary>CPU time of redis-server (INFO cpu) and of this process over one phase, per operation.</summary>
    private sealed class CpuMeter
    {
        private readonly IServer _server;
        private readonly double _serverSeconds;
        private readonly TimeSpan _client;

        private CpuMeter(IServer server, double serverSeconds, TimeSpan client)
        {
            _server = server;
            _serverSeconds = serverSeconds;
            _client = client;
        }

        public static async Task<CpuMeter> StartAsync(IServer server) =>
            new(server, await ServerCpuSecondsAsync(server), Process.GetCurrentProcess().TotalProcessorTime);

        /// <summary>Microseconds of CPU per operation: (server, client).</summary>
        public async Task<(double Server, double Client)> StopAsync(int operations)
        {
            var client = Process.GetCurrentProcess().TotalProcessorTime - _client;
            var server = await ServerCpuSecondsAsync(_server) - _serverSeconds;
            return (server * 1e6 / operations, client.TotalMicroseconds / operations);
        }

        private static async Task<double> ServerCpuSecondsAsync(IServer server)
        {
            var total = 0.0;
            foreach (var group in await server.InfoAsync("cpu"))
            {
                foreach (var pair in group)
                {
                    // The main thread's user + system time (redis 7 also reports children and the main thread separately).
                    if (pair.Key is "used_cpu_user" or "used_cpu_sys")
                    {
                        total += double.Parse(pair.Value, System.Globalization.CultureInfo.InvariantCulture);
                    }
                }
            }

            return total;
        }
    }

    private static double Percentile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static async Task DeleteKeysAsync(ConnectionMultiplexer raw, IDatabase db, string prefix)
    {
        var server = raw.GetServer(raw.GetEndPoints()[0]);
        foreach (var pattern in new[] { "{" + prefix + "}:*", prefix + ":raw:*" })
        {
            var keys = await ServerKeys.ListAsync(server, pattern, db.Database, pageSize: 1_000);
            for (var i = 0; i < keys.Length; i += 1_000)
            {
                await db.KeyDeleteAsync(keys.Skip(i).Take(1_000).ToArray());
            }
        }
    }
}
