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
        var countersBefore = ProcessCounters.Now();
        var method = cell.Method;
        long bytes = (long)cell.SizeMiB << 20;
        var profile = new LoadProfile(cell.Load);
        var stackOptions = new ReferenceStackOptions { StateBytes = bytes };
        var (host, region) = await StartSourceAsync(stackOptions, profile, ct);
        double dirtyPages = warmUp ? 0 : await DirtyRateMeter.MeasurePagesPerSecondAsync(region, TimeSpan.FromMilliseconds(50), cancellationToken: ct);
        // What the model is told besides the rates, read once the stack has run: the image to carry,
        // and the stack's CPU intensity as its median TTI compute (the ring holds the warm-up's
        // first TTIs too, and one cold TTI of a few ms moved a mean over ~70 by ~0.05).
        long touchedBytes = (long)region.TouchedPageCount * PageRegion.PageSize;
        double busy = host.Statistics().P50Microseconds * 1e-6 / TtiPeriod.TotalSeconds;
        var limit = _options.MigrationTimeoutFor(cell.SizeMiB);

        var tally = new CellTally();
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
            if (measured)
            {
                tally.OnStarted();
            }

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
                if (attempt.Outcome is { } outcome)
                {
                    tally.OnReturned(outcome);
                }
            }

            if (attempt.Outcome is { Committed: true } done && destination.Host is { } next)
            {
                if (measured)
                {
                    tally.OnCommitted(done);
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
                if (measured)
                {
                    tally.OnFailed(attempt.Failure ?? Reason(attempt.Outcome!), attempt.Abandoned);
                }

                (host, region) = await RecoverChainAsync(attempt, host, region, destination, dstRegion, stackOptions, profile, ct);
            }

            between.StartAfter(attempt.Outcome, host, attempted, destination.Host, attemptEnd);

            if (measured)
            {
                progress?.Report(new MigrationBenchmarkProgress("cell", index, count, cell, r + 1, null));
            }
        }

        host.Dispose();
        region.Dispose();
        double bw = Percentiles.Median(tally.Bandwidths);
        var model = new MigrationCostModel();
        var request = new MigrationRequest(bytes, dirtyPages * PageRegion.PageSize, bw > 0 ? bw : 0, TtiPeriod.TotalSeconds, method, _options.DowntimeBudget.TotalSeconds, method != MigrationMethod.Stateless)
        {
            TouchedBytes = touchedBytes,
            TtiBusyFraction = busy,
        };
        var predicted = model.EstimateMethod(method, request);
        // Read before the cell's figures are computed, so they leave out the reporting's own allocation.
        var used = ProcessCounters.Since(countersBefore);
        return new MigrationCellResult
        {
            Method = method,
            SizeMiB = cell.SizeMiB,
            Load = cell.Load,
            Planned = planned,
            Runs = tally.Runs,
            Committed = tally.Committed,
            TimedOut = tally.TimedOut,
            Failures = tally.Failures,
            StoppedEarly = stoppedEarly,
            TotalMsP50 = Percentiles.Median(tally.TotalsMs),
            TotalMsP99 = Percentiles.Of(tally.TotalsMs, 0.99),
            DowntimeUsP50 = Percentiles.Median(tally.DowntimesUs),
            DowntimeUsP99 = Percentiles.Of(tally.DowntimesUs, 0.99),
            BytesOnWire = tally.Wire / Math.Max(1, tally.Runs),
            MissedTtis = tally.Missed,
            MissesByPhase = PhaseMisses.Summarise(tally.Misses),
            MissedBetween = between.Missed,
            BetweenMs = between.Milliseconds,
            MigratingMs = tally.MigratingMs,
            LinksOpenedOnDemand = _options.PrepareLinks ? links.OpenedOnDemand : 0,
            LinkPrepareFailure = links.PrepareFailure,
            StealMs = used.StealMs,
            GcCollections = used.Gc.Collections,
            GcPauseMs = used.Gc.PauseMs,
            JitMethods = used.JitMethods,
            JitMs = used.JitTime.TotalMilliseconds,
            AllocatedBytesPerRun = used.AllocatedBytes / (double)Math.Max(1, tally.Runs),
            PhaseMsP50 = tally.PhaseMsP50(),
            Rounds = Percentiles.Median(tally.Rounds),
            MeasuredBytesPerSecond = bw,
            Predicted = predicted,
            DirtyBytesPerSecond = dirtyPages * PageRegion.PageSize,
            TouchedBytes = touchedBytes,
            TtiBusyFraction = busy,
            Seconds = TimeProvider.System.GetElapsedTime(t0).TotalSeconds,
        };
    }

    /// <summary>
    /// After a migration that did not commit, the source the chain goes on with: the same one when
    /// it still runs, a fresh one when the attempt threw, faulted it or was abandoned.
    /// </summary>
    private async Task<(StackHost Host, PageRegion Region)> RecoverChainAsync(
        (MigrationOutcome? Outcome, string? Failure, bool Abandoned) attempt,
        StackHost host,
        PageRegion region,
        MigrationDestination destination,
        PageRegion? dstRegion,
        ReferenceStackOptions stackOptions,
        LoadProfile profile,
        CancellationToken ct)
    {
        if (attempt.Abandoned)
        {
            // Both ends may still run: leave host, destination and regions to the GC rather than
            // free native memory under a live thread; go on with a fresh stack.
            return await StartSourceAsync(stackOptions, profile, ct);
        }

        destination.Host?.Dispose();
        dstRegion?.Dispose();
        if (attempt.Outcome is null || host.Fault is not null || !host.IsRunning)
        {
            // An exception left the chain in an unknown state: restart it.
            host.Dispose();
            region.Dispose();
            return await StartSourceAsync(stackOptions, profile, ct);
        }

        if (host.IsPaused)
        {
            host.Resume();
        }

        return (host, region);
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
