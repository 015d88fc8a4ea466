using System.ComponentModel.DataAnnotations;

namespace BbuPool.Simulation;

/// <summary>Knobs of a simulation run that are not part of the scenario (command-line and configuration).</summary>
public sealed class SimulationSettings
{
    /// <summary>Seed override; null uses the scenario's seed.</summary>
    public ulong? Seed { get; set; }

    /// <summary>
    /// Bandwidth one migration gets on the inter-node link, Gbit/s. 10 Gbit/s is a quarter of a
    /// 40 GbE NIC shared with fronthaul; the DPDK path moves 8.8-9.3 GB/s on this machine
    /// (DESIGN.md), so the link, not the transport, is the limit.
    /// </summary>
    [Range(0.01, 1000)]
    public double MigrationLinkGbps { get; set; } = 10;

    /// <summary>
    /// Time for the pool to notice a dead node (3 missed 100 ms heartbeats); cells without a hot
    /// standby are out of service at least this long.
    /// </summary>
    [Range(0, 60)]
    public double FailureDetectionSeconds { get; set; } = 0.3;

    /// <summary>Points kept for the report's timeline plot (the run is downsampled to this).</summary>
    [Range(10, 100_000)]
    public int TimelinePoints { get; set; } = 1440;
}
