namespace BbuPool.Scheduling.Rebalancing;

/// <summary>The moves one rebalancing pass made, and the hot nodes it could not relieve.</summary>
/// <param name="AtSeconds">When the pass ran.</param>
/// <param name="Moves">The moves, in order.</param>
/// <param name="Unrelieved">Node indices still above the safe load after the pass.</param>
public sealed record RebalancePlan(double AtSeconds, IReadOnlyList<RebalanceMove> Moves, IReadOnlyList<int> Unrelieved)
{
    /// <summary>An empty plan.</summary>
    public static RebalancePlan Empty { get; } = new(0, [], []);

    /// <summary>Total state bytes the plan migrates.</summary>
    public long Bytes => Moves.Sum(m => m.StateBytes);
}
