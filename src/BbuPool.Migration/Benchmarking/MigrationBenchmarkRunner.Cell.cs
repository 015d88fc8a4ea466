using System.Runtime;
using BbuPool.Core.Migration;
using BbuPool.Migration.Hosting;
using BbuPool.Migration.Model;
using BbuPool.Migration.Protocol;
using BbuPool.Migration.Selection;
using BbuPool.Migration.Stacks;
using BbuPool.Migration.State;

namespace BbuPool.Migration.Benchmarking;

/// <summary>One cell: the back-and-forth chain of migrations, each under the watchdog.</summary>
public sealed partial class MigrationBenchmarkRunner
{
    // After cancelling a migration past its limit, how long to wait for both ends to unwind
    // before the stack is abandoned (left allocated: its threads may still touch the region).
    private static readonly TimeSpan UnwindGrace = TimeSpan.FromSeconds(5);

    // The engine gets its own Timeout first (it aborts cleanly with AbortReason.Timeout); the
    // watchdog fires this much later, only when the engine did not come back at all.
    private static readonly TimeSpan WatchdogGrace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs one cell. A warm-up batch (<paramref name="warmUp"/>) is thrown away whole, so it skips
    /// what only a measured cell needs: the dirty-rate probe (50 ms) and the discarded first run.
    /// </summary>
    private async Task<MigrationCellResult> RunCellAsync(BenchmarkCell cell, List<ConvergencePoint> curve, IProgress<MigrationBenchmarkProgress>? progress, int index, int count, CancellationToken ct, bool warmUp = false)
    {
        int planned = cell.Repetitions > 0 ? cell.Repetitions : _options.RepetitionsFor(cell.SizeMiB);
        // One pair per migration the loop below runs, the discarded first one included; opened
        // before anything of the cell is measured, its time and cost in none of its figures.
        await using var links = await PreparedLinks.OpenAsync(_links, _options.PrepareLinks ? planned + (warmUp ? 0 : 1) : 0, ct);
        long t0 = TimeProvider.System.GetTimestamp();
        int gcBefore = GC.CollectionCount(0);
        long jitBefore = JitInfo.GetCompiledMethodCount();
        var jitTimeBefore = JitInfo.GetCompilationTime();
        var gcPauseBefore = GC.GetTotalPauseDuration();
        long allocatedBefore = GC.GetTotalAllocatedBytes();
        double stealBefore = StolenTime.ReadMs();
        var method = cell.Method;
        long bytes = (long)cell.SizeMiB << 20;
        var profile = new LoadProfile(cell.Load);
        var stackOptions = new ReferenceStackOptions { StateBytes = bytes };
        var (host, region) = await StartSourceAsync(stackOptions, profile, ct);
        double dirtyPages = warmUp ? 0 : await DirtyRateMeter.MeasurePagesPerSecondAsync(region, TimeSpan.FromMilliseconds(50), cancellationToken: ct);
        var limit = _options.MigrationTimeoutFor(cell.SizeMiB);

        var downtimes = new List<double>();
        var totals = new List<double>();
        var rounds = new List<double>();
        var bandwidths = new List<double>();
        var phases = new Dictionary<MigrationPhase, List<double>>();
        var misses = new List<MissedTti>();
        var failures = new Dictionary<string, int>(StringComparer.Ordinal);
        double wire = 0;
        double migratingMs = 0;
        long missed = 0;
        int committed = 0;
        int timedOut = 0;
        int runs = 0;
        int core = 1;
        string? stoppedEarly = null;
        var between = new BetweenMigrations(host);

        // Migration -1 is discarded: the first of a cell maps its size's images and caches afresh
        // (nothing of that size is parked yet; a server keeps its stack memory reserved), and runs
        // the paths that size takes first (64 MiB: the full-ring send path, the first deltas).
        // Counted, it was its cell's p99: pre-copy at 10 %, 20 runs, p99 156-265 ms at 64 MiB and
        // 550-840 ms at 256 MiB with it; 19-79 ms and 44-54 ms without it.
        for (int r = warmUp ? 0 : -1; r < planned; r++)
        {
            if (r >= _options.MinRepetitions && TimeProvider.System.GetElapsedTime(t0) > _options.MaxCellTime)
            {
                stoppedEarly = $"cell time cap {_options.MaxCellTime.TotalSeconds:F0} s reached after {r} of {planned} migrations";
                break;
            }

            bool measured = r >= 0;
            runs += measured ? 1 : 0;
            PageRegion? dstRegion = null;
            var options = new MigrationOptions
            {
                Method = method,
                MigrationId = $"bench-{method}-{cell.SizeMiB}-{r}",
                SharedKey = BenchKey,
                DowntimeBudget = _options.DowntimeBudget,
                BatchPages = _options.BatchPages,
                Timeout = limit,
            };
            var destination = new MigrationDestination(
                begin =>
                {
                    dstRegion = new PageRegion((int)begin.PageCount);
                    return (new ReferenceStack(stackOptions), dstRegion);
                },
                profile.InputFor,
                HostOptions("dst", core),
                options);
            long attemptStart = between.Now();
            long missesAtAttempt = host.DeadlineMisses;
            var attempted = host;
            var attempt = await AttemptAsync(host, destination, links, options, limit + WatchdogGrace, ct);
            long attemptEnd = between.Now();
            if (measured)
            {
                between.CountUpTo(attempt.Outcome, missesAtAttempt, attemptStart);
            }

            if (measured && attempt.Outcome is { } outcome)
            {
                totals.Add(outcome.TotalSeconds * 1e3);
                migratingMs += outcome.TotalSeconds * 1e3;
                wire += outcome.BytesOnWire;
                missed += outcome.MissedTtis;
                misses.AddRange(outcome.Misses);
                rounds.Add(outcome.Source.Rounds);
                if (outcome.Source.MeasuredBytesPerSecond > 0)
                {
                    bandwidths.Add(outcome.Source.MeasuredBytesPerSecond);
                }
            }

            if (attempt.Outcome is { Committed: true } done && destination.Host is { } next)
            {
                if (measured)
                {
                    committed++;
                    downtimes.Add(done.DowntimeSeconds * 1e6);
                    foreach (var (phase, ms) in done.PhaseOffsetsMs.DistinctBy(p => p.Phase))
                    {
                        if (!phases.TryGetValue(phase, out var list))
                        {
                            phases[phase] = list = [];
                        }

                        list.Add(ms);
                    }

                    if (method == MigrationMethod.Precopy && Convergence(cell.Load, cell.SizeMiB, done.Source, dirtyPages) is { } point)
                    {
                        curve.Add(point);
                    }
                }

                await WaitTtisAsync(next, _options.SettleTtis, ct);
                host.Dispose();
                region.Dispose();
                host = next;
                region = dstRegion!;
                core = 1 - core;
            }
            else
            {
                string reason = attempt.Failure ?? Reason(attempt.Outcome!);
                if (measured)
                {
                    failures[reason] = failures.GetValueOrDefault(reason) + 1;
                }

                if (attempt.Abandoned)
                {
                    // Both ends may still run: leave host, destination and regions to the GC
                    // rather than free native memory under a live thread; go on with a fresh stack.
                    timedOut += measured ? 1 : 0;
                    (host, region) = await StartSourceAsync(stackOptions, profile, ct);
                }
                else
                {
                    destination.Host?.Dispose();
                    dstRegion?.Dispose();
                    if (attempt.Outcome is null || host.Fault is not null || !host.IsRunning)
                    {
                        // An exception left the chain in an unknown state: restart it.
                        host.Dispose();
                        region.Dispose();
                        (host, region) = await StartSourceAsync(stackOptions, profile, ct);
                    }
                    else if (host.IsPaused)
                    {
                        host.Resume();
                    }
                }
            }

            between.StartAfter(attempt.Outcome, host, attempted, destination.Host, attemptEnd);

            if (measured)
            {
                progress?.Report(new MigrationBenchmarkProgress("cell", index, count, cell, r + 1, null));
            }
        }

        host.Dispose();
        region.Dispose();
        double bw = Percentiles.Median(bandwidths);
        var model = new MigrationCostModel();
        var predicted = model.EstimateMethod(method, new MigrationRequest(bytes, dirtyPages * PageRegion.PageSize, bw > 0 ? bw : 0, 1e-3, method, _options.DowntimeBudget.TotalSeconds, method != MigrationMethod.Stateless));
        return new MigrationCellResult
        {
            Method = method,
            SizeMiB = cell.SizeMiB,
            Load = cell.Load,
            Planned = planned,
            Runs = runs,
            Committed = committed,
            TimedOut = timedOut,
            Failures = failures,
            StoppedEarly = stoppedEarly,
            TotalMsP50 = Percentiles.Median(totals),
            TotalMsP99 = Percentiles.Of(totals, 0.99),
            DowntimeUsP50 = Percentiles.Median(downtimes),
            DowntimeUsP99 = Percentiles.Of(downtimes, 0.99),
            BytesOnWire = wire / Math.Max(1, runs),
            MissedTtis = missed,
            MissesByPhase = PhaseMisses.Summarise(misses),
            MissedBetween = between.Missed,
            BetweenMs = between.Milliseconds,
            MigratingMs = migratingMs,
            LinksOpenedOnDemand = _options.PrepareLinks ? links.OpenedOnDemand : 0,
            LinkPrepareFailure = links.PrepareFailure,
            StealMs = StolenTime.ReadMs() - stealBefore,
            GcCollections = GC.CollectionCount(0) - gcBefore,
            GcPauseMs = (GC.GetTotalPauseDuration() - gcPauseBefore).TotalMilliseconds,
            JitMethods = JitInfo.GetCompiledMethodCount() - jitBefore,
            JitMs = (JitInfo.GetCompilationTime() - jitTimeBefore).TotalMilliseconds,
            AllocatedBytesPerRun = (GC.GetTotalAllocatedBytes() - allocatedBefore) / (double)Math.Max(1, runs),
            PhaseMsP50 = phases.ToDictionary(p => p.Key, p => Percentiles.Median(p.Value)),
            Rounds = Percentiles.Median(rounds),
            MeasuredBytesPerSecond = bw,
            Predicted = predicted,
            DirtyBytesPerSecond = dirtyPages * PageRegion.PageSize,
            Seconds = TimeProvider.System.GetElapsedTime(t0).TotalSeconds,
        };
    }

