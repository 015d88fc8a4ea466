namespace BbuPool.StatePlane;

/// <summary>One change inside a plan: place, move or remove one cell, only if its version still matches.</summary>
/// <param name="CellId">The cell to change.</param>
/// <param name="ExpectedVersion">
/// The version the planner read or tracked. 0 means "the cell must have no placement" (never placed,
/// or removed: the cell then starts again at version 1); a removed cell also matches its last
/// version, so a planner that tracks versions itself may keep counting up.
/// </param>
/// <param name="NodeId">The new node, or null to remove the placement.</param>
/// <param name="Cores">The new cores (empty when removing).</param>
public sealed record PlacementMove(string CellId, long ExpectedVersion, string? NodeId, IReadOnlyList<int> Cores)
{
    /// <summary>A move that places or re-places a cell.</summary>
    public static PlacementMove To(string cellId, long expectedVersion, string nodeId, IReadOnlyList<int> cores) =>
        new(cellId, expectedVersion, nodeId, cores);

    /// <summary>A move that removes a cell's placement.</summary>
    public static PlacementMove Remove(string cellId, long expectedVersion) =>
        new(cellId, expectedVersion, null, []);

    /// <summary>True when this move removes the placement.</summary>
    public bool IsRemoval => NodeId is null;
}
