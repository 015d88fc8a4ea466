using System.Text;
using System.Text.Json;
using BbuPool.Core.Migration;

namespace BbuPool.Migration.Benchmarking;

/// <summary>
/// The JSON of `bbupool bench migration`: run facts, per-cell figures (snake_case names, as the
/// other benchmarks), the targets with met / not met, seed 002's series and seed 003's curve.
/// Non-finite figures (no committed run, the law past its cliff) are written as null.
/// </summary>
public static class MigrationReportJson
{
    /// <summary>Renders the report.</summary>
    public static string Render(MigrationBenchmarkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("benchmark", "migration");
            w.WriteString("mode", report.Mode);
            w.WriteString("transport", report.Transport);
            w.WriteString("links_opened", report.LinksOpened);
            w.WriteString("stack_threads", report.StackThreads);
            w.WriteString("started_utc", report.StartedUtc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            Number(w, "seconds", report.Seconds);
            WriteCollections(w, report);
            w.WriteNumber("processor_count", report.ProcessorCount);
            w.WriteString("crc_path", report.CrcPath);
            WriteKernel(w, report.Kernel);
            w.WriteString("loadavg_start", report.LoadAverageStart);
            w.WriteString("loadavg_end", report.LoadAverageEnd);
            Number(w, "link_bytes_per_second", report.LinkBytesPerSecond);
            WriteStateLink(w, report.StateLinkBytesPerSecond);
            WriteWarmup(w, report.Warmup);
            WriteControl(w, report.Control);
            WriteCells(w, report.Cells);
            WriteTargets(w, MigrationTargets.Evaluate(report));
            WriteSeed002(w, report.Cells);
            WriteSeed003(w, report.Convergence);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the report to <paramref name="path"/>.</summary>
    public static Task WriteAsync(MigrationBenchmarkReport report, string path, CancellationToken cancellationToken = default)
        => File.WriteAllTextAsync(path, Render(report), cancellationToken);

    private static void WriteCollections(Utf8JsonWriter w, MigrationBenchmarkReport report)
    {
        var c = report.Collections;
        w.WriteStartObject("gc");
        w.WriteNumber("collections", c.Collections);
        w.WriteNumber("gen1_or_older", c.Gen1OrOlder);
        w.WriteNumber("gen2", c.Gen2);
        Number(w, "pause_ms", c.PauseMs);
        w.WriteNumber("in_cells", report.CollectionsInCells);
        w.WriteEndObject();
    }

    private static void WriteKernel(Utf8JsonWriter w, KernelSchedulingFacts k)
    {
        w.WriteStartObject("kernel");
        w.WriteString("preemption", k.Preemption);
        w.WriteString("preemption_source", k.PreemptionSource);
        w.WriteBoolean("preempt_dynamic", k.PreemptDynamic);
        w.WriteString("cpuidle_driver", k.CpuIdleDriver);
        w.WriteString("cpuidle_governor", k.CpuIdleGovernor);
        WholeNumber(w, "guest_halt_poll_ns", k.GuestHaltPollNs);
        WholeNumber(w, "tick_hz", k.TickHz);
        w.WriteString("isolated_cpus", k.IsolatedCpus);
        w.WriteString("nohz_full_cpus", k.NohzFullCpus);
        w.WriteEndObject();
    }

    private static void WriteStateLink(Utf8JsonWriter w, IReadOnlyDictionary<int, double> rates) =>
        WriteArray(w, "link_state_transfer", rates.OrderBy(r => r.Key), (w, r) =>
        {
            w.WriteNumber("size_mib", r.Key);
            Number(w, "bytes_per_second", r.Value);
        });

    private static void WriteWarmup(Utf8JsonWriter w, IReadOnlyList<MethodWarmup> warmup) =>
        WriteArray(w, "warmup", warmup, (w, m) =>
        {
            w.WriteString("method", m.Method.ToString());
            w.WriteNumber("migrations", m.Migrations);
            w.WriteNumber("window", m.Window);
            w.WriteNumber("jit_methods_last_window", m.JitMethodsLastWindow);
        });

    private static void WriteControl(Utf8JsonWriter w, IReadOnlyList<IdleStackMisses> control) =>
        WriteArray(w, "control", control, (w, c) =>
        {
            Number(w, "load", c.Load);
            w.WriteNumber("ttis", c.Ttis);
            w.WriteNumber("missed_ttis", c.Missed);
            Number(w, "missed_per_1000", c.PerThousand);
            Number(w, "wall_ms", c.Milliseconds);
            Number(w, "missed_per_second", c.PerSecond);
            Number(w, "steal_ms", c.StealMs);
        });

    /// <summary>Writes <paramref name="items"/> as an array of objects named <paramref name="name"/>.</summary>
    private static void WriteArray<T>(Utf8JsonWriter w, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeFields)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            writeFields(w, item);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteCells(Utf8JsonWriter w, IReadOnlyList<MigrationCellResult> cells)
    {
        w.WriteStartArray("cells");
        foreach (var c in cells)
        {
            w.WriteStartObject();
            w.WriteString("method", c.Method.ToString());
            w.WriteNumber("size_mib", c.SizeMiB);
            Number(w, "load", c.Load);
            w.WriteNumber("planned", c.Planned);
            w.WriteNumber("runs", c.Runs);
            w.WriteNumber("committed", c.Committed);
            w.WriteNumber("failed", c.Failed);
            w.WriteNumber("timed_out", c.TimedOut);
            w.WriteStartObject("failures");
            foreach (var (reason, n) in c.Failures)
            {
                w.WriteNumber(reason, n);
            }

            w.WriteEndObject();
            if (c.StoppedEarly is { } stop)
            {
                w.WriteString("stopped_early", stop);
            }
            else
            {
                w.WriteNull("stopped_early");
            }

            Number(w, "total_ms_p50", c.TotalMsP50);
            Number(w, "total_ms_p99", c.TotalMsP99);
            Number(w, "downtime_us_p50", c.DowntimeUsP50);
            Number(w, "downtime_us_p99", c.DowntimeUsP99);
            Number(w, "bytes_on_wire", c.BytesOnWire);
            w.WriteNumber("missed_ttis", c.MissedTtis);
            w.WriteNumber("gc_collections", c.GcCollections);
            Number(w, "gc_pause_ms", c.GcPauseMs);
            Number(w, "steal_ms", c.StealMs);
            w.WriteNumber("missed_unplaced", c.MissedUnplaced);
            Number(w, "migrating_ms", c.MigratingMs);
            Number(w, "missed_per_second_migrating", c.MissedPerSecondMigrating);
            w.WriteNumber("missed_between", c.MissedBetween);
            Number(w, "between_ms", c.BetweenMs);
            Number(w, "missed_per_second_between", c.MissedPerSecondBetween);
            w.WriteNumber("links_opened_on_demand", c.LinksOpenedOnDemand);
            if (c.LinkPrepareFailure is { } why)
            {
                w.WriteString("link_prepare_failure", why);
            }
            else
            {
                w.WriteNull("link_prepare_failure");
            }

            WriteArray(w, "missed_by_phase", c.MissesByPhase, (w, m) =>
            {
                w.WriteString("end", m.EndName);
                w.WriteString("phase", m.Phase.ToString());
                w.WriteNumber("missed", m.Missed);
                Number(w, "wake_late_us_p50", m.WakeLateUsP50);
                Number(w, "wake_late_us_max", m.WakeLateUsMax);
                Number(w, "compute_us_p50", m.ComputeUsP50);
                Number(w, "compute_us_max", m.ComputeUsMax);
            });
            w.WriteStartObject("phases_ms_p50");
            foreach (var (phase, ms) in c.PhaseMsP50.OrderBy(p => p.Key))
            {
                Number(w, phase.ToString(), ms);
            }

            w.WriteEndObject();
            w.WriteNumber("jit_methods", c.JitMethods);
            Number(w, "jit_ms", c.JitMs);
            Number(w, "allocated_bytes_per_run", c.AllocatedBytesPerRun);
            Number(w, "rounds", c.Rounds);
            Number(w, "measured_bytes_per_second", c.MeasuredBytesPerSecond);
            Number(w, "dirty_bytes_per_second", c.DirtyBytesPerSecond);
            Number(w, "touched_bytes", c.TouchedBytes);
            Number(w, "tti_busy_fraction", c.TtiBusyFraction);
            Number(w, "model_total_ms", c.Predicted.TotalSeconds * 1e3);
            Number(w, "model_downtime_us", c.Predicted.DowntimeSeconds * 1e6);
            Number(w, "model_bytes", c.Predicted.BytesOnWire);
            Number(w, "cell_seconds", c.Seconds);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteTargets(Utf8JsonWriter w, IReadOnlyList<TargetResult> targets)
    {
        w.WriteStartArray("targets");
        foreach (var t in targets)
        {
            w.WriteStartObject();
            w.WriteString("key", t.Key);
            w.WriteString("target", t.Description);
            w.WriteString("status", t.Status switch { TargetStatus.Met => "met", TargetStatus.NotMet => "not met", _ => "not measured" });
            Number(w, "worst", t.Measured);
            Number(w, "threshold", t.Threshold);
            w.WriteString("detail", t.Detail);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    // Seed 002's figures: downtime and migration time against state size, redundancy vs hot standby; one series per method and load.
    private static void WriteSeed002(Utf8JsonWriter w, IReadOnlyList<MigrationCellResult> cells)
    {
        w.WriteStartArray("seed002");
        foreach (var series in Seed002Series(cells))
        {
            w.WriteStartObject();
            w.WriteString("method", series.Key.Method.ToString());
            Number(w, "load", series.Key.Load);
            w.WriteStartArray("points");
            foreach (var c in series.OrderBy(c => c.SizeMiB))
            {
                w.WriteStartObject();
                w.WriteNumber("size_mib", c.SizeMiB);
                w.WriteNumber("committed", c.Committed);
                Number(w, "downtime_us_p50", c.DowntimeUsP50);
                Number(w, "downtime_us_p99", c.DowntimeUsP99);
                Number(w, "total_ms_p50", c.TotalMsP50);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>Redundancy and hot-standby cells grouped per (method, load), in that order.</summary>
    internal static IEnumerable<IGrouping<(MigrationMethod Method, double Load), MigrationCellResult>> Seed002Series(IReadOnlyList<MigrationCellResult> cells)
        => cells.Where(c => c.Method is MigrationMethod.Redundancy or MigrationMethod.HotStandby)
            .GroupBy(c => (c.Method, c.Load))
            .OrderBy(g => g.Key.Method).ThenBy(g => g.Key.Load);

    private static void WriteSeed003(Utf8JsonWriter w, IReadOnlyList<ConvergencePoint> points)
    {
        w.WriteStartObject("seed003");
        w.WriteString("law", "T = N/delta ln(mu/(mu - delta)); normalised T mu/N = -ln(1 - rho)/rho with rho = delta/mu");
        w.WriteStartArray("points");
        foreach (var p in points)
        {
            w.WriteStartObject();
            Number(w, "load", p.Load);
            w.WriteNumber("size_mib", p.SizeMiB);
            Number(w, "delta_pages_per_s", p.DirtyPagesPerSecond);
            Number(w, "mu_pages_per_s", p.CopyPagesPerSecond);
            Number(w, "rho", p.Ratio);
            w.WriteNumber("rounds", p.Rounds);
            Number(w, "measured_ms", p.MeasuredSeconds * 1e3);
            Number(w, "law_ms", p.LawSeconds * 1e3);
            Number(w, "discrete_rounds_ms", p.DiscreteSeconds * 1e3);
            Number(w, "measured_normalised", p.NormalisedMeasured);
            Number(w, "law_normalised", p.NormalisedLaw);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("law_curve");
        foreach (double rho in LawCurveRatios())
        {
            w.WriteStartObject();
            Number(w, "rho", rho);
            Number(w, "law_normalised", ConvergencePoint.NormalisedLawAt(rho));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Where the law's curve is sampled: 0.02 to 0.98.</summary>
    internal static IEnumerable<double> LawCurveRatios() => Enumerable.Range(1, 49).Select(i => i * 0.02);

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, Math.Round(value, 6));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WholeNumber(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