    /// <summary>One migration under the watchdog: an outcome, or a failure reason (and whether the ends were abandoned).</summary>
    private static async Task<(MigrationOutcome? Outcome, string? Failure, bool Abandoned)> AttemptAsync(StackHost host, MigrationDestination destination, PreparedLinks links, MigrationOptions options, TimeSpan watchdog, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<MigrationOutcome> run;
        try
        {
            var (a, b) = await links.TakeAsync(ct);
            run = LocalMigration.RunAsync(host, destination, a, b, options, cts.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return (null, "link: " + ex.GetType().Name + ": " + ex.Message, false);
        }

        Task first;
        using (var timer = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            // The timer is cancelled once the run is back, so no delay outlives its migration.
            first = await Task.WhenAny(run, Task.Delay(watchdog, timer.Token));
            await timer.CancelAsync();
        }

        ct.ThrowIfCancellationRequested();
        if (first != run)
        {
            await cts.CancelAsync();
            var unwound = await Task.WhenAny(run, Task.Delay(UnwindGrace, CancellationToken.None));
            string reason = $"watchdog: no result within {watchdog.TotalSeconds:F0} s (engine timeout {options.Timeout.TotalSeconds:F0} s)";
            if (unwound != run)
            {
                _ = run.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                return (null, reason + ", ends did not unwind after cancel", true);
            }

            return (null, reason + ", unwound after cancel", false);
        }

        try
        {
            return (await run, null, false);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return (null, "exception: " + ex.GetType().Name + ": " + ex.Message, false);
        }
    }

    private static string Reason(MigrationOutcome outcome)
    {
        // Both ends' verdicts: a source's "peer closed" says only that the other end gave up, and
        // why is in the destination's.
        string text = outcome.Source.Committed
            ? Verdict("destination", outcome.Destination)
            : Verdict("source", outcome.Source) + (outcome.Destination.Committed ? string.Empty : "; " + Verdict("destination", outcome.Destination));
        return text.Length > 300 ? text[..300] : text;
    }

    private static string Verdict(string side, MigrationResult end) =>
        $"{side} {end.AbortReason?.ToString() ?? "not committed"}: {end.Message ?? string.Empty}";

    private static ConvergencePoint? Convergence(double load, int sizeMiB, MigrationResult result, double dirtyPagesPerSecond)
    {
        if (result.RoundLog.Count == 0)
        {
            return null;
        }

        double all = 0;
        long pages = 0;
        foreach (var round in result.RoundLog)
        {
            all += round.Seconds;
            pages += round.Pages;
        }

        // The final (stopped) round is not live time: leave it out of the measured side; mu is
        // every page sent over every round's time.
        double live = result.RoundLog.Count > 1 ? all - result.RoundLog[^1].Seconds : all;
        double mu = all > 0 ? pages / all : 0;
        double n = (double)sizeMiB * 256;
        double law = mu > 0 ? PrecopyLaw.ConvergenceSeconds(n, dirtyPagesPerSecond, mu) : double.NaN;
        return new ConvergencePoint(load, sizeMiB, dirtyPagesPerSecond, mu, live, law, result.Rounds);
    }
}
