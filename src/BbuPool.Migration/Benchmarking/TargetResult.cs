namespace BbuPool.Migration.Benchmarking;

/// <summary>One issue target evaluated against the measurements.</summary>
/// <param name="Key">Stable name (JSON key).</param>
/// <param name="Description">The target as the issue states it.</param>
/// <param name="Status">Met, not met, not measured.</param>
/// <param name="Measured">The worst measured value over the covered cells (NaN when none).</param>
/// <param name="Threshold">The bound the worst value is held to (for ratios, 1.5).</param>
/// <param name="Detail">Per covered cell: what was measured.</param>
public sealed record TargetResult(string Key, string Description, TargetStatus Status, double Measured, double Threshold, string Detail);
