namespace BbuPool.Core.Scheduling;

/// <summary>What happened since the last call, besides load (which is in the pool's demands).</summary>
/// <param name="Now">Current time, seconds since start.</param>
/// <param name="StepSeconds">Time until the next call.</param>
/// <param name="RebalanceDue">True when the policy's rebalance period has elapsed.</param>
/// <param name="LostCells">Cells whose node failed this step (unplaced now).</param>
public readonly record struct SchedulingContext(
    double Now,
    double StepSeconds,
    bool RebalanceDue,
    IReadOnlyList<int> LostCells);
