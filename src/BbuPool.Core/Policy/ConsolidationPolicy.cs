namespace BbuPool.Core.Policy;

/// <summary>When nodes are drained and powered off, and when they are woken.</summary>
public sealed record ConsolidationPolicy
{
    /// <summary>Consolidate at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>A node whose used share of usable cores stays below this for <see cref="WindowSeconds"/> is a drain candidate.</summary>
    public double LowUtilisation { get; init; } = 0.4;

    /// <summary>Safe load: above this share of usable cores a node is relieved (rebalanced) and pool wakes capacity.</summary>
    public double HighUtilisation { get; init; } = 0.9;

    /// <summary>How long a node must stay below <see cref="LowUtilisation"/> before draining (anti-flap).</summary>
    public double WindowSeconds { get; init; } = 900;

    /// <summary>Spare powered nodes kept beyond the demand (N+k).</summary>
    public int SpareNodes { get; init; } = 1;
}
