namespace BbuPool.Scheduling.Rebalancing;

/// <summary>One move of a rebalancing plan, with its explanation.</summary>
/// <param name="Cell">Cell index.</param>
/// <param name="CellId">Cell id.</param>
/// <param name="FromNode">Source node index.</param>
/// <param name="ToNode">Destination node index.</param>
/// <param name="Why">Why the source is relieved.</param>
/// <param name="ExpectedGain">What the move buys: utilisations before and after.</param>
/// <param name="StateBytes">State moved.</param>
public sealed record RebalanceMove(int Cell, string CellId, int FromNode, int ToNode, string Why, string ExpectedGain, long StateBytes);
