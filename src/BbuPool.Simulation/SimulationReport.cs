namespace BbuPool.Simulation;

/// <summary>
/// What a simulation run measured. Field names of report.json are fixed (docs/simulation.md);
/// everything but <see cref="WallSeconds"/> is a pure function of scenario and seed.
/// </summary>
public sealed record SimulationReport
{
    /// <summary>Scenario name.</summary>
    public required string Scenario { get; init; }

    /// <summary>Seed used.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Scheduler that ran.</summary>
    public required string Scheduler { get; init; }

    /// <summary>Migration cost model that priced moves.</summary>
    public required string MigrationModel { get; init; }

    /// <summary>Steps simulated.</summary>
    public required int Steps { get; init; }

    /// <summary>Virtual seconds per step.</summary>
    public required double StepSeconds { get; init; }

    /// <summary>Cells in the scenario.</summary>
    public required int Cells { get; init; }

    /// <summary>Nodes at the end (events may add some).</summary>
    public required int Nodes { get; init; }

    /// <summary>Σ powered nodes × step hours.</summary>
    public required double ServerHours { get; init; }

    /// <summary>Σ per step of max over resources of the fewest nodes that hold the demand, × step hours.</summary>
    public required double LowerBoundServerHours { get; init; }

    /// <summary>Servers needed if every cell had its own peak all day (distributed RAN), × duration.</summary>
    public required double PeakProvisionedServerHours { get; init; }

    /// <summary>Energy drawn by the pool.</summary>
    public required double EnergyKwh { get; init; }

    /// <summary>Energy of the peak-provisioned pool carrying the same load.</summary>
    public required double PeakProvisionedEnergyKwh { get; init; }

    /// <summary>Live migrations by method name.</summary>
    public required IReadOnlyDictionary<string, int> Migrations { get; init; }

    /// <summary>Migration downtime percentiles (µs): p50, p99, max.</summary>
    public required DowntimeSummary MigrationDowntimeUs { get; init; }

    /// <summary>Missed TTIs / scheduled TTIs over all cells and steps.</summary>
    public required double DeadlineMissRate { get; init; }

    /// <summary>TTIs missed (overload, migration downtime, outage).</summary>
    public required double MissedTtis { get; init; }

    /// <summary>TTIs that were due.</summary>
    public required double TotalTtis { get; init; }

    /// <summary>Hard-constraint violations seen by the independent checker (must be 0).</summary>
    public required int ConstraintViolations { get; init; }

    /// <summary>Violations by rule name.</summary>
    public required IReadOnlyDictionary<string, int> ViolationsByRule { get; init; }

    /// <summary>
    /// Largest (powered − the policy's N+k lower bound) over steps not forced by a failure or drain:
    /// the bound a scheduler that keeps the policy's spare nodes can reach (docs/simulation.md).
    /// </summary>
    public required int MaxNodesOverLowerBound { get; init; }

    /// <summary>The same against the demand's bound alone (k = 0): the spare nodes show here.</summary>
    public required int MaxNodesOverDemandBound { get; init; }

    /// <summary>Moves of a cell within the policy's cooldown of its previous move.</summary>
    public required int MigrationsWithinCooldown { get; init; }

    /// <summary>Cells re-placed after their node failed.</summary>
    public required int Failovers { get; init; }

    /// <summary>Σ over steps of cells with no placement.</summary>
    public required long UnplacedCellSteps { get; init; }

    /// <summary>Most nodes powered at once.</summary>
    public required int PeakPoweredNodes { get; init; }

    /// <summary>Wall-clock seconds the run took (the only non-deterministic field).</summary>
    public required double WallSeconds { get; init; }

    /// <summary>Downsampled per-step figures for the plot.</summary>
    public required IReadOnlyList<StepSnapshot> Timeline { get; init; }

    /// <summary>Nodes the peak-provisioned pool needs (flat over the run).</summary>
    public required int PeakProvisionedNodes { get; init; }

    /// <summary>1 − server_hours / peak_provisioned_server_hours.</summary>
    public double ServerHoursSaving => PeakProvisionedServerHours > 0 ? 1 - (ServerHours / PeakProvisionedServerHours) : 0;
}
