using BbuPool.Core.Migration;

namespace BbuPool.Core.Policy;

/// <summary>The operator's policy for a pool (the `policy:` section of a scenario).</summary>
public sealed record PoolPolicy
{
    /// <summary>Extra share of compute kept per stack above its measured need (0.2 = 20 %).</summary>
    public double Headroom { get; init; } = 0.2;

    /// <summary>Consolidation thresholds.</summary>
    public ConsolidationPolicy Consolidation { get; init; } = new();

    /// <summary>Seconds between rebalancing passes.</summary>
    public double RebalancePeriodSeconds { get; init; } = 60;

    /// <summary>Migration method for every move, or auto (workload-aware selection).</summary>
    public MigrationMethod MigrationMethod { get; init; } = MigrationMethod.Auto;

    /// <summary>A cell is not moved again within this many seconds of its last move.</summary>
    public double CooldownSeconds { get; init; } = 600;

    /// <summary>Largest acceptable migration downtime.</summary>
    public double DowntimeBudgetMs { get; init; } = 1;

    /// <summary>EWMA weight of a new load sample (1 = no smoothing).</summary>
    public double LoadSmoothing { get; init; } = 0.3;

    /// <summary>Largest inter-node latency at which CoMP cluster members may sit on different nodes.</summary>
    public double CompMaxInterNodeMicros { get; init; } = 20;

    /// <summary>Switching latency added to every fronthaul path.</summary>
    public double FronthaulSwitchMicros { get; init; } = 10;

    /// <summary>Scheduler plugins by name (empty: the scheduler's defaults).</summary>
    public IReadOnlyDictionary<string, PluginSetting> Plugins { get; init; } = new Dictionary<string, PluginSetting>();
}
