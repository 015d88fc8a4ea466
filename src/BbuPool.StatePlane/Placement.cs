namespace BbuPool.StatePlane;

/// <summary>Where one cell's stack runs: a node and its exclusive cores, with a version for compare-and-set.</summary>
/// <param name="CellId">The cell (one stack instance).</param>
/// <param name="NodeId">The node that hosts it.</param>
/// <param name="Cores">The pinned cores on that node.</param>
/// <param name="Version">Starts at 1 and grows by one with every committed change of this cell.</param>
public sealed record Placement(string CellId, string NodeId, IReadOnlyList<int> Cores, long Version);
