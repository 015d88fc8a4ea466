using BbuPool.Core.Migration;

namespace BbuPool.Migration.Benchmarking;

/// <summary>The figures of one (method, size, load) cell.</summary>
public sealed record MigrationCellResult
{
    /// <summary>Method.</summary>
    public MigrationMethod Method { get; init; }

    /// <summary>State size in MiB.</summary>
    public int SizeMiB { get; init; }

    /// <summary>Load 0..1.</summary>
    public double Load { get; init; }

    /// <summary>Migrations attempted.</summary>
    public int Runs { get; init; }

    /// <summary>Migrations committed.</summary>
    public int Committed { get; init; }

    /// <summary>Median total time (ms).</summary>
    public double TotalMsP50 { get; init; }

    /// <summary>Median downtime (us).</summary>
    public double DowntimeUsP50 { get; init; }

    /// <summary>99th percentile downtime (us; the maximum when fewer than 100 runs).</summary>
    public double DowntimeUsP99 { get; init; }

    /// <summary>Mean bytes on the wire per migration.</summary>
    public double BytesOnWire { get; init; }

    /// <summary>Missed TTIs over all runs.</summary>
    public long MissedTtis { get; init; }

    /// <summary>Median pre-copy rounds.</summary>
    public double Rounds { get; init; }

    /// <summary>Page bandwidth measured by the source (bytes/s, median).</summary>
    public double MeasuredBytesPerSecond { get; init; }

    /// <summary>The cost model's prediction for this cell with the measured bandwidth and dirty rate.</summary>
    public MigrationEstimate Predicted { get; init; }

    /// <summary>Dirty rate measured before the first run (bytes/s).</summary>
    public double DirtyBytesPerSecond { get; init; }
}
